package rules

import (
	"sort"
	"strings"

	"github.com/dflint/dflint/parser"
)

// suppressions are the rules that ignore comments silence in one file.
//
// Recognised, on the comment lines directly above an instruction (for that
// instruction) or, with "global", anywhere (for the whole file):
//
//	# dflint ignore=DF301,DF104        # dflint global ignore=DF104
//	# hadolint ignore=DL3006            # hadolint global ignore=DL3006
//
// and BuildKit's check directive, file-wide in the leading directive block
// and for one instruction directly above it:
//
//	# check=skip=JSONArgsRecommended,MaintainerDeprecated   (or skip=all)
//
// Every name goes through the registry, so an ID, a rule name, a hadolint
// code or a BuildKit check name all work.
type suppressions struct {
	fileAll bool
	file    map[*Rule]bool
	// byInstr holds per-instruction suppressions keyed by instruction index;
	// the nil key means "all rules".
	byInstr map[int]map[*Rule]bool
	allAt   map[int]bool
}

func newSuppressions(f *parser.File) *suppressions {
	s := &suppressions{file: map[*Rule]bool{}, byInstr: map[int]map[*Rule]bool{}, allAt: map[int]bool{}}
	if f.Err != nil {
		return s
	}
	if d := f.Directive("check"); d != nil {
		names, all := checkSkip(d.Value)
		s.fileAll = s.fileAll || all
		s.addAll(s.file, names)
	}
	for _, c := range f.Comments {
		if names, all, global, ok := ignoreComment(c.Text); ok && global {
			s.fileAll = s.fileAll || all
			s.addAll(s.file, names)
		}
	}
	for _, in := range f.Instructions {
		for _, c := range f.CommentsAbove(in) {
			var names []string
			var all bool
			if n, a, global, ok := ignoreComment(c.Text); ok && !global {
				names, all = n, a
			} else if v, ok := strings.CutPrefix(c.Text, "check="); ok && !isDirectiveLine(f, c.Line) {
				names, all = checkSkip(v)
			} else {
				continue
			}
			if all {
				s.allAt[in.Index] = true
			}
			m := s.byInstr[in.Index]
			if m == nil {
				m = map[*Rule]bool{}
				s.byInstr[in.Index] = m
			}
			s.addAll(m, names)
		}
	}
	return s
}

func isDirectiveLine(f *parser.File, line int) bool {
	for _, d := range f.Directives {
		if d.Line == line {
			return true
		}
	}
	return false
}

func (s *suppressions) addAll(m map[*Rule]bool, names []string) {
	for _, n := range names {
		for _, r := range Lookup(n) {
			m[r] = true
		}
	}
}

// ignoreComment reads "dflint ignore=…", "dflint global ignore=…" and the
// same with "hadolint".
func ignoreComment(text string) (names []string, all, global, ok bool) {
	tool, rest, found := strings.Cut(strings.TrimSpace(text), " ")
	if !found || (tool != "dflint" && tool != "hadolint") {
		return nil, false, false, false
	}
	rest = strings.TrimSpace(rest)
	if r, g := strings.CutPrefix(rest, "global "); g {
		global, rest = true, strings.TrimSpace(r)
	}
	v, found := strings.CutPrefix(rest, "ignore")
	if !found {
		return nil, false, false, false
	}
	v = strings.TrimSpace(v)
	v, found = strings.CutPrefix(v, "=")
	if !found {
		return nil, false, false, false
	}
	names, all = splitNames(v)
	return names, all, global, true
}

// checkSkip reads the skip list of a BuildKit check directive value such as
// "skip=A,B;error=true".
func checkSkip(v string) (names []string, all bool) {
	for _, part := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "skip") {
			n, a := splitNames(val)
			names = append(names, n...)
			all = all || a
		}
	}
	return names, all
}

// splitNames splits "A, B,C reason text" into names; text after the first
// name that is not followed by a comma is a free-form reason.
func splitNames(v string) (names []string, all bool) {
	v = strings.TrimSpace(v)
	for v != "" {
		var name string
		i := strings.IndexAny(v, ", \t")
		if i < 0 {
			name, v = v, ""
		} else {
			name, v = v[:i], strings.TrimLeft(v[i:], " \t")
		}
		if name != "" {
			if strings.EqualFold(name, "all") {
				all = true
			} else {
				names = append(names, name)
			}
		}
		if !strings.HasPrefix(v, ",") {
			break
		}
		v = strings.TrimLeft(v, ", \t")
	}
	return names, all
}

// suppressed tells whether a finding is silenced. DF001 never is.
func (s *suppressions) suppressed(f *parser.File, fd *Finding) bool {
	if fd.Rule == nil || fd.Rule.ID == parseErrorID {
		return false
	}
	if s.fileAll || s.file[fd.Rule] {
		return true
	}
	in := instructionAt(f, fd.Start)
	if in == nil {
		return false
	}
	return s.allAt[in.Index] || s.byInstr[in.Index][fd.Rule]
}

// instructionAt returns the instruction whose range holds offset, or nil.
func instructionAt(f *parser.File, offset int) *parser.Instruction {
	ins := f.Instructions
	i := sort.Search(len(ins), func(i int) bool { return ins[i].End >= offset })
	if i < len(ins) && ins[i].Start <= offset {
		return ins[i]
	}
	return nil
}

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
	// file holds the file-wide entries, byInstr the entries of the comments
	// directly above an instruction, keyed by instruction index.
	file    []*ignoreEntry
	byInstr map[int][]*ignoreEntry
}

// ignoreEntry is one name in an ignore comment or check directive.
type ignoreEntry struct {
	Name string // as written
	// Start and End are the name's byte range in the file.
	Start, End int
	Line       int
	All        bool    // "all": every rule
	Rules      []*Rule // what the name resolves to (none for an unknown name)
	// Check is true for BuildKit's `# check=skip=` directive: BuildKit
	// skips those checks itself, so their use cannot be seen.
	Check bool
	// Used is set once the entry silenced a finding.
	Used bool
}

// covers tells whether the entry silences the finding: a name that stands
// for one part of a rule (see Rule.Parts) silences that part only, as
// `# check=skip=FromAsCasing` leaves BuildKit's ConsistentInstructionCasing.
func (e *ignoreEntry) covers(fd *Finding) bool {
	if e.All {
		return true
	}
	for _, x := range e.Rules {
		if x == fd.Rule {
			part := x.Part(e.Name)
			return part == "" || part == fd.Check
		}
	}
	return false
}

func newSuppressions(f *parser.File) *suppressions {
	s := &suppressions{byInstr: map[int][]*ignoreEntry{}}
	if f.Err != nil {
		return s
	}
	if d := f.Directive("check"); d != nil {
		s.file = append(s.file, entriesOf(f, d.Line, d.Start, d.End, checkSkip(d.Value), true)...)
	}
	for _, c := range f.Comments {
		if names, global, ok := ignoreComment(c.Text); ok && global {
			s.file = append(s.file, entriesOf(f, c.Line, c.Start, c.End, names, false)...)
		}
	}
	for _, in := range f.Instructions {
		for _, c := range f.CommentsAbove(in) {
			var es []*ignoreEntry
			if names, global, ok := ignoreComment(c.Text); ok && !global {
				es = entriesOf(f, c.Line, c.Start, c.End, names, false)
			} else if v, ok := strings.CutPrefix(c.Text, "check="); ok && !isDirectiveLine(f, c.Line) {
				es = entriesOf(f, c.Line, c.Start, c.End, checkSkip(v), true)
			} else {
				continue
			}
			s.byInstr[in.Index] = append(s.byInstr[in.Index], es...)
		}
	}
	return s
}

// entriesOf resolves the names of one comment line (the byte range
// [start, end)) and finds each name's place in it.
func entriesOf(f *parser.File, line, start, end int, names []string, check bool) []*ignoreEntry {
	text := string(f.Source[start:end])
	at := 0
	var out []*ignoreEntry
	for _, n := range names {
		e := &ignoreEntry{Name: n, Line: line, Check: check, Start: start, End: end}
		if i := strings.Index(text[at:], n); i >= 0 {
			e.Start, e.End = start+at+i, start+at+i+len(n)
			at += i + len(n)
		}
		if strings.EqualFold(n, "all") {
			e.All = true
		} else {
			e.Rules = Lookup(n)
		}
		out = append(out, e)
	}
	return out
}

func isDirectiveLine(f *parser.File, line int) bool {
	for _, d := range f.Directives {
		if d.Line == line {
			return true
		}
	}
	return false
}

// ignoreComment reads "dflint ignore=…", "dflint global ignore=…" and the
// same with "hadolint". "all" is one of the names.
func ignoreComment(text string) (names []string, global, ok bool) {
	tool, rest, found := strings.Cut(strings.TrimSpace(text), " ")
	if !found || (tool != "dflint" && tool != "hadolint") {
		return nil, false, false
	}
	rest = strings.TrimSpace(rest)
	if r, g := strings.CutPrefix(rest, "global "); g {
		global, rest = true, strings.TrimSpace(r)
	}
	v, found := strings.CutPrefix(rest, "ignore")
	if !found {
		return nil, false, false
	}
	v = strings.TrimSpace(v)
	v, found = strings.CutPrefix(v, "=")
	if !found {
		return nil, false, false
	}
	return splitNames(v), global, true
}

// checkSkip reads the skip list of a BuildKit check directive value such as
// "skip=A,B;error=true".
func checkSkip(v string) (names []string) {
	for _, part := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "skip") {
			names = append(names, splitNames(val)...)
		}
	}
	return names
}

// splitNames splits "A, B,C reason text" into names; text after the first
// name that is not followed by a comma is a free-form reason.
func splitNames(v string) (names []string) {
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
			names = append(names, name)
		}
		if !strings.HasPrefix(v, ",") {
			break
		}
		v = strings.TrimLeft(v, ", \t")
	}
	return names
}

// suppressed tells whether a finding is silenced, and marks every entry
// that silences it as used. DF001 never is.
func (s *suppressions) suppressed(f *parser.File, fd *Finding) bool {
	if fd.Rule == nil || fd.Rule.ID == parseErrorID {
		return false
	}
	hit := false
	for _, e := range s.file {
		if e.covers(fd) {
			e.Used, hit = true, true
		}
	}
	if in := instructionAt(f, fd.Start); in != nil {
		for _, e := range s.byInstr[in.Index] {
			if e.covers(fd) {
				e.Used, hit = true, true
			}
		}
	}
	return hit
}

// entries lists every entry in file order.
func (s *suppressions) entries() []*ignoreEntry {
	out := append([]*ignoreEntry(nil), s.file...)
	for _, es := range s.byInstr {
		out = append(out, es...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
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

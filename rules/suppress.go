package rules

import (
	"sort"
	"strings"

	"github.com/dflint/dflint/parser"
)

// suppressions are the rules that ignore comments silence in one file.
//
// Recognised, on the comment lines directly above an instruction (for that
// instruction), with "stage" (for the instruction below and the rest of its
// stage: the whole stage when the instruction is its FROM) or, with
// "global", anywhere (for the whole file):
//
//	# dflint ignore=DF301,DF104        # dflint global ignore=DF104
//	# hadolint ignore=DL3006            # hadolint global ignore=DL3006
//	# hadolint stage ignore=DL3008      # dflint stage ignore=DF401
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
	// byStage holds the entries of the stage comments.
	byStage []stageIgnore
}

// stageIgnore is one stage comment: its entries cover the instructions
// whose indexes are First to Last.
type stageIgnore struct {
	First, Last int
	Entries     []*ignoreEntry
}

// ignoreScope is what an ignore comment covers.
type ignoreScope int

const (
	scopeNext  ignoreScope = iota // the instruction directly below
	scopeStage                    // that instruction and the rest of its stage
	scopeFile                     // the whole file ("global")
)

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

// newSuppressions reads the file's ignore comments and check directives.
// With noComments (hadolint's disable-ignore-pragma), the dflint and
// hadolint comments count for nothing; BuildKit's check directive still
// does, as BuildKit itself honours it.
func newSuppressions(f *parser.File, noComments bool) *suppressions {
	s := &suppressions{byInstr: map[int][]*ignoreEntry{}}
	if f.Err != nil {
		return s
	}
	if d := f.Directive("check"); d != nil {
		s.file = append(s.file, entriesOf(f, d.Line, d.Start, d.End, checkSkip(d.Value), true)...)
	}
	if !noComments {
		for _, c := range f.Comments {
			names, scope, ok := ignoreComment(c.Text)
			switch {
			case !ok:
			case scope == scopeFile:
				s.file = append(s.file, entriesOf(f, c.Line, c.Start, c.End, names, false)...)
			case scope == scopeStage:
				if first, last, ok := stageAfter(f, c.Line); ok {
					s.byStage = append(s.byStage, stageIgnore{First: first, Last: last, Entries: entriesOf(f, c.Line, c.Start, c.End, names, false)})
				}
			}
		}
	}
	for _, in := range f.Instructions {
		for _, c := range f.CommentsAbove(in) {
			var es []*ignoreEntry
			if names, scope, ok := ignoreComment(c.Text); ok && scope == scopeNext && !noComments {
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

// stageAfter finds what a stage comment on line covers: the first
// instruction below it and every later one up to the next FROM. Placed
// above a FROM, that is the whole stage. ok is false when no instruction
// follows.
//
// hadolint (2.15.1, src/Hadolint/Process.hs stageIgnores) applies a stage
// pragma from the line after the instruction below it, so the FROM it
// stands above is not covered but the next stage's FROM is: an off-by-one
// that dflint does not copy.
func stageAfter(f *parser.File, line int) (first, last int, ok bool) {
	ins := f.Instructions
	i := sort.Search(len(ins), func(i int) bool { return ins[i].StartLine > line })
	if i == len(ins) {
		return 0, 0, false
	}
	last = i
	for last+1 < len(ins) && ins[last+1].Name != "from" {
		last++
	}
	return ins[i].Index, ins[last].Index, true
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

// ignoreComment reads "dflint ignore=…", "dflint global ignore=…",
// "dflint stage ignore=…" and the same with "hadolint" (hadolint 2.15.1,
// src/Hadolint/Pragma.hs). "all" is one of the names.
func ignoreComment(text string) (names []string, scope ignoreScope, ok bool) {
	tool, rest, found := strings.Cut(strings.TrimSpace(text), " ")
	if !found || (tool != "dflint" && tool != "hadolint") {
		return nil, scopeNext, false
	}
	rest = strings.TrimSpace(rest)
	if r, g := strings.CutPrefix(rest, "global "); g {
		scope, rest = scopeFile, strings.TrimSpace(r)
	} else if r, st := strings.CutPrefix(rest, "stage "); st {
		scope, rest = scopeStage, strings.TrimSpace(r)
	}
	v, found := strings.CutPrefix(rest, "ignore")
	if !found {
		return nil, scopeNext, false
	}
	v = strings.TrimSpace(v)
	v, found = strings.CutPrefix(v, "=")
	if !found {
		return nil, scopeNext, false
	}
	return splitNames(v), scope, true
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
		for _, st := range s.byStage {
			if in.Index < st.First || in.Index > st.Last {
				continue
			}
			for _, e := range st.Entries {
				if e.covers(fd) {
					e.Used, hit = true, true
				}
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
	for _, st := range s.byStage {
		out = append(out, st.Entries...)
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

package rules

import (
	"context"
	"errors"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

// Writing ignore comments: the other half of suppress.go, which reads them.
// The editor's "Ignore ID here" action and `dflint lint --add-ignore` (a
// baseline of every current finding) both write through IgnoreEdit, so a
// comment is written in the one syntax the engine reads, and a test can
// check the two against each other.

// IgnoreEdit returns the edit that makes the ignore comment directly above
// the instruction list every name in ids: names are added to a
// `# dflint ignore=` comment already there (after its last name, before any
// reason written after the list), else a new `# dflint ignore=…` line is
// written above the instruction's first line (above its continuation lines
// and heredocs), indented like it, in the file's line endings, and after a
// byte order mark. ok is false when every name is listed already, or the
// file does not parse.
func IgnoreEdit(f *parser.File, in *parser.Instruction, ids []string) (e edit.Edit, ok bool) {
	if f.Err != nil || in == nil {
		return edit.Edit{}, false
	}
	above := f.CommentsAbove(in)
	for i := len(above) - 1; i >= 0; i-- {
		c := above[i]
		end, listed, ok := dflintIgnoreList(string(f.Source[c.Start:c.End]))
		if !ok {
			continue
		}
		missing := missingNames(ids, listed)
		if len(missing) == 0 {
			return edit.Edit{}, false
		}
		at := c.Start + end
		return edit.Edit{Start: at, End: at, NewText: "," + strings.Join(missing, ",")}, true
	}
	missing := missingNames(ids, nil)
	if len(missing) == 0 {
		return edit.Edit{}, false
	}
	lineStart := f.LineStart(in.StartLine)
	if in.StartLine == 1 && f.HasBOM {
		lineStart = 3 // after the byte order mark, which must stay first
	}
	line := f.Source[lineStart:f.LineEnd(in.StartLine)]
	indent := line[:len(line)-len(strings.TrimLeft(string(line), " \t"))]
	return edit.Edit{Start: lineStart, End: lineStart,
		NewText: string(indent) + "# dflint ignore=" + strings.Join(missing, ",") + f.NewlineStyle()}, true
}

// dflintIgnoreList reads a comment line ("# dflint ignore=A,B reason") as
// the engine does (ignoreComment), for the instruction below only (not
// stage or global); end is the byte offset in line just past the last
// name, where more names go.
func dflintIgnoreList(line string) (end int, names []string, ok bool) {
	text := strings.TrimPrefix(line, "#")
	names, scope, ok := ignoreComment(text)
	if !ok || scope != scopeNext || len(names) == 0 || !strings.HasPrefix(strings.TrimSpace(text), "dflint ") {
		return 0, nil, false
	}
	// The names come after the first "=", in order, each after the one
	// before.
	at := strings.Index(line, "=") + 1
	for _, n := range names {
		i := strings.Index(line[at:], n)
		if i < 0 {
			return 0, nil, false
		}
		at += i + len(n)
	}
	return at, names, true
}

// missingNames are the ids (without repeats) that listed does not hold,
// compared as the engine resolves names (DL3008 and DF401's name are DF401).
func missingNames(ids, listed []string) []string {
	var out []string
	has := func(names []string, id string) bool {
		for _, n := range names {
			if strings.EqualFold(n, id) || sameRule(n, id) {
				return true
			}
		}
		return false
	}
	for _, id := range ids {
		if !has(listed, id) && !has(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// sameRule tells whether two names resolve to exactly one and the same rule.
func sameRule(a, b string) bool {
	ra, rb := Lookup(a), Lookup(b)
	return len(ra) == 1 && len(rb) == 1 && ra[0] == rb[0] && ra[0].Part(a) == "" && rb[0].Part(b) == ""
}

// Baseline is what AddIgnores did to one file: the fix loop's result, in
// which each applied fix is one comment written or extended, and the
// findings of the input that the comments silence, counted by rule ID.
type Baseline struct {
	*rewrite.Result[Finding]
	Ignored map[string]int
}

// AddIgnores writes an ignore comment above every instruction of src that
// has findings, naming their rules, so that the file lints clean with the
// same linter: a baseline for a repository that adopts dflint, as ruff's
// --add-noqa. It runs in the fix loop (rewrite.Fix), so the comments that
// a first round writes are linted again, a round that would break the file
// is undone, and running it twice changes nothing.
//
// What a comment cannot silence is left in Remaining: a file that does not
// parse (DF001) and findings outside any instruction. An engine that does
// not read ignore comments (Engine.ReadsIgnoreComments) gets
// ErrIgnoreCommentsOff.
func AddIgnores(ctx context.Context, l rewrite.Linter[Finding], path string, src []byte) (*Baseline, error) {
	if e, ok := l.(*Engine); ok && !e.ReadsIgnoreComments() {
		return nil, ErrIgnoreCommentsOff
	}
	il := &ignoreLinter{l: l}
	res, err := rewrite.Fix[ignoreFinding](ctx, il, path, src, rewrite.Options{})
	if res == nil {
		return nil, err
	}
	out := &rewrite.Result[Finding]{Path: res.Path, Input: res.Input, Output: res.Output, Applied: res.Applied,
		Rounds: res.Rounds, RolledBack: res.RolledBack, File: res.File, Errs: res.Errs}
	b := &Baseline{Result: out, Ignored: map[string]int{}}
	for _, f := range il.input {
		b.Ignored[f.RuleID]++
	}
	for _, f := range res.Remaining {
		out.Remaining = append(out.Remaining, f.Finding)
		b.Ignored[f.RuleID]--
	}
	for id, n := range b.Ignored {
		if n <= 0 || !res.Changed() {
			delete(b.Ignored, id)
		}
	}
	return b, err
}

// ErrIgnoreCommentsOff is AddIgnores' answer for an engine that does not
// read ignore comments: writing them would change the file and silence
// nothing.
var ErrIgnoreCommentsOff = errors.New("ignore comments are turned off (disable-ignore-comments in the config): comments written now would silence nothing; remove that setting to write a baseline")

// ignoreFinding is a finding whose proposed fix is the ignore comment of
// its instruction (the first finding of each instruction carries it for
// all of the instruction's findings).
type ignoreFinding struct {
	Finding
	fix *edit.Fix
}

func (f ignoreFinding) Proposal() rewrite.Proposal {
	p := f.Finding.Proposal()
	p.Fix = f.fix
	return p
}

// ignoreLinter lints with l and proposes, per instruction, the comment
// that silences its findings. input keeps the findings of the first lint,
// which is of the input text.
type ignoreLinter struct {
	l      rewrite.Linter[Finding]
	input  []Finding
	linted bool
}

func (il *ignoreLinter) Lint(ctx context.Context, file *parser.File) ([]ignoreFinding, []error) {
	findings, errs := il.l.Lint(ctx, file)
	if !il.linted {
		il.input, il.linted = findings, true
	}
	out := make([]ignoreFinding, len(findings))
	first := map[*parser.Instruction]int{}
	ids := map[*parser.Instruction][]string{}
	var order []*parser.Instruction
	for i, fd := range findings {
		out[i] = ignoreFinding{Finding: fd}
		if fd.Rule == nil || fd.RuleID == parseErrorID || fd.RuleID == "" {
			continue
		}
		in := instructionAt(file, fd.Start)
		if in == nil {
			continue
		}
		if _, seen := first[in]; !seen {
			first[in] = i
			order = append(order, in)
		}
		ids[in] = append(ids[in], fd.RuleID)
	}
	for _, in := range order {
		e, ok := IgnoreEdit(file, in, ids[in])
		if !ok {
			continue
		}
		out[first[in]].fix = &edit.Fix{
			Title:         "Ignore " + strings.Join(missingNames(ids[in], nil), ", "),
			Applicability: edit.Safe,
			Edits:         []edit.Edit{e},
		}
	}
	return out, errs
}

package rewrite

// The fix loop. Fix works in rounds, the way ruff does: lint, take every
// applicable fix that does not overlap one already taken, apply them all as
// byte edits on the current text, re-parse and re-lint, and repeat until no
// applicable fix is left. Fixes that overlap are not lost: their findings
// come back in the next round, on text that already holds the first fix. A
// round whose text no longer parses, or in which a fix changes an
// instruction it does not edit (untouched.go), is rolled back, and the rule
// whose fix did it is left out for the rest of the file, so one faulty fix
// never costs the others.

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
)

// DefaultMaxRounds bounds the fix loop when Options.MaxRounds is zero. Real
// files settle in two or three rounds; more means two fixes undo each other.
const DefaultMaxRounds = 10

// Linter is what Fix re-lints with after every round; *rules.Engine is one
// (a Linter[rules.Finding]). Fix must be given the same engine (same rules,
// same options) that the findings were reported with, or it fixes what the
// user did not ask for. The loop reads findings only through Finding, so
// that rewrite does not depend on the rules it applies.
type Linter[F Finding] interface {
	Lint(ctx context.Context, f *parser.File) ([]F, []error)
}

// Finding is what the fix loop needs of a lint finding.
type Finding interface {
	Proposal() Proposal
}

// Proposal is a finding as the fix loop sees it.
type Proposal struct {
	RuleID  string // the rule that reported it
	Line    int    // 1-based, for messages
	Message string
	Fix     *edit.Fix // nil when the finding has none
}

// parseErrorRule is the rule that reports a file that does not parse: a
// round whose text gets it is rolled back.
const parseErrorRule = "DF001"

// Options choose which fixes Fix applies.
type Options struct {
	// Unsafe also applies fixes marked edit.Unsafe (--unsafe-fixes).
	// Safe fixes are always applied; display-only fixes never are.
	Unsafe bool
	// MaxRounds bounds the fix loop; zero means DefaultMaxRounds.
	MaxRounds int
	// UnsafeRules lists rules whose unsafe fixes apply without Unsafe:
	// the command line asked for exactly those changes (`dflint pin
	// --update` and DF103's digest updates).
	UnsafeRules []string
}

// applies tells whether a fix of this applicability is applied.
func (o Options) applies(a edit.Applicability) bool {
	return a == edit.Safe || (a == edit.Unsafe && o.Unsafe)
}

// appliesTo is applies for a fix of the rule id, counting UnsafeRules.
func (o Options) appliesTo(id string, a edit.Applicability) bool {
	if a == edit.Unsafe {
		for _, r := range o.UnsafeRules {
			if r == id {
				return true
			}
		}
	}
	return o.applies(a)
}

// Result is what Fix did to one file.
type Result[F Finding] struct {
	Path string
	// Input is the text Fix was given; Output the fixed text. They are equal
	// when nothing was applied (or when Fix returned an error).
	Input, Output []byte
	// Applied lists every fix applied, in the order applied.
	Applied []AppliedFix
	// Rounds is how many rounds ran, rolled-back ones included.
	Rounds int
	// RolledBack lists the rounds whose text did not parse or changed an
	// instruction that no fix edits; their edits are not in Output.
	RolledBack []Rollback
	// Remaining are the findings on Output.
	Remaining []F
	// File is Output parsed (the parse the last round linted), so that a
	// caller reporting Remaining does not parse it again.
	File *parser.File
	// Errs are internal failures met on the way (a rule that crashed, a fix
	// whose edits are out of range); the fixes that did work are applied.
	Errs []error
}

// AppliedFix is one fix that is in the output.
type AppliedFix struct {
	RuleID        string
	Title         string
	Applicability edit.Applicability
	// Round is the 1-based round that applied it.
	Round int
	// Line is the line of its finding in that round's input.
	Line int
	// Edits are on that round's input, not on Result.Input (except in
	// round 1).
	Edits []edit.Edit
}

// Rollback is a round whose text no longer parsed, or parsed but changed
// an instruction that none of its fixes edits.
type Rollback struct {
	Round int
	// Rules are the IDs of the rules whose fix broke the file (each fix
	// alone broke it), or of every rule in the round when only their
	// combination did. Their fixes are left out for the rest of the file.
	Rules []string
	// ChangedOthers tells that the text parsed but an instruction outside
	// the fixes' edits changed; otherwise the text did not parse.
	ChangedOthers bool
	// Line and Message are the parse error in the rolled-back text, or the
	// instruction that changed (its line in the round's input).
	Line    int
	Message string
}

// Problem says what was wrong with the rolled-back round, for a report
// that names the file and the rules first.
func (rb Rollback) Problem() string {
	if rb.ChangedOthers {
		return fmt.Sprintf("changed an instruction it does not edit (%s)", rb.Message)
	}
	return fmt.Sprintf("made the file unparsable (line %d: %s)", rb.Line, rb.Message)
}

// Changed tells whether Output differs from Input.
func (r *Result[F]) Changed() bool { return !bytes.Equal(r.Input, r.Output) }

// Diff is the unified diff from Input to Output under Path (nil when
// nothing changed); see UnifiedDiff for what Path should be.
func (r *Result[F]) Diff() []byte { return UnifiedDiff(r.Path, r.Input, r.Output) }

// AppliedByRule counts the applied fixes per rule ID.
func (r *Result[F]) AppliedByRule() map[string]int {
	m := map[string]int{}
	for _, a := range r.Applied {
		m[a.RuleID]++
	}
	return m
}

// Unfixed splits the remaining findings into those that carry a fix that
// was not applied (unsafe without Options.Unsafe, display-only, or left out
// after a rollback) and those that have none.
func (r *Result[F]) Unfixed() (withFix, withoutFix []F) {
	for _, f := range r.Remaining {
		if fx := f.Proposal().Fix; fx != nil && len(fx.Edits) > 0 {
			withFix = append(withFix, f)
		} else {
			withoutFix = append(withoutFix, f)
		}
	}
	return withFix, withoutFix
}

// NotConvergedError says the fixes kept changing the file round after round.
type NotConvergedError struct {
	Path   string
	Rounds int
	// Rules are the IDs of the rules whose fixes were still being applied.
	Rules []string
}

func (e *NotConvergedError) Error() string {
	return fmt.Sprintf("%s: fixes did not settle after %d rounds (%s still changing the file); the file was left unchanged: please report this with the Dockerfile, and run with --ignore %s to fix the rest",
		e.Path, e.Rounds, strings.Join(e.Rules, ", "), strings.Join(e.Rules, ","))
}

// Fix applies the fixes that the linter reports on src, in rounds, until
// none is left. path is the name the file is reported under.
//
// A file that does not parse is returned unchanged, with its DF001 finding
// in Remaining: there is nothing to fix edits on. When the fixes do not
// settle within the round limit, Fix returns a *NotConvergedError and a
// Result whose Output is the unchanged input, so that a caller who writes
// Output anyway does no harm. Only a cancelled ctx is another error.
func Fix[F Finding](ctx context.Context, l Linter[F], path string, src []byte, opts Options) (*Result[F], error) {
	maxRounds := opts.MaxRounds
	if maxRounds <= 0 {
		maxRounds = DefaultMaxRounds
	}
	res := &Result[F]{Path: path, Input: src, Output: src}
	errs := errorSet{}

	cur := src
	f := parser.Parse(path, cur)
	res.File = f
	findings, lerrs := l.Lint(ctx, f)
	errs.add(lerrs...)
	if f.Err != nil {
		res.Remaining = findings
		res.Errs = errs.list
		return res, nil
	}

	left := map[string]bool{} // rules left out after breaking the file
	var lastRules []string
	for round := 1; ; round++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		chosen, bad := choose(findings, len(cur), opts, left)
		for _, fd := range bad {
			errs.add(fmt.Errorf("%s:%d: rule %s offered a fix whose edits are out of range or overlap each other; it was skipped (please report this with the Dockerfile)", path, fd.Line, fd.RuleID))
		}
		if len(chosen) == 0 {
			break
		}
		if round > maxRounds {
			res.Output = src
			res.Applied = nil
			res.Errs = errs.list
			res.Remaining = nil
			return res, &NotConvergedError{Path: path, Rounds: maxRounds, Rules: lastRules}
		}
		res.Rounds = round
		next := apply(cur, editsOf(chosen))
		if bytes.Equal(next, cur) {
			// Edits that rewrite text to itself would be chosen again
			// every round: the file has settled as far as they go.
			break
		}
		nf := parser.Parse(path, next)
		nfindings, lerrs := l.Lint(ctx, nf)
		if msg, line, broken := brokenBy(nf, nfindings); broken {
			blamed := blame(chosen, func(fix []edit.Edit) bool {
				return parser.Parse(path, apply(cur, fix)).Err != nil
			})
			for _, id := range blamed {
				left[id] = true
			}
			res.RolledBack = append(res.RolledBack, Rollback{Round: round, Rules: blamed, Line: line, Message: msg})
			continue
		}
		if ch := changedOutside(f, nf, fixEdits(chosen)); ch != nil {
			blamed := blame(chosen, func(fix []edit.Edit) bool {
				alone := parser.Parse(path, apply(cur, fix))
				return alone.Err != nil || changedOutside(f, alone, [][]edit.Edit{fix}) != nil
			})
			for _, id := range blamed {
				left[id] = true
			}
			res.RolledBack = append(res.RolledBack, Rollback{Round: round, Rules: blamed, ChangedOthers: true, Line: ch.Line, Message: ch.Message})
			continue
		}
		errs.add(lerrs...)
		lastRules = lastRules[:0]
		seen := map[string]bool{}
		for _, fd := range chosen {
			res.Applied = append(res.Applied, AppliedFix{
				RuleID: fd.RuleID, Title: fd.Fix.Title, Applicability: fd.Fix.Applicability,
				Round: round, Line: fd.Line, Edits: append([]edit.Edit(nil), fd.Fix.Edits...),
			})
			if !seen[fd.RuleID] {
				seen[fd.RuleID] = true
				lastRules = append(lastRules, fd.RuleID)
			}
		}
		cur, findings, f = next, nfindings, nf
	}
	res.Output = cur
	res.File = f
	res.Remaining = findings
	res.Errs = errs.list
	return res, nil
}

// brokenBy tells whether a round's text is unusable: it does not parse, or
// the linter reports a parse error on it.
func brokenBy[F Finding](f *parser.File, findings []F) (msg string, line int, broken bool) {
	if f.Err != nil {
		return f.Err.Message, f.Err.Line, true
	}
	for _, x := range findings {
		if fd := x.Proposal(); fd.RuleID == parseErrorRule {
			return fd.Message, fd.Line, true
		}
	}
	return "", 0, false
}

// blame finds the rules whose fix alone does harm (bad tells for a fix's
// edits). When no single fix does, the combination is at fault and every
// rule in the round is blamed, so that the loop still makes progress.
func blame(chosen []Proposal, bad func(fix []edit.Edit) bool) []string {
	var ids []string
	add := func(id string) {
		for _, x := range ids {
			if x == id {
				return
			}
		}
		ids = append(ids, id)
	}
	for _, fd := range chosen {
		if bad(fd.Fix.Edits) {
			add(fd.RuleID)
		}
	}
	if len(ids) == 0 {
		for _, fd := range chosen {
			add(fd.RuleID)
		}
	}
	sort.Strings(ids)
	return ids
}

// choose picks the fixes to apply in one round: applicable ones, in file
// order, skipping a fix that overlaps one already taken (it comes back next
// round). Fixes with invalid edits are returned in bad.
//
// Fixes that restructure stages (edit.Fix.Restructures: a new base image,
// new stages, moved instructions) are chosen first and hold their stages:
// no other fix with an edit there is applied in the same round, because it
// was computed for the base image or layout being replaced (a user added
// with useradd for Debian, on a stage moving to Wolfi). Next round those
// fixes are computed again on the new text.
func choose[F Finding](findings []F, size int, opts Options, left map[string]bool) (chosen, bad []Proposal) {
	type cand struct {
		fd         Proposal
		start, end int
	}
	var cands []cand
	for _, x := range findings {
		fd := x.Proposal()
		fx := fd.Fix
		if fx == nil || len(fx.Edits) == 0 || !opts.appliesTo(fd.RuleID, fx.Applicability) || left[fd.RuleID] {
			continue
		}
		if !validEdits(fx.Edits, size) {
			bad = append(bad, fd)
			continue
		}
		c := cand{fd: fd, start: fx.Edits[0].Start, end: fx.Edits[0].End}
		for _, e := range fx.Edits[1:] {
			c.start = min(c.start, e.Start)
			c.end = max(c.end, e.End)
		}
		cands = append(cands, c)
	}
	// Findings arrive in file order already; sorting by the fix's own span
	// keeps the choice independent of where a rule reports its finding.
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].start != cands[j].start {
			return cands[i].start < cands[j].start
		}
		return cands[i].end < cands[j].end
	})
	var taken []edit.Edit
	var held []edit.Range
	for _, restructuring := range []bool{true, false} {
		for _, c := range cands {
			fx := c.fd.Fix
			if (len(fx.Restructures) > 0) != restructuring || conflicts(fx.Edits, taken) || inHeld(fx.Edits, held) {
				continue
			}
			if restructuring && holdsAny(fx.Restructures, taken) {
				continue
			}
			taken = append(taken, fx.Edits...)
			held = append(held, fx.Restructures...)
			chosen = append(chosen, c.fd)
		}
	}
	// Applied in file order whatever the pass that chose them.
	sort.SliceStable(chosen, func(i, j int) bool { return firstEdit(chosen[i]) < firstEdit(chosen[j]) })
	return chosen, bad
}

// inHeld tells whether any edit touches a range a restructuring fix holds.
func inHeld(edits []edit.Edit, held []edit.Range) bool {
	for _, r := range held {
		for _, e := range edits {
			if r.Holds(e) {
				return true
			}
		}
	}
	return false
}

// holdsAny tells whether any of the ranges holds an edit already taken.
func holdsAny(ranges []edit.Range, taken []edit.Edit) bool {
	return inHeld(taken, ranges)
}

func firstEdit(p Proposal) int {
	m := p.Fix.Edits[0].Start
	for _, e := range p.Fix.Edits[1:] {
		m = min(m, e.Start)
	}
	return m
}

// validEdits checks that edits lie inside the text and do not overlap each
// other (two insertions at one offset are fine: they keep their order).
func validEdits(edits []edit.Edit, size int) bool {
	s := sortedEdits(edits)
	for i, e := range s {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return false
		}
		if i > 0 && s[i-1].End > e.Start {
			return false
		}
	}
	return true
}

// conflicts tells whether any edit of a fix overlaps or touches an edit
// already taken. Touching counts: an insertion at the boundary of another
// edit, or two insertions at one offset, have no defined order between
// fixes, so the second waits for the next round.
func conflicts(edits, taken []edit.Edit) bool {
	for _, a := range edits {
		for _, b := range taken {
			if a.Start < b.End && b.Start < a.End {
				return true
			}
			if a.Start == a.End && b.Start <= a.Start && a.Start <= b.End {
				return true
			}
			if b.Start == b.End && a.Start <= b.Start && b.Start <= a.End {
				return true
			}
		}
	}
	return false
}

// fixEdits lists each fix's edits.
func fixEdits(fixes []Proposal) [][]edit.Edit {
	out := make([][]edit.Edit, len(fixes))
	for i, fd := range fixes {
		out[i] = fd.Fix.Edits
	}
	return out
}

func editsOf(fixes []Proposal) []edit.Edit {
	var out []edit.Edit
	for _, fd := range fixes {
		out = append(out, fd.Fix.Edits...)
	}
	return out
}

func sortedEdits(edits []edit.Edit) []edit.Edit {
	s := append([]edit.Edit(nil), edits...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].Start < s[j].Start })
	return s
}

// apply returns src with the edits applied. The edits must be valid and
// must not overlap; bytes outside them are copied unchanged.
func apply(src []byte, edits []edit.Edit) []byte {
	s := sortedEdits(edits)
	var b bytes.Buffer
	b.Grow(len(src))
	pos := 0
	for _, e := range s {
		b.Write(src[pos:e.Start])
		b.WriteString(e.NewText)
		pos = e.End
	}
	b.Write(src[pos:])
	return b.Bytes()
}

// Apply returns src with the edits applied, after checking that they lie
// inside src and do not overlap. It is for callers that hold a single fix
// (an editor's quick fix); Fix is the way to apply a file's findings.
func Apply(src []byte, edits []edit.Edit) ([]byte, error) {
	if !validEdits(edits, len(src)) {
		return nil, fmt.Errorf("edits are out of range or overlap each other")
	}
	return apply(src, edits), nil
}

// errorSet keeps the first occurrence of each error message: re-linting
// every round would otherwise report a crashing rule once per round.
type errorSet struct {
	seen map[string]bool
	list []error
}

func (s *errorSet) add(errs ...error) {
	for _, err := range errs {
		if s.seen == nil {
			s.seen = map[string]bool{}
		}
		if k := err.Error(); !s.seen[k] {
			s.seen[k] = true
			s.list = append(s.list, err)
		}
	}
}

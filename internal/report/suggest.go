package report

// Suggestions: how the fixes of one file's findings become suggested
// changes that a pull-request review can post (rdjson, rdjsonl).
//
// What reviewdog v0.21.0's github-pr-review reporter accepts (read in
// reviewdog/reviewdog at v0.21.0, service/github/github.go buildSuggestions
// and githubCommentLineRange, filter/filter.go FilterCheck; 2026-12-07):
//   - a diagnostic becomes a review comment, with its suggestions, only
//     when every line of its location is in the pull request's diff;
//     otherwise it is a file-level comment and its suggestions are dropped;
//   - the comment's lines are the first suggestion's lines (when they are
//     in the diff) or the diagnostic's, and every suggestion whose lines
//     differ from the comment's is posted as "suggestion error … L1-L1 v.s.
//     L1-L45" instead of a suggestion; so a diagnostic carries at most one;
//   - a suggestion without columns replaces whole lines, and an empty text
//     deletes them.
//
// So a suggestion here is the text that `dflint fix` writes for a run of
// changed lines (the fix loop's output, Result.Fixed, diffed line by line:
// only the lines that change, however long the instruction), placed on the
// lines of the findings whose fixes change them. Fixes that change the same
// or touching lines give one run of changed lines, hence one suggestion,
// carried by the first of those findings; the others say where it is. A
// run may only use lines of those findings, and of the change under review
// when lint was given one (Result.Changed): a run with lines outside is
// split line by line where it replaces as many lines as it writes, and
// what still lies outside goes into the message as a diff. The diagnostic
// that carries a suggestion is located on the suggestion's lines, and a
// finding whose fix makes several suggestions gets one diagnostic for each.

import (
	"bytes"
	"sort"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// lineSuggestion is a suggested change of whole lines: lines From..To
// become Text (without the last line's break, as GitHub writes it).
type lineSuggestion struct {
	From, To int
	Text     string
}

// findingPlan is what one finding's diagnostics carry.
type findingPlan struct {
	// suggestions go one per diagnostic, the first on the finding's own.
	suggestions []lineSuggestion
	// outside are changes of this finding's fix (and of the fixes merged
	// with it) that cannot be suggestions: they are shown as a diff.
	outside []rewrite.LineHunk
	// carrier is the index of the finding whose suggestion holds this
	// finding's fix, when that is another finding; -1 otherwise.
	carrier int
	// unsafe are the titles of unsafe fixes in this finding's suggestions.
	unsafe []string
	// displayOnly is the diff of a fix that dflint fix never applies.
	displayOnly []rewrite.LineHunk
}

// planSuggestions decides the suggestions of one result's findings.
// unsafeFixes tells whether unsafe fixes count (lint --unsafe-fixes).
func planSuggestions(r *Result, unsafeFixes bool) []findingPlan {
	plans := make([]findingPlan, len(r.Findings))
	for i := range plans {
		plans[i].carrier = -1
	}
	if r.File == nil {
		return plans
	}
	src := r.File.Source
	lines := splitLines(src)
	applies := func(f *rules.Finding) bool {
		if f.Fix == nil || len(f.Fix.Edits) == 0 || !validEdits(f.Fix.Edits, len(src)) {
			return false
		}
		return f.Fix.Applicability == rules.Safe || (f.Fix.Applicability == rules.Unsafe && unsafeFixes)
	}

	// owned are the runs of changed lines, each with the findings whose
	// fixes made it, in file order.
	type owned struct {
		hunk   rewrite.LineHunk
		owners []int
	}
	var runs []owned
	if r.Fixed != nil {
		ownersOf := func(h rewrite.LineHunk) []int {
			var owners []int
			for i := range r.Findings {
				if applies(&r.Findings[i]) && fixTouches(r.File, r.Findings[i].Fix.Edits, h) {
					owners = append(owners, i)
				}
			}
			return owners
		}
		for _, h := range rewrite.LineHunks(src, r.Fixed) {
			// A run no reported finding's fix touches comes from a fix
			// of a later round, or of a finding left out of the report.
			for _, part := range splitByOwners(h, ownersOf) {
				if owners := ownersOf(part); len(owners) > 0 {
					runs = append(runs, owned{part, owners})
				}
			}
		}
	} else {
		// No fix loop ran (a result built without the engine): each fix
		// is its own change.
		for i := range r.Findings {
			if f := &r.Findings[i]; applies(f) {
				for _, h := range rewrite.LineHunks(src, applyEdits(src, f.Fix.Edits)) {
					runs = append(runs, owned{h, []int{i}})
				}
			}
		}
		sort.SliceStable(runs, func(a, b int) bool { return runs[a].hunk.OldFrom < runs[b].hunk.OldFrom })
	}

	for _, run := range runs {
		carrier := run.owners[0]
		for _, o := range run.owners {
			carrier = min(carrier, o)
		}
		allowed := func(line int) bool {
			if r.Changed != nil && !r.Changed.Contains(line) {
				return false
			}
			for _, o := range run.owners {
				first, last := findingLines(r.File, &r.Findings[o])
				if first <= line && line <= last {
					return true
				}
			}
			return false
		}
		sugs, outside := placeRun(lines, run.hunk, allowed)
		p := &plans[carrier]
		p.suggestions = append(p.suggestions, sugs...)
		p.outside = append(p.outside, outside...)
		for _, o := range run.owners {
			if fx := r.Findings[o].Fix; fx.Applicability == rules.Unsafe && !contains(p.unsafe, fx.Title) {
				p.unsafe = append(p.unsafe, fx.Title)
			}
			if o != carrier && plans[o].carrier < 0 {
				plans[o].carrier = carrier
			}
		}
	}
	for i := range r.Findings {
		p := &plans[i]
		if len(p.suggestions) > 0 || len(p.outside) > 0 {
			p.carrier = -1 // it carries its own change
		}
		if f := &r.Findings[i]; f.Fix != nil && f.Fix.Applicability == rules.DisplayOnly && validEdits(f.Fix.Edits, len(src)) {
			p.displayOnly = rewrite.LineHunks(src, applyEdits(src, f.Fix.Edits))
		}
	}
	return plans
}

// splitByOwners cuts a run that replaces as many lines as it writes (line
// i becomes New[i]) between neighbouring lines whose changes come from
// different fixes, so that fixes on adjacent lines stay separate
// suggestions; lines changed by one fix, or by fixes that overlap, stay
// together. Any other run is kept whole: its lines cannot be told apart.
func splitByOwners(h rewrite.LineHunk, ownersOf func(rewrite.LineHunk) []int) []rewrite.LineHunk {
	n := h.OldTo - h.OldFrom + 1
	if n < 2 || len(h.New) != n {
		return []rewrite.LineHunk{h}
	}
	line := func(l int) rewrite.LineHunk {
		return rewrite.LineHunk{OldFrom: l, OldTo: l, New: h.New[l-h.OldFrom : l-h.OldFrom+1]}
	}
	var out []rewrite.LineHunk
	from := h.OldFrom
	prev := ownersOf(line(from))
	for l := h.OldFrom + 1; l <= h.OldTo; l++ {
		cur := ownersOf(line(l))
		if !shareAny(prev, cur) {
			out = append(out, rewrite.LineHunk{OldFrom: from, OldTo: l - 1, New: h.New[from-h.OldFrom : l-h.OldFrom]})
			from = l
		}
		prev = cur
	}
	return append(out, rewrite.LineHunk{OldFrom: from, OldTo: h.OldTo, New: h.New[from-h.OldFrom:]})
}

func shareAny(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// placeRun turns one run of changed lines into suggestions on allowed
// lines, and returns what cannot be placed.
func placeRun(lines []string, h rewrite.LineHunk, allowed func(int) bool) ([]lineSuggestion, []rewrite.LineHunk) {
	if h.OldTo < h.OldFrom {
		// Only an insertion: a suggestion replaces lines, so it takes the
		// line before (or after) with it.
		if before := h.OldFrom - 1; before >= 1 && allowed(before) && strings.HasSuffix(lines[before-1], "\n") {
			return []lineSuggestion{{before, before, trimBreak(lines[before-1] + strings.Join(h.New, ""))}}, nil
		}
		if after := h.OldFrom; after <= len(lines) && allowed(after) {
			return []lineSuggestion{{after, after, trimBreak(strings.Join(h.New, "") + lines[after-1])}}, nil
		}
		return nil, []rewrite.LineHunk{h}
	}
	all := true
	for l := h.OldFrom; l <= h.OldTo; l++ {
		all = all && allowed(l)
	}
	if all {
		if s, ok := suggestionOf(h); ok {
			return []lineSuggestion{s}, nil
		}
		return nil, []rewrite.LineHunk{h}
	}
	if len(h.New) != h.OldTo-h.OldFrom+1 {
		return nil, []rewrite.LineHunk{h}
	}
	// As many lines written as replaced: line i becomes New[i], so the
	// run splits into the allowed lines and the others.
	var sugs []lineSuggestion
	var outside []rewrite.LineHunk
	for l := h.OldFrom; l <= h.OldTo; {
		ok := allowed(l)
		end := l
		for end+1 <= h.OldTo && allowed(end+1) == ok {
			end++
		}
		part := rewrite.LineHunk{OldFrom: l, OldTo: end, New: h.New[l-h.OldFrom : end-h.OldFrom+1]}
		if s, placed := suggestionOf(part); ok && placed {
			sugs = append(sugs, s)
		} else {
			outside = append(outside, part)
		}
		l = end + 1
	}
	return sugs, outside
}

// suggestionOf is the suggestion that replaces the run's lines. A run that
// writes a single empty line cannot be one: its empty text would delete
// the lines instead.
func suggestionOf(h rewrite.LineHunk) (lineSuggestion, bool) {
	text := trimBreak(strings.Join(h.New, ""))
	if text == "" && len(h.New) > 0 {
		return lineSuggestion{}, false
	}
	return lineSuggestion{h.OldFrom, h.OldTo, text}, true
}

// fixTouches tells whether a fix's edits touch a run of changed lines: an
// edit on its lines, or, for a run that only inserts, an edit on the line
// before or after the insertion.
func fixTouches(file *parser.File, edits []rules.Edit, h rewrite.LineHunk) bool {
	from, to := h.OldFrom, h.OldTo
	if to < from {
		from, to = h.OldFrom-1, h.OldFrom
	}
	for _, e := range edits {
		first, last := lineOfStart(file, e.Start), lineOfEnd(file, e.Start, e.End)
		if e.Start == e.End && e.Start == file.LineStart(first) {
			first-- // an insertion at the start of a line is also after the line before
		}
		if first <= to && from <= last {
			return true
		}
	}
	return false
}

// findingLines are the lines a finding covers.
func findingLines(file *parser.File, f *rules.Finding) (first, last int) {
	return lineOfStart(file, f.Start), lineOfEnd(file, f.Start, f.End)
}

// hunkDiff is the unified diff of the runs applied to the file, for a
// message: the change that could not be a suggestion.
func hunkDiff(path string, lines []string, hunks []rewrite.LineHunk) string {
	sorted := append([]rewrite.LineHunk(nil), hunks...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].OldFrom < sorted[j].OldFrom })
	var old, nu strings.Builder
	next := 1
	for _, h := range sorted {
		for ; next < h.OldFrom; next++ {
			nu.WriteString(lines[next-1])
		}
		for ; next <= h.OldTo; next++ {
			// replaced lines are left out of the new text
		}
		nu.WriteString(strings.Join(h.New, ""))
	}
	for ; next <= len(lines); next++ {
		nu.WriteString(lines[next-1])
	}
	for _, l := range lines {
		old.WriteString(l)
	}
	return string(rewrite.UnifiedDiff(path, []byte(old.String()), []byte(nu.String())))
}

// markdownDiff fences a diff for a Markdown message, with a fence longer
// than any run of backticks in it.
func markdownDiff(diff string) string {
	fence := "```"
	for strings.Contains(diff, fence) {
		fence += "`"
	}
	return fence + "diff\n" + diff + fence
}

// splitLines splits after every "\n"; the last line may lack one. Line n
// is lines[n-1], as in rewrite.LineHunks.
func splitLines(src []byte) []string {
	var out []string
	s := string(src)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

func trimBreak(s string) string {
	if strings.HasSuffix(s, "\r\n") {
		return s[:len(s)-2]
	}
	return strings.TrimSuffix(s, "\n")
}

// validEdits tells whether edits lie inside a text of the size and do not
// overlap: the fixes the engine applies.
func validEdits(edits []rules.Edit, size int) bool {
	es := sortEdits(edits)
	for i, e := range es {
		if e.Start < 0 || e.End < e.Start || e.End > size || (i > 0 && e.Start < es[i-1].End) {
			return false
		}
	}
	return true
}

func sortEdits(edits []rules.Edit) []rules.Edit {
	es := append([]rules.Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	return es
}

// applyEdits applies one fix's valid edits.
func applyEdits(src []byte, edits []rules.Edit) []byte {
	var b bytes.Buffer
	at := 0
	for _, e := range sortEdits(edits) {
		b.Write(src[at:e.Start])
		b.WriteString(e.NewText)
		at = e.End
	}
	b.Write(src[at:])
	return b.Bytes()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

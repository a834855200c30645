package rules_test

import (
	"context"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/fuzzseed"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// allRules is an engine with every rule, opt-in ones and BuildKit's checks
// included, judging dates by a fixed day so that a crasher replays.
func allRules(tb testing.TB) *rules.Engine {
	tb.Helper()
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	e, err := rules.NewEngine(rules.Options{Select: ids, Today: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// FuzzLint runs every rule on any input: no rule may crash (the engine turns
// a panic into an error, which fails here), and every finding must lie in
// the file with a line and column that match its offsets, and offer edits
// that lie in the file without overlapping each other.
func FuzzLint(f *testing.F) {
	for _, s := range fuzzseed.Dockerfiles(f) {
		f.Add(s)
	}
	eng := allRules(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		pf := parser.Parse("Dockerfile", src)
		findings, errs := eng.Lint(context.Background(), pf)
		for _, err := range errs {
			t.Errorf("%v", err)
		}
		for _, fd := range findings {
			if fd.Rule == nil || fd.RuleID == "" {
				t.Errorf("finding without a rule: %+v", fd)
				continue
			}
			if fd.Start < 0 || fd.Start > fd.End || fd.End > len(src) {
				t.Errorf("%s: range [%d,%d) outside the %d-byte file", fd.RuleID, fd.Start, fd.End, len(src))
				continue
			}
			if l, c := pf.Position(fd.Start); l != fd.Line || c != fd.Column {
				t.Errorf("%s: line:column %d:%d, offset %d is %d:%d", fd.RuleID, fd.Line, fd.Column, fd.Start, l, c)
			}
			if fd.Fix == nil {
				continue
			}
			prevEnd := -1
			for _, e := range sortedEdits(fd.Fix.Edits) {
				if e.Start < 0 || e.Start > e.End || e.End > len(src) || e.Start < prevEnd {
					t.Errorf("%s: fix %q: edit [%d,%d) outside the file or overlapping the one before", fd.RuleID, fd.Fix.Title, e.Start, e.End)
				}
				prevEnd = e.End
			}
		}
		if t.Failed() {
			t.Logf("input: %q", src)
		}
	})
}

func sortedEdits(edits []rules.Edit) []rules.Edit {
	s := append([]rules.Edit(nil), edits...)
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

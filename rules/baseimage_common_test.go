package rules

import (
	"context"
	"sort"
	"testing"

	"github.com/dflint/dflint/parser"
)

// applyFixesOf lints src with one rule and applies the edits of all its
// findings' fixes at once (they must not overlap), as one fix round does.
func applyFixesOf(t *testing.T, src, id string) string {
	t.Helper()
	e, err := NewEngine(Options{Select: []string{id}, NoBuildKit: true, Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	for _, err := range errs {
		t.Errorf("lint error: %v", err)
	}
	var edits []Edit
	for _, fd := range fs {
		if fd.RuleID == id && fd.Fix != nil {
			edits = append(edits, fd.Fix.Edits...)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	out, prev := "", 0
	for _, ed := range edits {
		if ed.Start < prev {
			t.Fatalf("%s: overlapping edits %+v", id, edits)
		}
		out += src[prev:ed.Start] + ed.NewText
		prev = ed.End
	}
	out += src[prev:]
	if f := parser.Parse("Dockerfile", []byte(out)); f.Err != nil {
		t.Errorf("%s: fixed file does not parse: %v\n%s", id, f.Err, out)
	}
	return out
}

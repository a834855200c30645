package rewrite_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// subst is a fake rule: every occurrence of from (not already followed by
// what to appends) is a finding whose fix replaces it with to.
type subst struct {
	id, from, to string
	app          rules.Applicability
	// bad makes the fix's edit end past the end of the file.
	bad bool
}

// fakeLinter runs subst rules, so that the fix loop can be tested on
// behaviour no real rule has (fixes that break the file, fixes that undo
// each other) and without depending on which rules have landed.
type fakeLinter []subst

func (fl fakeLinter) Lint(_ context.Context, f *parser.File) ([]rules.Finding, []error) {
	if f.Err != nil {
		return []rules.Finding{{RuleID: "DF001", Line: f.Err.Line, Message: f.Err.Message}}, nil
	}
	src := string(f.Source)
	var out []rules.Finding
	for _, r := range fl {
		for i := 0; ; {
			j := strings.Index(src[i:], r.from)
			if j < 0 {
				break
			}
			start := i + j
			end := start + len(r.from)
			i = end
			if strings.HasPrefix(r.to, r.from) && strings.HasPrefix(src[start:], r.to) {
				continue // already fixed
			}
			app := r.app
			if app == "" {
				app = rules.Safe
			}
			e := rules.Edit{Start: start, End: end, NewText: r.to}
			if r.bad {
				e.End = len(src) + 5
			}
			line, _ := f.Position(start)
			out = append(out, rules.Finding{RuleID: r.id, Start: start, End: end, Line: line,
				Fix: &rules.Fix{Title: "fix " + r.id, Applicability: app, Edits: []rules.Edit{e}}})
		}
	}
	return out, nil
}

func TestFixAppliesNonOverlappingFixesInOneRound(t *testing.T) {
	l := fakeLinter{{id: "R1", from: "apk add", to: "apk add --no-cache"}, {id: "R2", from: "pip install", to: "pip install --no-cache-dir"}}
	src := "FROM alpine\nRUN apk add py3-pip && pip install flask\nRUN apk add curl\n"
	res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte(src), rewrite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "FROM alpine\nRUN apk add --no-cache py3-pip && pip install --no-cache-dir flask\nRUN apk add --no-cache curl\n"
	if string(res.Output) != want {
		t.Errorf("output %q, want %q", res.Output, want)
	}
	if got := res.AppliedByRule(); got["R1"] != 2 || got["R2"] != 1 || len(got) != 2 {
		t.Errorf("applied %v", got)
	}
	if res.Rounds != 1 || !res.Changed() || len(res.Remaining) != 0 || len(res.RolledBack) != 0 {
		t.Errorf("rounds %d changed %v remaining %v rolled back %v", res.Rounds, res.Changed(), res.Remaining, res.RolledBack)
	}
	if string(res.Input) != src {
		t.Errorf("input changed: %q", res.Input)
	}
	if d := string(res.Diff()); !strings.HasPrefix(d, "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n") {
		t.Errorf("diff:\n%s", d)
	}
}

func TestFixOverlappingFixWaitsForNextRound(t *testing.T) {
	// R1's edit covers "a b", R2's " b": R2 must wait, and still apply.
	l := fakeLinter{{id: "R1", from: "a b", to: "A b"}, {id: "R2", from: " b", to: " B"}}
	res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte("FROM x\nRUN a b\n"), rewrite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Output) != "FROM x\nRUN A B\n" || res.Rounds != 2 {
		t.Errorf("output %q after %d rounds", res.Output, res.Rounds)
	}
	if len(res.Applied) != 2 || res.Applied[0].RuleID != "R1" || res.Applied[0].Round != 1 || res.Applied[1].RuleID != "R2" || res.Applied[1].Round != 2 {
		t.Errorf("applied %+v", res.Applied)
	}
}

func TestChooseTouchingEditsWait(t *testing.T) {
	// Two insertions at one offset, or an insertion at the boundary of a
	// replacement, have no defined order between fixes: the later fix in
	// file order waits a round, so the result never depends on chance.
	fix := func(id string, edits ...rules.Edit) rules.Finding {
		return rules.Finding{RuleID: id, Fix: &rules.Fix{Applicability: rules.Safe, Edits: edits}}
	}
	for _, tc := range []struct {
		name string
		a, b rules.Finding
		both bool
	}{
		{"two insertions at one offset", fix("A", rules.Edit{Start: 5, End: 5, NewText: "x"}), fix("B", rules.Edit{Start: 5, End: 5, NewText: "y"}), false},
		{"insertion at the end of a replacement", fix("A", rules.Edit{Start: 2, End: 5, NewText: "x"}), fix("B", rules.Edit{Start: 5, End: 5, NewText: "y"}), false},
		{"insertion at the start of a replacement", fix("A", rules.Edit{Start: 5, End: 5, NewText: "x"}), fix("B", rules.Edit{Start: 5, End: 7, NewText: "y"}), false},
		{"adjacent replacements", fix("A", rules.Edit{Start: 2, End: 5, NewText: "x"}), fix("B", rules.Edit{Start: 5, End: 7, NewText: "y"}), true},
		{"disjoint", fix("A", rules.Edit{Start: 1, End: 1, NewText: "x"}), fix("B", rules.Edit{Start: 3, End: 4}), true},
	} {
		in := []rules.Finding{tc.b, tc.a}
		if ea, eb := tc.a.Fix.Edits[0], tc.b.Fix.Edits[0]; ea.Start == eb.Start && ea.End == eb.End {
			in = []rules.Finding{tc.a, tc.b} // equal spans keep finding order
		}
		chosen, _ := rewrite.Choose(in, 10, rewrite.Options{}, nil)
		if got := len(chosen) == 2; got != tc.both {
			t.Errorf("%s: chose %d fixes", tc.name, len(chosen))
		}
		if chosen[0].RuleID != "A" {
			t.Errorf("%s: chose %s first, want the fix that starts first", tc.name, chosen[0].RuleID)
		}
	}
}

func TestFixApplicability(t *testing.T) {
	l := fakeLinter{
		{id: "S", from: "a", to: "A", app: rules.Safe},
		{id: "U", from: "b", to: "B", app: rules.Unsafe},
		{id: "D", from: "c", to: "C", app: rules.DisplayOnly},
	}
	src := "FROM x\nRUN a b c\n"
	for _, tc := range []struct {
		unsafe bool
		want   string
	}{{false, "FROM x\nRUN A b c\n"}, {true, "FROM x\nRUN A B c\n"}} {
		res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte(src), rewrite.Options{Unsafe: tc.unsafe})
		if err != nil {
			t.Fatal(err)
		}
		if string(res.Output) != tc.want {
			t.Errorf("unsafe=%v: %q, want %q", tc.unsafe, res.Output, tc.want)
		}
		withFix, withoutFix := res.Unfixed()
		wantWith := 2 // U and D
		if tc.unsafe {
			wantWith = 1
		}
		if len(withFix) != wantWith || len(withoutFix) != 0 {
			t.Errorf("unsafe=%v: unfixed %d with fix, %d without", tc.unsafe, len(withFix), len(withoutFix))
		}
	}
}

func TestFixRollsBackTheRoundThatBreaksTheFile(t *testing.T) {
	// R1 turns a RUN into an unknown instruction; R2 is fine.
	l := fakeLinter{{id: "R1", from: "RUN one", to: "FOO one"}, {id: "R2", from: "two", to: "TWO"}}
	src := "FROM x\nRUN one\nRUN two\n"
	res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte(src), rewrite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Output) != "FROM x\nRUN one\nRUN TWO\n" {
		t.Errorf("output %q", res.Output)
	}
	if len(res.RolledBack) != 1 {
		t.Fatalf("rolled back %+v", res.RolledBack)
	}
	rb := res.RolledBack[0]
	if rb.Round != 1 || strings.Join(rb.Rules, ",") != "R1" || rb.Line != 2 || !strings.Contains(rb.Message, "unknown instruction") {
		t.Errorf("rollback %+v", rb)
	}
	if got := res.AppliedByRule(); got["R1"] != 0 || got["R2"] != 1 {
		t.Errorf("applied %v", got)
	}
	// R1's finding remains, with its fix, for the user to see.
	if withFix, _ := res.Unfixed(); len(withFix) != 1 || withFix[0].RuleID != "R1" {
		t.Errorf("remaining with fix: %+v", withFix)
	}
}

func TestFixDoesNotConverge(t *testing.T) {
	l := fakeLinter{{id: "R1", from: "x", to: "y"}, {id: "R2", from: "y", to: "x"}}
	src := "FROM a\nRUN x\n"
	res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte(src), rewrite.Options{MaxRounds: 4})
	var nc *rewrite.NotConvergedError
	if !errors.As(err, &nc) {
		t.Fatalf("err = %v, want a NotConvergedError", err)
	}
	if nc.Rounds != 4 || len(nc.Rules) != 1 || !strings.Contains(err.Error(), "Dockerfile: fixes did not settle after 4 rounds") {
		t.Errorf("error %+v: %v", nc, err)
	}
	if string(res.Output) != src || res.Changed() {
		t.Errorf("output %q: a file whose fixes do not settle must be left as it was", res.Output)
	}
}

func TestFixStopsOnFixesThatChangeNothing(t *testing.T) {
	l := fakeLinter{{id: "R1", from: "RUN", to: "RUN"}}
	res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte("FROM a\nRUN x\n"), rewrite.Options{})
	if err != nil || res.Changed() || len(res.Applied) != 0 {
		t.Errorf("err %v changed %v applied %v", err, res.Changed(), res.Applied)
	}
}

func TestFixReportsInvalidEdits(t *testing.T) {
	l := fakeLinter{{id: "R1", from: "x", to: "y", bad: true}, {id: "R2", from: "a", to: "b"}}
	res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte("FROM a\nRUN x\n"), rewrite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Output) != "FROM b\nRUN x\n" {
		t.Errorf("output %q", res.Output)
	}
	if len(res.Errs) != 1 || !strings.Contains(res.Errs[0].Error(), "Dockerfile:2: rule R1") {
		t.Errorf("errs %v", res.Errs)
	}
}

func TestFixLeavesAFileThatDoesNotParse(t *testing.T) {
	l := fakeLinter{{id: "R1", from: "x", to: "y"}}
	src := "FROM a\nFOO x\n"
	res, err := rewrite.Fix(context.Background(), l, "Dockerfile", []byte(src), rewrite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() || len(res.Remaining) != 1 || res.Remaining[0].RuleID != "DF001" {
		t.Errorf("changed %v remaining %+v", res.Changed(), res.Remaining)
	}
}

func TestFixHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := rewrite.Fix(ctx, fakeLinter{{id: "R1", from: "x", to: "y"}}, "Dockerfile", []byte("FROM a\nRUN x\n"), rewrite.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestApply(t *testing.T) {
	got, err := rewrite.Apply([]byte("0123456789"), []rules.Edit{{Start: 8, End: 9, NewText: "X"}, {Start: 2, End: 2, NewText: "ab"}, {Start: 2, End: 4, NewText: ""}})
	if err != nil || string(got) != "01ab4567X9" {
		t.Errorf("Apply = %q, %v", got, err)
	}
	for _, edits := range [][]rules.Edit{
		{{Start: 2, End: 5}, {Start: 4, End: 6}},
		{{Start: -1, End: 0}},
		{{Start: 5, End: 11}},
		{{Start: 5, End: 4}},
	} {
		if _, err := rewrite.Apply([]byte("0123456789"), edits); err == nil {
			t.Errorf("Apply accepted %+v", edits)
		}
	}
}

package report

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/changedlines"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

type rdOut struct {
	Message  string
	Location struct {
		Range struct{ Start, End struct{ Line int } }
	}
	Code        struct{ Value string }
	Suggestions []struct {
		Range struct{ Start, End struct{ Line int } }
		Text  string
	}
}

// lintAndFix lints src with the selected rules and runs the fix loop, as
// lint does for rdjson.
func lintAndFix(t *testing.T, src string, sel ...string) Result {
	t.Helper()
	engine, err := rules.NewEngine(rules.Options{Select: sel, NoBuildKit: true, Today: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	f := parser.Parse("Dockerfile", []byte(src))
	findings, errs := engine.Lint(context.Background(), f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	res, err := rewrite.Fix(context.Background(), engine, "Dockerfile", []byte(src), rewrite.Options{Unsafe: true})
	if err != nil {
		t.Fatal(err)
	}
	return Result{Path: "Dockerfile", File: f, Findings: findings, Fixed: res.Output}
}

func rdDiagnostics(t *testing.T, r Result) []rdOut {
	t.Helper()
	out := renderWith(t, "rdjsonl", Options{UnsafeFixes: true}, &Run{Results: []Result{r}})
	var ds []rdOut
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var d rdOut
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	return ds
}

// suggestionsOf collects the suggestions, checking that each sits alone on
// a diagnostic over exactly its lines.
func suggestionsOf(t *testing.T, ds []rdOut) []lineSuggestion {
	t.Helper()
	var out []lineSuggestion
	for _, d := range ds {
		if len(d.Suggestions) > 1 {
			t.Errorf("%s: %d suggestions on one diagnostic", d.Code.Value, len(d.Suggestions))
		}
		for _, s := range d.Suggestions {
			if s.Range.Start.Line != d.Location.Range.Start.Line || s.Range.End.Line != d.Location.Range.End.Line {
				t.Errorf("%s: suggestion on %d-%d, diagnostic on %d-%d", d.Code.Value, s.Range.Start.Line, s.Range.End.Line,
					d.Location.Range.Start.Line, d.Location.Range.End.Line)
			}
			out = append(out, lineSuggestion{s.Range.Start.Line, s.Range.End.Line, s.Text})
		}
	}
	return out
}

// DF401 (add -y) and DF403 (remove the apt lists) both rewrite line 2:
// one suggestion, the line as dflint fix writes it, on the first finding.
func TestSuggestionsMerge(t *testing.T) {
	src := "FROM debian:12\nRUN apt-get update && apt-get install curl\nUSER nobody\n"
	r := lintAndFix(t, src, "DF401", "DF403")
	if len(r.Findings) != 2 {
		t.Fatalf("want DF401 and DF403, got %v", r.Findings)
	}
	ds := rdDiagnostics(t, r)
	sugs := suggestionsOf(t, ds)
	if len(sugs) != 1 || sugs[0].From != 2 || sugs[0].To != 2 {
		t.Fatalf("want one suggestion on line 2, got %+v", sugs)
	}
	if want := trimBreak(splitLines(r.Fixed)[1]); sugs[0].Text != want {
		t.Errorf("suggestion %q, dflint fix writes %q", sugs[0].Text, want)
	}
	if len(ds) != 2 || len(ds[0].Suggestions) != 1 || len(ds[1].Suggestions) != 0 {
		t.Fatalf("the first finding carries the suggestion: %+v", ds)
	}
	if !strings.Contains(ds[1].Message, "part of the suggested change on the "+ds[0].Code.Value+" finding at line 2") {
		t.Errorf("the second finding does not say where its fix is: %q", ds[1].Message)
	}
	checkSuggestionsApply(t, "Dockerfile", r.File.Source, r.Fixed, sugs)
}

// A fix over a long instruction suggests only the lines that change.
func TestSuggestionsMinimal(t *testing.T) {
	src := "FROM debian:12\nRUN set -e; \\\n    echo one; \\\n    echo two; \\\n    apt-get install curl; \\\n    echo three\n"
	f := parser.Parse("Dockerfile", []byte(src))
	start := strings.Index(src, "RUN")
	at := strings.Index(src, "install") + len("install")
	fd := rules.Finding{RuleID: "DF401", Severity: rules.Warning, File: "Dockerfile", Start: start, End: len(src) - 1, Message: "no -y",
		Fix: &rules.Fix{Title: "Add -y", Applicability: rules.Safe, Edits: []rules.Edit{{Start: at, End: at, NewText: " -y"}}}}
	fd.Line, fd.Column = f.Position(fd.Start)
	fd.EndLine, fd.EndColumn = f.Position(fd.End)
	r := Result{Path: "Dockerfile", File: f, Findings: []rules.Finding{fd}, Fixed: applyEdits([]byte(src), fd.Fix.Edits)}
	sugs := suggestionsOf(t, rdDiagnostics(t, r))
	if len(sugs) != 1 || sugs[0].From != 5 || sugs[0].To != 5 || sugs[0].Text != "    apt-get install -y curl; \\" {
		t.Fatalf("want line 5 alone, got %+v", sugs)
	}
	checkSuggestionsApply(t, "Dockerfile", r.File.Source, r.Fixed, sugs)
}

// A fix whose edits lie in two places of a multi-line finding gives two
// suggestions, each on its own diagnostic; with a change under review that
// holds only one of them, the other is a diff in the message.
func TestSuggestionsSplitAndScope(t *testing.T) {
	src := "FROM debian:12\nRUN apt-get update && \\\n    echo keep && \\\n    apt-get install curl\n"
	f := parser.Parse("Dockerfile", []byte(src))
	a := strings.Index(src, "update")
	b := strings.Index(src, "install") + len("install")
	fd := rules.Finding{RuleID: "DF401", Severity: rules.Warning, File: "Dockerfile", Start: strings.Index(src, "RUN"), End: len(src) - 1, Message: "no -y",
		Fix: &rules.Fix{Title: "Add -y", Applicability: rules.Safe, Edits: []rules.Edit{
			{Start: a, End: a + len("update"), NewText: "update -q"}, {Start: b, End: b, NewText: " -y"}}}}
	fd.Line, fd.Column = f.Position(fd.Start)
	fd.EndLine, fd.EndColumn = f.Position(fd.End)
	fixed := applyEdits([]byte(src), fd.Fix.Edits)

	r := Result{Path: "Dockerfile", File: f, Findings: []rules.Finding{fd}, Fixed: fixed}
	ds := rdDiagnostics(t, r)
	sugs := suggestionsOf(t, ds)
	if len(ds) != 2 || len(sugs) != 2 || sugs[0].From != 2 || sugs[1].From != 4 {
		t.Fatalf("want two diagnostics, suggestions on lines 2 and 4: %+v", ds)
	}
	if !strings.Contains(ds[1].Message, "suggested change 2 of 2") {
		t.Errorf("second part: %q", ds[1].Message)
	}
	checkSuggestionsApply(t, "Dockerfile", r.File.Source, r.Fixed, sugs)

	// The change under review touched line 4 only.
	r.Changed = &changedlines.Lines{{From: 4, To: 4}}
	ds = rdDiagnostics(t, r)
	sugs = suggestionsOf(t, ds)
	if len(ds) != 1 || len(sugs) != 1 || sugs[0].From != 4 {
		t.Fatalf("want one suggestion, on line 4: %+v", ds)
	}
	if !strings.Contains(ds[0].Message, "```diff\n--- a/Dockerfile\n+++ b/Dockerfile\n") || !strings.Contains(ds[0].Message, "+RUN apt-get update -q && \\\n") ||
		strings.Contains(ds[0].Message, "+    apt-get install -y curl") {
		t.Errorf("the change outside the scope is not the diff in the message:\n%s", ds[0].Message)
	}

	// Nothing of the fix is in the change: no suggestion, the whole diff.
	r.Changed = &changedlines.Lines{{From: 3, To: 3}}
	ds = rdDiagnostics(t, r)
	if sugs := suggestionsOf(t, ds); len(sugs) != 0 || len(ds) != 1 || !strings.Contains(ds[0].Message, "+    apt-get install -y curl") {
		t.Fatalf("want no suggestion and the diff: %+v", ds)
	}
}

// A fix that inserts lines after the finding's line takes that line into
// the suggestion; one that inserts away from the finding is a diff.
func TestSuggestionsInsertion(t *testing.T) {
	src := "FROM debian:12\nRUN make\nCMD [\"app\"]\n"
	f := parser.Parse("Dockerfile", []byte(src))
	mk := func(insertAt int) Result {
		fd := rules.Finding{RuleID: "DF301", Severity: rules.Warning, File: "Dockerfile", Start: 0, End: len("FROM debian:12"), Message: "root",
			Fix: &rules.Fix{Title: "Add USER", Applicability: rules.Safe, Edits: []rules.Edit{{Start: insertAt, End: insertAt, NewText: "USER 65532\n"}}}}
		fd.Line, fd.Column = f.Position(fd.Start)
		fd.EndLine, fd.EndColumn = f.Position(fd.End)
		return Result{Path: "Dockerfile", File: f, Findings: []rules.Finding{fd}, Fixed: applyEdits([]byte(src), fd.Fix.Edits)}
	}
	r := mk(len("FROM debian:12\n"))
	sugs := suggestionsOf(t, rdDiagnostics(t, r))
	if len(sugs) != 1 || sugs[0].From != 1 || sugs[0].Text != "FROM debian:12\nUSER 65532" {
		t.Fatalf("want line 1 with the new line: %+v", sugs)
	}
	checkSuggestionsApply(t, "Dockerfile", r.File.Source, r.Fixed, sugs)

	r = mk(len("FROM debian:12\nRUN make\n"))
	ds := rdDiagnostics(t, r)
	if len(suggestionsOf(t, ds)) != 0 || !strings.Contains(ds[0].Message, "```diff") || !strings.Contains(ds[0].Message, "+USER 65532\n") {
		t.Fatalf("want the diff in the message: %+v", ds)
	}
}

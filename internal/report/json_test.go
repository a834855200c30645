package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// oneValue is how the json format wrote a run before it streamed: the
// whole jsonRun through one encoding/json Encoder. The streamed document
// must be the same bytes.
func oneValue(t *testing.T, run *Run) string {
	t.Helper()
	out := jsonRun{Findings: []jsonFinding{}, Errors: []jsonError{}}
	for _, r := range run.Results {
		if r.Linted() {
			out.Files++
		}
		for _, f := range r.Findings {
			out.Findings = append(out.Findings, jsonFinding{
				Rule: f.RuleID, Name: f.Name, Severity: f.Severity, File: f.File,
				Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
				Start: f.Start, End: f.End, Message: f.Message,
				Fix: toJSONFix(r.File, f.Fix), Check: f.Check,
			})
		}
		for _, err := range r.Errors {
			out.Errors = append(out.Errors, jsonError{File: r.Path, Message: err.Error()})
		}
	}
	var b strings.Builder
	if err := newJSONEncoder(&b, "").Encode(out); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestJSONStreamSameAsOneValue holds the streamed, parallel json format to
// encoding/json's encoding of the whole run: on the golden run, on runs
// without findings or without errors, on an empty run, and on many files
// whose findings carry strings encoding/json escapes (quotes, controls,
// invalid UTF-8, U+2028, HTML characters it must leave alone), a Check
// (omitempty) and fixes with and without edits.
func TestJSONStreamSameAsOneValue(t *testing.T) {
	f := parser.Parse("Dockerfile", []byte("FROM alpine\nRUN apt-get install x\n"))
	var many []Result
	for i := range 200 {
		r := Result{Path: fmt.Sprintf("d%d/Dockerfile", i), File: f}
		for k := range i % 4 { // files without findings between files with some
			msg := fmt.Sprintf("finding %d.%d: \"quoted\" && <<EOF \x01\t\n\u2028 \xff <b>", i, k)
			var fix *rules.Fix
			switch k {
			case 1:
				fix = &rules.Fix{Title: "Add -y", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 27, End: 27, NewText: " -y"}, {Start: 12, End: 15, NewText: "run\\\n"}}}
			case 2:
				fix = &rules.Fix{Title: "Say it", Applicability: rules.DisplayOnly}
			}
			fd := finding(f, "DF401", "apt-get-missing-yes", rules.Severity(k%4+1), 16, 33, fix)
			fd.Message = msg
			if k == 3 {
				fd.Check = "FromAsCasing"
			}
			r.Findings = append(r.Findings, fd)
		}
		if i%7 == 0 {
			r.Errors = []error{errors.New("rule DF999 failed: \"x\" <y>")}
		}
		many = append(many, r)
	}
	runs := map[string]*Run{
		"golden":      goldenRun(t),
		"empty":       {},
		"no findings": {Results: []Result{{Path: "a", File: f}, {Path: "gone", Errors: []error{errors.New("no such file")}}}},
		"no errors":   {Results: many[1:7]},
		"many":        {Results: many},
	}
	for name, run := range runs {
		if got, want := render(t, "json", run), oneValue(t, run); got != want {
			t.Errorf("%s: the streamed document differs from encoding/json's:\n got: %q\nwant: %q", name, got, want)
		}
	}
	var doc struct{ Findings []map[string]any }
	if err := json.Unmarshal([]byte(render(t, "json", runs["many"])), &doc); err != nil || len(doc.Findings) != 300 {
		t.Errorf("many: %d findings, %v", len(doc.Findings), err)
	}
}

package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema is the $id of the official SARIF 2.1.0 schema (OASIS,
// errata 01), shipped in testdata so that the test needs no network.

func loadSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // uri, uri-reference and date-time are checked too
	if err := c.AddResource(sarifSchema, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(sarifSchema)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate against the SARIF 2.1.0 schema: %v", err)
	}
}

// TestSARIFSchema validates the golden run's SARIF, and the SARIF of real
// files linted by the engine (the example and a sample of the corpus),
// against the official SARIF 2.1.0 JSON schema.
func TestSARIFSchema(t *testing.T) {
	sch := loadSARIFSchema(t)
	validateSARIF(t, sch, []byte(render(t, "sarif", goldenRun(t))))

	run := realRun(t)
	var b bytes.Buffer
	r, _ := New("sarif", Options{Version: "(devel)"})
	if err := r.Report(&b, run); err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, sch, b.Bytes())

	// A run with no findings at all is valid too (empty rules and results).
	validateSARIF(t, sch, []byte(render(t, "sarif", &Run{})))

	// The schema is strict enough to catch a mistake: a result without a
	// message is rejected.
	bad := bytes.Replace(b.Bytes(), []byte(`"message"`), []byte(`"massage"`), 1)
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(inst) == nil {
		t.Error("the schema accepted a result without a message: is testdata/sarif-schema-2.1.0.json the real schema?")
	}
}

// realRun lints examples/flask and every 15th file of the corpus (when it
// is there) with the default rules.
func realRun(t *testing.T) *Run {
	t.Helper()
	paths := []string{filepath.Join("..", "..", "examples", "flask", "Dockerfile")}
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if env := os.Getenv("DFLINT_CORPUS"); env != "" {
		corpus = env
	}
	if mf, err := os.Open(filepath.Join(corpus, "MANIFEST.tsv")); err == nil {
		sc := bufio.NewScanner(mf)
		var files []string
		for sc.Scan() {
			if name, _, _ := strings.Cut(sc.Text(), "\t"); strings.HasPrefix(name, "files/") {
				files = append(files, filepath.Join(corpus, name))
			}
		}
		mf.Close()
		sort.Strings(files)
		for i := 0; i < len(files); i += 15 {
			paths = append(paths, files[i])
		}
	}
	engine, err := rules.NewEngine(rules.Options{Today: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	run := &Run{}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := parser.Parse(p, src)
		findings, errs := engine.Lint(context.Background(), f)
		run.Results = append(run.Results, Result{Path: p, File: f, Findings: findings, Errors: errs})
	}
	return run
}

// TestRDJSONSuggestionsApply checks every suggestion of the real run the
// way GitHub applies it: replacing its whole lines with its text must give
// the same file as applying the fix's edits, and its lines must include the
// finding's, so that reviewdog can post it on the finding.
func TestRDJSONSuggestionsApply(t *testing.T) {
	run := realRun(t)
	var checked int
	for _, r := range run.Results {
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Fix == nil || len(f.Fix.Edits) == 0 {
				continue
			}
			s, ok := lineSuggestion(r.File, f, f.Fix)
			if !ok {
				t.Errorf("%s: %s: no suggestion for a fix with edits", r.Path, f.RuleID)
				continue
			}
			checked++
			want := applyEdits(r.File.Source, f.Fix.Edits)
			got := replaceLines(r.File, s.Range.Start.Line, s.Range.End.Line, s.Text)
			if got != want {
				t.Errorf("%s: %s: the suggestion for lines %d-%d does not give the fixed file:\ngot:\n%s\nwant:\n%s",
					r.Path, f.RuleID, s.Range.Start.Line, s.Range.End.Line, got, want)
			}
			if s.Range.Start.Line > f.Line || s.Range.End.Line < lineOfEnd(r.File, f.Start, f.End) {
				t.Errorf("%s: %s: suggestion lines %d-%d do not cover the finding's %d-%d",
					r.Path, f.RuleID, s.Range.Start.Line, s.Range.End.Line, f.Line, f.EndLine)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no fix was checked")
	}
	t.Logf("%d suggestions checked", checked)
}

func applyEdits(src []byte, edits []rules.Edit) string {
	es := append([]rules.Edit(nil), edits...)
	sort.SliceStable(es, func(i, j int) bool { return es[i].Start < es[j].Start })
	var b strings.Builder
	at := 0
	for _, e := range es {
		b.Write(src[at:e.Start])
		b.WriteString(e.NewText)
		at = e.End
	}
	b.Write(src[at:])
	return b.String()
}

// replaceLines does what a GitHub suggestion does: lines first..last
// (their text and line breaks) become text plus the last line's break; an
// empty text deletes the lines.
func replaceLines(f *parser.File, first, last int, text string) string {
	src := f.Source
	from, to := f.LineStart(first), f.LineStart(last+1)
	eol := string(src[f.LineEnd(last):to])
	if text == "" {
		return string(src[:from]) + string(src[to:])
	}
	return string(src[:from]) + text + eol + string(src[to:])
}

// TestRDJSONIsReviewdogShaped checks the fields reviewdog reads, on the
// golden run: each rdjsonl line is one self-contained diagnostic.
func TestRDJSONIsReviewdogShaped(t *testing.T) {
	out := render(t, "rdjsonl", goldenRun(t))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 13 {
		t.Fatalf("%d lines, want one per finding and error (13)", len(lines))
	}
	for _, l := range lines {
		var d struct {
			Message  string
			Severity string
			Source   struct{ Name string }
			Location struct{ Path string }
		}
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		if d.Message == "" || d.Source.Name != "dflint" || d.Location.Path == "" ||
			(d.Severity != "ERROR" && d.Severity != "WARNING" && d.Severity != "INFO") {
			t.Errorf("incomplete diagnostic: %s", l)
		}
	}
}

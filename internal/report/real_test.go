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
	"github.com/dflint/dflint/rewrite"
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
		// What dflint fix --unsafe-fixes writes, for the suggestions.
		fixed, err := rewrite.Fix(context.Background(), engine, p, src, rewrite.Options{Unsafe: true})
		if err != nil {
			t.Fatal(err)
		}
		run.Results = append(run.Results, Result{Path: p, File: f, Findings: findings, Errors: errs, Fixed: fixed.Output})
	}
	return run
}

// TestRDJSONSuggestionsApply checks every suggestion of the real run (with
// the fix loop's output, unsafe fixes included) the way GitHub applies it:
// replacing its whole lines with its text must give the lines `dflint fix`
// writes there. It also checks what reviewdog needs to post each one: at
// most one suggestion per diagnostic, on exactly the diagnostic's lines,
// and no two suggestions on one line.
func TestRDJSONSuggestionsApply(t *testing.T) {
	run := realRun(t)
	out := renderWith(t, "rdjson", Options{UnsafeFixes: true}, run)
	var res struct {
		Diagnostics []struct {
			Message  string
			Location struct {
				Path  string
				Range struct{ Start, End struct{ Line int } }
			}
			Suggestions []struct {
				Range struct{ Start, End struct{ Line int } }
				Text  string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	byPath := map[string][]lineSuggestion{}
	for _, d := range res.Diagnostics {
		if len(d.Suggestions) > 1 {
			t.Errorf("%s:%d: %d suggestions on one diagnostic", d.Location.Path, d.Location.Range.Start.Line, len(d.Suggestions))
		}
		for _, s := range d.Suggestions {
			if s.Range.Start.Line != d.Location.Range.Start.Line || s.Range.End.Line != d.Location.Range.End.Line {
				t.Errorf("%s: suggestion on lines %d-%d, diagnostic on %d-%d", d.Location.Path,
					s.Range.Start.Line, s.Range.End.Line, d.Location.Range.Start.Line, d.Location.Range.End.Line)
			}
			byPath[d.Location.Path] = append(byPath[d.Location.Path], lineSuggestion{s.Range.Start.Line, s.Range.End.Line, s.Text})
		}
	}
	var checked int
	for _, r := range run.Results {
		sugs := byPath[r.Path]
		if len(sugs) == 0 {
			continue
		}
		checked += len(sugs)
		checkSuggestionsApply(t, r.Path, r.File.Source, r.Fixed, sugs)
	}
	if checked == 0 {
		t.Fatal("no suggestion was checked")
	}
	t.Logf("%d suggestions checked", checked)
}

// checkSuggestionsApply applies the suggestions of one file together, as a
// reviewer accepting all of them would, and checks that the lines each one
// writes are the lines dflint fix writes there (fixed), and that no two
// suggestions share a line.
func checkSuggestionsApply(t *testing.T, path string, src, fixed []byte, sugs []lineSuggestion) {
	t.Helper()
	sort.Slice(sugs, func(i, j int) bool { return sugs[i].From < sugs[j].From })
	lines := splitLines(src)
	var b strings.Builder
	next := 1
	// written[i] is the range of lines of the result that suggestion i wrote.
	written := make([][2]int, len(sugs))
	outLine := 1
	for i, s := range sugs {
		if s.From < next || s.To < s.From || s.To > len(lines) {
			t.Errorf("%s: suggestion on lines %d-%d overlaps another or is out of the file", path, s.From, s.To)
			return
		}
		for ; next < s.From; next++ {
			b.WriteString(lines[next-1])
			outLine++
		}
		got := applySuggestion(lines[s.From-1:s.To], s.Text)
		n := len(splitLines([]byte(got)))
		written[i] = [2]int{outLine, outLine + n - 1}
		outLine += n
		b.WriteString(got)
		next = s.To + 1
	}
	for ; next <= len(lines); next++ {
		b.WriteString(lines[next-1])
	}
	for _, h := range rewrite.LineHunks([]byte(b.String()), fixed) {
		for i, w := range written {
			inside := h.OldFrom <= w[1] && w[0] <= h.OldTo // lines changed
			if h.OldTo < h.OldFrom {
				inside = w[0] < h.OldFrom && h.OldFrom <= w[1] // lines inserted between
			}
			if inside {
				t.Errorf("%s: suggestion %d-%d does not write what dflint fix writes:\n%s", path, sugs[i].From, sugs[i].To,
					rewrite.UnifiedDiff(path, []byte(b.String()), fixed))
			}
		}
	}
}

// applySuggestion is what GitHub does with a suggestion on whole lines:
// they become its text and the last line's line break; an empty text
// deletes them.
func applySuggestion(old []string, text string) string {
	if text == "" {
		return ""
	}
	last := old[len(old)-1]
	eol := last[len(strings.TrimRight(last, "\r\n")):]
	return text + eol
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

package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func compileSchema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(file, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(file)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, what string, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", what, err, out)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("%s does not validate: %v\n%s", what, err, out)
	}
}

// TestSonarQubeRequiredFields checks the sonarqube format against the
// fields SonarQube's documentation requires (testdata/sonarqube-generic-
// issues.schema.json), on the golden run and on real findings, and checks
// what the schema cannot: every issue's rule is in rules, and every text
// range is one SonarQube accepts (start before end, columns within the
// line), which an import that fails on one issue would otherwise show
// only on the server.
func TestSonarQubeRequiredFields(t *testing.T) {
	sch := compileSchema(t, "sonarqube-generic-issues.schema.json")
	for name, run := range map[string]*Run{"golden": goldenRun(t), "real": realRun(t), "empty": {}} {
		out := []byte(render(t, "sonarqube", run))
		validateJSON(t, sch, name, out)
		var rep sonarReport
		if err := json.Unmarshal(out, &rep); err != nil {
			t.Fatal(err)
		}
		known := map[string]bool{}
		for _, r := range rep.Rules {
			if known[r.ID] {
				t.Errorf("%s: rule %s twice", name, r.ID)
			}
			known[r.ID] = true
		}
		files := map[string]*parser.File{}
		for _, r := range run.Results {
			files[r.Path] = r.File
		}
		for _, is := range rep.Issues {
			if !known[is.RuleID] {
				t.Errorf("%s: issue of rule %s, which rules does not list", name, is.RuleID)
			}
			tr := is.PrimaryLocation.TextRange
			if (tr.StartColumn == nil) != (tr.EndColumn == nil) {
				t.Errorf("%s: %+v: one column without the other", name, tr)
				continue
			}
			if tr.StartColumn == nil {
				continue
			}
			if tr.EndLine < tr.StartLine || tr.EndLine == tr.StartLine && *tr.EndColumn <= *tr.StartColumn {
				t.Errorf("%s: %s: empty or reversed range %d:%d-%d:%d", name, is.RuleID, tr.StartLine, *tr.StartColumn, tr.EndLine, *tr.EndColumn)
			}
			// Golden and real paths are relative to the test's directory
			// in the run, and to the root "" in the report.
			if f := files[is.PrimaryLocation.FilePath]; f != nil {
				if n := lineLen16(f, tr.StartLine); *tr.StartColumn > n {
					t.Errorf("%s: %s: start column %d past line %d's %d", name, is.RuleID, *tr.StartColumn, tr.StartLine, n)
				}
				if n := lineLen16(f, tr.EndLine); *tr.EndColumn > n {
					t.Errorf("%s: %s: end column %d past line %d's %d", name, is.RuleID, *tr.EndColumn, tr.EndLine, n)
				}
			}
		}
	}
}

// TestSonarQubeRanges: the cases SonarQube would reject written raw.
func TestSonarQubeRanges(t *testing.T) {
	src := "\ufeffFROM a\r\nRUN é \\\r\n  b\r\n"
	f := parser.Parse("Dockerfile", []byte(src))
	at := func(s string) int { return strings.Index(src, s) }
	col := func(n int) *int { return &n }
	for _, c := range []struct {
		name       string
		start, end int
		want       sonarTextRange
	}{
		{"word after the BOM", at("a"), at("a") + 1, sonarTextRange{StartLine: 1, EndLine: 1, StartColumn: col(5), EndColumn: col(6)}},
		{"empty span: line only", at("a"), at("a"), sonarTextRange{StartLine: 1, EndLine: 1}},
		{"end on the carriage return", at("FROM"), at("\r"), sonarTextRange{StartLine: 1, EndLine: 1, StartColumn: col(0), EndColumn: col(6)}},
		{"end after the line break", at("FROM"), at("RUN"), sonarTextRange{StartLine: 1, EndLine: 1, StartColumn: col(0), EndColumn: col(6)}},
		{"two lines, UTF-16", at("é"), at("b") + 1, sonarTextRange{StartLine: 2, EndLine: 3, StartColumn: col(4), EndColumn: col(3)}},
	} {
		fd := finding(f, "DF999", "x", rules.Warning, c.start, c.end, nil)
		got := sonarRange(&Result{File: f}, &fd)
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(c.want)
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s, want %s", c.name, g, w)
		}
	}
}

// TestCodeClimateIssues: the codeclimate format is a stream of Code
// Climate issues, each terminated by NUL, and the gitlab format an array of
// the same issues; both validate against the engine spec's required fields
// and GitLab's (testdata/codeclimate-issue.schema.json).
func TestCodeClimateIssues(t *testing.T) {
	sch := compileSchema(t, "codeclimate-issue.schema.json")
	run := goldenRun(t)
	run.Results[0].Findings[0].Message = "two\nlines" // descriptions must be one line
	stream := render(t, "codeclimate", run)
	if !strings.HasSuffix(stream, "\x00") {
		t.Fatalf("the stream does not end with NUL: %q", stream)
	}
	chunks := strings.Split(strings.TrimSuffix(stream, "\x00"), "\x00")
	var array []json.RawMessage
	if err := json.Unmarshal([]byte(render(t, "gitlab", run)), &array); err != nil {
		t.Fatal(err)
	}
	if len(chunks) != len(array) || len(chunks) != 13 {
		t.Fatalf("%d codeclimate issues, %d gitlab issues; want 13 each", len(chunks), len(array))
	}
	for i, c := range chunks {
		validateJSON(t, sch, "codeclimate issue", []byte(c))
		validateJSON(t, sch, "gitlab issue", array[i])
		var compact bytes.Buffer
		if err := json.Compact(&compact, array[i]); err != nil {
			t.Fatal(err)
		}
		if compact.String() != c {
			t.Errorf("issue %d differs between the formats:\n%s\n%s", i, c, compact.String())
		}
	}
	if render(t, "codeclimate", &Run{}) != "" {
		t.Error("a run without issues should write nothing")
	}
}

// TestHadolintJSONShape: the hadolint-json entries have exactly hadolint's
// keys, in a flat array.
func TestHadolintJSONShape(t *testing.T) {
	var entries []map[string]any
	if err := json.Unmarshal([]byte(render(t, "hadolint-json", goldenRun(t))), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 13 {
		t.Fatalf("%d entries, want 13", len(entries))
	}
	for _, e := range entries {
		keys := make([]string, 0, len(e))
		for k := range e {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if strings.Join(keys, ",") != "code,column,file,level,line,message" {
			t.Errorf("keys %v", keys)
		}
		if !slices.Contains([]string{"error", "warning", "info", "style"}, e["level"].(string)) {
			t.Errorf("level %v", e["level"])
		}
	}
	if got := render(t, "hadolint-json", &Run{}); got != "[]\n" {
		t.Errorf("empty run: %q", got)
	}
}

// TestGNUColumnsAndEscapes: columns are screen columns (tab stops of 8,
// wide characters two), and a hostile path or message stays on its line.
func TestGNUColumnsAndEscapes(t *testing.T) {
	src := "\ufeffFROM a\nRUN\tx 日本 y\nRUN \xff z\n"
	f := parser.Parse("Dockerfile", []byte(src))
	for _, c := range []struct {
		what string
		col  int
	}{{"FROM", 1}, {"a", 6}, {"x", 9}, {"日", 11}, {"y", 16}, {"\xff", 5}, {"z", 7}} {
		if got := screenColumn(f, strings.Index(src, c.what)); got != c.col {
			t.Errorf("%q: column %d, want %d", c.what, got, c.col)
		}
	}
	h := parser.Parse(hostilePath, []byte("FROM a\n"))
	fd := finding(h, "DF999", "x", rules.Error, 5, 6, nil)
	fd.Message = "bad\n::error::injected \x1b[2J"
	got := render(t, "gnu", &Run{Results: []Result{
		{Path: hostilePath, File: h, Findings: []rules.Finding{fd}},
		{Path: "gone\r\nDockerfile", Errors: []error{errors.New("no such file\nor directory")}},
	}})
	want := `x\x1b[2J\x0d\x0a::error file=README.md,line=1::pwned.Dockerfile:1:6: error: bad ::error::injected \x1b[2J [DF999 x]` + "\n" +
		`gone\x0d\x0aDockerfile: error: no such file or directory` + "\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// junitShape is the part of Jenkins's JUnit schema (jenkinsci/xunit-plugin
// src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd,
// read 2026-12-07) that the junit format uses: for each element, the
// attributes it may have (true: required) and the elements it may hold.
var junitShape = map[string]struct {
	attrs    map[string]bool
	children []string
	text     bool
}{
	"testsuites": {attrs: map[string]bool{"name": false, "time": false, "tests": false, "failures": false, "errors": false}, children: []string{"testsuite"}},
	"testsuite": {attrs: map[string]bool{"name": true, "tests": true, "failures": true, "errors": true, "group": false, "time": false,
		"skipped": false, "timestamp": false, "hostname": false, "id": false, "package": false, "file": false, "log": false, "url": false},
		children: []string{"testsuite", "properties", "testcase", "system-out", "system-err"}},
	"testcase": {attrs: map[string]bool{"name": true, "time": false, "classname": false, "group": false},
		children: []string{"skipped", "error", "failure", "system-out", "system-err"}},
	"failure": {attrs: map[string]bool{"type": false, "message": false}, text: true},
	"error":   {attrs: map[string]bool{"type": false, "message": false}, text: true},
}

// checkJUnitShape walks the XML and fails on an element, attribute or text
// the schema does not allow there, or a required attribute missing.
func checkJUnitShape(t *testing.T, out []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			shape, ok := junitShape[name]
			if !ok {
				t.Fatalf("element <%s> is not in the schema", name)
			}
			if len(stack) == 0 && name != "testsuites" {
				t.Fatalf("root <%s>, want <testsuites>", name)
			}
			if len(stack) > 0 && !slices.Contains(junitShape[stack[len(stack)-1]].children, name) {
				t.Fatalf("<%s> may not hold <%s>", stack[len(stack)-1], name)
			}
			seen := map[string]bool{}
			for _, a := range tok.Attr {
				if _, ok := shape.attrs[a.Name.Local]; !ok {
					t.Fatalf("<%s> may not have %s=", name, a.Name.Local)
				}
				seen[a.Name.Local] = true
			}
			for a, required := range shape.attrs {
				if required && !seen[a] {
					t.Fatalf("<%s> lacks the required %s=", name, a)
				}
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && !junitShape[stack[len(stack)-1]].text && strings.TrimSpace(string(tok)) != "" {
				t.Fatalf("<%s> may not hold text %q", stack[len(stack)-1], tok)
			}
		}
	}
}

// TestJUnit checks the schema's shape on the golden and real runs, and
// what the dashboards count: one suite per path, one testcase per rule per
// file that lists all its findings, a passing testcase for a clean file,
// an error for a path that could not be linted, and totals that add up.
func TestJUnit(t *testing.T) {
	for name, run := range map[string]*Run{"golden": goldenRun(t), "real": realRun(t), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			out := []byte(render(t, "junit", run))
			checkJUnitShape(t, out)
			var all junitTestsuites
			if err := xml.Unmarshal(out, &all); err != nil {
				t.Fatal(err)
			}
			if len(all.Suites) != len(run.Results) {
				t.Fatalf("%d suites for %d paths", len(all.Suites), len(run.Results))
			}
			tests, failures, errs := 0, 0, 0
			for i, s := range all.Suites {
				r := run.Results[i]
				names := map[string]bool{}
				listed := 0
				for _, c := range s.Cases {
					if names[c.Name] {
						t.Errorf("%s: two testcases named %q (GitLab would keep one)", s.Name, c.Name)
					}
					names[c.Name] = true
					if c.Failure != nil {
						listed += strings.Count(c.Failure.Text, "\n")
					}
				}
				if listed != len(r.Findings) {
					t.Errorf("%s: failures list %d findings, want %d", s.Name, listed, len(r.Findings))
				}
				if len(r.Findings) == 0 && len(r.Errors) == 0 && (len(s.Cases) != 1 || s.Cases[0].Failure != nil || s.Cases[0].Error != nil) {
					t.Errorf("%s: a clean file should be one passing testcase: %+v", s.Name, s.Cases)
				}
				if (len(r.Errors) > 0) != (s.Errors == 1) {
					t.Errorf("%s: errors=%d for %d errors", s.Name, s.Errors, len(r.Errors))
				}
				if s.Tests != len(s.Cases) {
					t.Errorf("%s: tests=%d for %d testcases", s.Name, s.Tests, len(s.Cases))
				}
				tests, failures, errs = tests+s.Tests, failures+s.Failures, errs+s.Errors
			}
			if all.Tests != tests || all.Failures != failures || all.Errors != errs {
				t.Errorf("totals %d/%d/%d, suites add up to %d/%d/%d", all.Tests, all.Failures, all.Errors, tests, failures, errs)
			}
		})
	}
}

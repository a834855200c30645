package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// finding builds a finding on [start, end) the way the engine fills it in.
func finding(f *parser.File, id, name string, sev rules.Severity, start, end int, fix *rules.Fix) rules.Finding {
	fd := rules.Finding{RuleID: id, Name: name, Severity: sev, File: f.Path, Start: start, End: end, Message: "msg", Fix: fix}
	fd.Line, fd.Column = f.Position(start)
	fd.EndLine, fd.EndColumn = f.Position(end)
	return fd
}

func render(t *testing.T, format string, run *Run) string {
	t.Helper()
	return renderWith(t, format, Options{}, run)
}

func renderWith(t *testing.T, format string, opts Options, run *Run) string {
	t.Helper()
	r, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Report(&b, run); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextSnippets(t *testing.T) {
	src := "\ufeffFROM alpine\n\tRUN  cd /x && \\\n  make\nWORKDIR app\n" + "RUN echo " + strings.Repeat("x", 300) + " end\n"
	f := parser.Parse("Dockerfile", []byte(src))
	off := func(s string) int { return strings.Index(src, s) }
	long := off(" end")
	run := &Run{Results: []Result{{Path: "Dockerfile", File: f, Findings: []rules.Finding{
		finding(f, "DF101", "untagged-image", rules.Warning, off("FROM"), off("FROM")+len("FROM alpine"), &rules.Fix{Title: "Pin it", Applicability: rules.Unsafe}),
		finding(f, "DF503", "cd-in-run", rules.Warning, off("cd /x"), off("make")+4, nil),
		finding(f, "DF502", "relative-workdir", rules.Error, off("app"), off("app"), &rules.Fix{Title: "Make it absolute", Applicability: rules.Safe}),
		finding(f, "buildkit/StageNameCasing", "StageNameCasing", rules.Style, long, long+4, nil),
	}}, {Path: "gone", Errors: []error{errors.New("no such file or directory")}}}}
	got := render(t, "text", run)
	want := "Dockerfile:1:4: warning DF101 untagged-image: msg\n" +
		"   1 | FROM alpine\n" +
		"     | ^^^^^^^^^^^\n" +
		"      = fix (unsafe): Pin it\n" +
		"Dockerfile:2:7: warning DF503 cd-in-run: msg\n" +
		"   2 | \tRUN  cd /x && \\\n" +
		"     | \t     ^^^^^^^^^^\n" +
		"Dockerfile:4:9: error DF502 relative-workdir: msg\n" +
		"   4 | WORKDIR app\n" +
		"     |         ^\n" +
		"      = fix (safe): Make it absolute\n" +
		"Dockerfile:5:310: style buildkit/StageNameCasing: msg\n" +
		"   5 | …" + strings.Repeat("x", 156) + " end\n" +
		"     |  " + strings.Repeat(" ", 156) + "^^^^\n" +
		"gone: error: no such file or directory\n" +
		"4 findings (1 error, 2 warnings, 1 style) in 1 file; 1 fixable with `dflint fix` (1 more with --unsafe-fixes); 1 path had errors (see above)\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestTextSummary(t *testing.T) {
	clean := parser.Parse("a", []byte("FROM scratch\n"))
	hit := parser.Parse("b", []byte("FROM scratch\n"))
	run := &Run{Results: []Result{{Path: "a", File: clean}, {Path: "b", File: hit, Findings: []rules.Finding{
		finding(hit, "DF1", "x", rules.Info, 0, 4, &rules.Fix{Applicability: rules.Unsafe}),
	}}}}
	if got := render(t, "text", run); !strings.HasSuffix(got, "1 finding (1 info) in 1 of 2 files; 1 fixable with `dflint fix --unsafe-fixes`\n") {
		t.Errorf("summary: %q", got)
	}
	if got := render(t, "text", &Run{Results: []Result{{Path: "a", File: clean}}}); got != "No findings in 1 file\n" {
		t.Errorf("clean summary: %q", got)
	}
}

func TestColor(t *testing.T) {
	f := parser.Parse("a", []byte("FROM scratch\n"))
	run := &Run{Results: []Result{{Path: "a", File: f, Findings: []rules.Finding{finding(f, "DF1", "x", rules.Error, 0, 4, nil)}}}}
	var b bytes.Buffer
	r, _ := New("text", Options{Color: true})
	if err := r.Report(&b, run); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\x1b[") {
		t.Errorf("Color: true printed no colour: %q", b.String())
	}
	if strings.Contains(render(t, "text", run), "\x1b[") {
		t.Errorf("Color: false printed colour")
	}
}

func TestJSON(t *testing.T) {
	f := parser.Parse("Dockerfile", []byte("FROM alpine\nRUN apt-get install x\n"))
	fix := &rules.Fix{Title: "Add -y", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 27, End: 27, NewText: " -y"}}}
	run := &Run{Results: []Result{
		{Path: "Dockerfile", File: f, Findings: []rules.Finding{finding(f, "DF401", "apt-get-missing-yes", rules.Warning, 16, 33, fix)}},
		{Path: "gone", Errors: []error{errors.New("no such file or directory")}},
	}}
	var got struct {
		Findings []map[string]any `json:"findings"`
		Files    int              `json:"files"`
		Errors   []map[string]any `json:"errors"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", run)), &got); err != nil {
		t.Fatal(err)
	}
	if got.Files != 1 || len(got.Findings) != 1 || len(got.Errors) != 1 {
		t.Fatalf("got %+v", got)
	}
	fd := got.Findings[0]
	for k, v := range map[string]any{"rule": "DF401", "name": "apt-get-missing-yes", "severity": "warning", "file": "Dockerfile",
		"line": 2.0, "column": 5.0, "end_line": 2.0, "end_column": 22.0, "message": "msg"} {
		if fd[k] != v {
			t.Errorf("%s = %v, want %v", k, fd[k], v)
		}
	}
	edit := fd["fix"].(map[string]any)["edits"].([]any)[0].(map[string]any)
	for k, v := range map[string]any{"start": 27.0, "end": 27.0, "new_text": " -y", "start_line": 2.0, "start_column": 16.0, "end_line": 2.0, "end_column": 16.0} {
		if edit[k] != v {
			t.Errorf("edit %s = %v, want %v", k, edit[k], v)
		}
	}
	if got.Errors[0]["file"] != "gone" || got.Errors[0]["message"] != "no such file or directory" {
		t.Errorf("errors: %v", got.Errors)
	}
}

func TestNewUnknownFormat(t *testing.T) {
	if _, err := New("yaml", Options{}); err == nil || !strings.Contains(err.Error(), "sarif, sonarqube, text") {
		t.Errorf("New(yaml) error %v: want the list of formats", err)
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got := escapeData("100% done\r\nnext: a, b"); got != "100%25 done%0D%0Anext: a, b" {
		t.Errorf("escapeData: %q", got)
	}
	if got := escapeProperty("a:b,c%\n"); got != "a%3Ab%2Cc%25%0A" {
		t.Errorf("escapeProperty: %q", got)
	}
}

func TestUTF16Columns(t *testing.T) {
	// é is 2 bytes and 1 unit, 😀 4 bytes and 2 units, the BOM 3 bytes and
	// no unit; a byte that is not UTF-8 counts as one unit.
	src := "\ufeffRUN é😀 x\nRUN \xff y\n"
	f := parser.Parse("Dockerfile", []byte(src))
	for _, c := range []struct {
		what      string
		line, col int
	}{{"RUN é", 1, 1}, {"é", 1, 5}, {"😀", 1, 6}, {" x", 1, 8}, {"\xff", 2, 5}, {" y", 2, 6}} {
		line, col := utf16Position(f, strings.Index(src, c.what))
		if line != c.line || col != c.col {
			t.Errorf("%q: %d:%d, want %d:%d", c.what, line, col, c.line, c.col)
		}
	}
}

func TestRelPath(t *testing.T) {
	root := t.TempDir()
	for in, want := range map[string]string{
		root + "/a/Dockerfile":  "a/Dockerfile",
		"/elsewhere/Dockerfile": "/elsewhere/Dockerfile",
	} {
		if got := relPath(root, in); got != want {
			t.Errorf("relPath(%q) = %q, want %q", in, got, want)
		}
	}
	if got := relPath("", "./x/../Dockerfile"); got != "Dockerfile" {
		t.Errorf("relPath without root: %q", got)
	}
	for in, want := range map[string]string{"a b/Dockerfile": "a%20b/Dockerfile", "c:d/Dockerfile": "./c:d/Dockerfile", "/abs/Dockerfile": "file:///abs/Dockerfile"} {
		if got, _ := uriReference(in); got != want {
			t.Errorf("uriReference(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGitHubAnnotationLimit: past GitHub's 10 annotations of a level per
// step, the output says that the log has the rest.
func TestGitHubAnnotationLimit(t *testing.T) {
	src := strings.Repeat("WORKDIR app\n", 12)
	f := parser.Parse("Dockerfile", []byte("FROM scratch\n"+src))
	r := Result{Path: "Dockerfile", File: f}
	for i := 0; i < 12; i++ {
		start := len("FROM scratch\n") + i*len("WORKDIR app\n") + len("WORKDIR ")
		r.Findings = append(r.Findings, finding(f, "DF502", "relative-workdir", rules.Warning, start, start+3, nil))
	}
	out := render(t, "github", &Run{Results: []Result{r}})
	if !strings.HasSuffix(out, "GitHub shows 10 annotations of each level per step: this log has all of them (12 warnings); --format sarif with code scanning has no such limit\n") {
		t.Errorf("no note about the limit:\n%s", out)
	}
	if strings.Count(out, "::warning ") != 12 {
		t.Errorf("want all 12 annotations in the log:\n%s", out)
	}
	if strings.Contains(render(t, "github", goldenRun(t)), "GitHub shows") {
		t.Error("the note is printed under the limit")
	}
}

// hadolintFormats are the names hadolint's --format takes, but codacy
// (hadolint src/Hadolint/Formatter/Format.hs, readMaybeOutputFormat, at
// 8f936c5, read 2026-12-07): a CI line written for hadolint must work.
var hadolintFormats = []string{"checkstyle", "codeclimate", "gitlab_codeclimate", "gnu", "junit", "json", "sarif", "sonarqube", "tty"}

func TestHadolintAliases(t *testing.T) {
	for _, name := range hadolintFormats {
		if _, err := New(name, Options{}); err != nil {
			t.Errorf("hadolint's --format %s: %v", name, err)
		}
	}
	for alias, want := range map[string]string{"tty": "text", "gitlab_codeclimate": "gitlab", "GitLab_CodeClimate": "gitlab",
		"code-climate": "gitlab", "junit-xml": "junit"} {
		got, err := New(alias, Options{})
		if err != nil {
			t.Fatalf("%s: %v", alias, err)
		}
		wantR, _ := New(want, Options{})
		if fmt.Sprintf("%T", got) != fmt.Sprintf("%T", wantR) {
			t.Errorf("%s is %T, want %T", alias, got, wantR)
		}
	}
}

// hostilePath is a file name that, printed raw, clears the terminal and
// starts a line that a GitHub runner runs as a workflow command.
const hostilePath = "x\x1b[2J\r\n::error file=README.md,line=1::pwned.Dockerfile"

// TestTextEscapesControls: nothing the text format prints from a file, its
// name or an error reaches the terminal or the log as a control character:
// each is a visible escape, and no line starts a workflow command.
func TestTextEscapesControls(t *testing.T) {
	src := "FROM alpine\nRUN echo \x1b[31mred\rover \u202eevil\n"
	f := parser.Parse(hostilePath, []byte(src))
	start := strings.Index(src, "red")
	fd := finding(f, "DF999", "x", rules.Warning, start, start+len("red\rover"), &rules.Fix{Title: "drop \x1b[0m", Applicability: rules.Safe})
	fd.Message = "unknown instruction: \x1b]0;title\x07"
	run := &Run{Results: []Result{
		{Path: hostilePath, File: f, Findings: []rules.Finding{fd}},
		{Path: "::error::gone.Dockerfile", Errors: []error{errors.New("registry said: \x1b[1mno\r\n::error::injected")}},
	}}
	got := render(t, "text", run)
	want := `x\x1b[2J\x0d\x0a::error file=README.md,line=1::pwned.Dockerfile:2:15: warning DF999 x: unknown instruction: \x1b]0;title\x07` + "\n" +
		`   2 | RUN echo \x1b[31mred\x0dover \u202eevil` + "\n" +
		`     |                  ^^^^^^^^^^^` + "\n" +
		`      = fix (safe): drop \x1b[0m` + "\n" +
		`./::error::gone.Dockerfile: error: registry said: \x1b[1mno\x0d` + "\n" +
		`    \x3a:error::injected` + "\n" +
		"1 finding (1 warning) in 1 file; 1 fixable with `dflint fix`; 1 path had errors (see above)\n"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "::") {
			t.Errorf("a line a GitHub runner reads as a command: %q", line)
		}
	}
}

// TestGitHubEscapesForTheRunner reads the github format's output as the
// Actions runner does (actions/runner ActionCommand.TryParseV2: a line is a
// command when it starts with "::" after leading spaces; properties split
// at ",", unescaped %0D %0A %3A %2C then %25; the data unescaped %0D %0A
// then %25): a hostile file name and message give exactly one annotation
// per finding, on the exact file, and no other command.
func TestGitHubEscapesForTheRunner(t *testing.T) {
	src := "FROM alpine\nRUN echo hi\n"
	f := parser.Parse(hostilePath, []byte(src))
	fd := finding(f, "DF999", "x", rules.Warning, 0, 4, nil)
	fd.Message = "50% \x1b[31mred\x1b[0m,: done\r\n::error::injected"
	run := &Run{Results: []Result{
		{Path: hostilePath, File: f, Findings: []rules.Finding{fd}},
		{Path: "a,b:c%0A.Dockerfile", Errors: []error{errors.New("bad\n::warning::x")}},
	}}
	out := render(t, "github", run)
	unescape := func(s string, props bool) string {
		s = strings.NewReplacer("%0D", "\r", "%0A", "\n").Replace(s)
		if props {
			s = strings.NewReplacer("%3A", ":", "%2C", ",").Replace(s)
		}
		return strings.ReplaceAll(s, "%25", "%")
	}
	type command struct{ name, file, data string }
	var got []command
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(line, "::") {
			continue
		}
		end := strings.Index(line[2:], "::")
		if end < 0 {
			continue
		}
		info, data := line[2:2+end], line[2+end+2:]
		name, props, _ := strings.Cut(info, " ")
		c := command{name: name, data: unescape(data, false)}
		for _, p := range strings.Split(props, ",") {
			if k, v, ok := strings.Cut(p, "="); ok && k == "file" {
				c.file = unescape(v, true)
			}
		}
		got = append(got, c)
	}
	want := []command{
		{"warning", hostilePath, `50% \x1b[31mred\x1b[0m,: done\x0d` + "\n::error::injected"},
		{"error", "a,b:c%0A.Dockerfile", "bad\n::warning::x"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the runner reads:\n%q\nwant:\n%q\noutput:\n%s", got, want, out)
	}
}

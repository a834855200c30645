package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/rules"
)

// corpusFiles returns the real-world Dockerfiles of ../shared/corpus (beside
// the repository root), as listed in its MANIFEST.tsv. Their names are not
// all Dockerfile-like, so the manifest is the list rather than a walk.
func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	dir := os.Getenv("DFLINT_CORPUS")
	if dir == "" {
		root, err := repoRoot()
		if err != nil {
			tb.Fatal(err)
		}
		dir = filepath.Join(root, "..", "shared", "corpus")
	}
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		tb.Skipf("no corpus at %s (%v): put the shared corpus beside the repository, or set DFLINT_CORPUS", dir, err)
	}
	defer f.Close()
	var files []string
	sc := bufio.NewScanner(f)
	col := -1
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col < 0 {
			for i, name := range fields {
				if name == "file" {
					col = i
				}
			}
			if col < 0 {
				tb.Fatalf("%s/MANIFEST.tsv has no file column", dir)
			}
			continue
		}
		if col < len(fields) && fields[col] != "" {
			files = append(files, filepath.Join(dir, fields[col]))
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Skipf("%s/MANIFEST.tsv lists no files", dir)
	}
	return files
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// TestCorpus lints every corpus file through the command itself, in both
// formats: nothing may panic or report an internal error, and exit code 2
// may only come from files that do not parse, each with a DF001 finding
// that names its line.
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)

	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	code := run(append([]string{"lint", "--format", "json", "--fail-level", "none"}, files...), ios)
	if errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
	var res struct {
		Findings []struct {
			Rule    string `json:"rule"`
			File    string `json:"file"`
			Line    int    `json:"line"`
			Message string `json:"message"`
		} `json:"findings"`
		Files  int `json:"files"`
		Errors []struct {
			File    string `json:"file"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	for _, e := range res.Errors {
		// The first line names the rule and the failure; a rule's panic
		// carries a stack trace that `dflint lint FILE` shows in full.
		msg, _, _ := strings.Cut(e.Message, "\n")
		t.Errorf("%s: %s", e.File, msg)
	}
	if res.Files != len(files) {
		t.Errorf("linted %d files, want %d", res.Files, len(files))
	}
	unparsable := map[string]bool{}
	for _, f := range res.Findings {
		if f.Rule != "DF001" {
			continue
		}
		unparsable[f.File] = true
		if f.Line < 1 {
			t.Errorf("%s: DF001 without a line: %s", f.File, f.Message)
		}
	}
	wantCode := exitOK
	if len(unparsable) > 0 {
		wantCode = exitError
	}
	if code != wantCode {
		t.Errorf("exit code %d, want %d (%d files do not parse)", code, wantCode, len(unparsable))
	}
	t.Logf("%d files, %d findings, %d do not parse", res.Files, len(res.Findings), len(unparsable))

	// The text reporter draws snippets from the source; it must cope with
	// every line the corpus has (tabs, BOMs, very long lines).
	out.Reset()
	errOut.Reset()
	ios.Out = &out
	run(append([]string{"lint", "--color", "always"}, files...), ios)
	if errOut.Len() > 0 {
		t.Errorf("text run, stderr: %s", errOut.String())
	}
	if !bytes.Contains(out.Bytes(), []byte(" findings (")) {
		t.Errorf("text run printed no summary")
	}
}

// BenchmarkCorpus parses and lints the whole corpus as `dflint lint` does
// (all rules, BuildKit's checks, GOMAXPROCS workers), without printing.
func BenchmarkCorpus(b *testing.B) {
	files := corpusFiles(b)
	for _, bench := range []struct {
		name string
		opts rules.Options
	}{
		{"default", rules.Options{}},
		{"no-buildkit", rules.Options{NoBuildKit: true}},
	} {
		b.Run(bench.name, func(b *testing.B) {
			engine, err := rules.NewEngine(bench.opts)
			if err != nil {
				b.Fatal(err)
			}
			targets := discover.Targets(files, discover.Options{})
			b.ResetTimer()
			for b.Loop() {
				n := 0
				// Errors are TestCorpus's business; here they only cost time.
				err := runner.Lint(context.Background(), engine, targets, nil, func(report.Result) { n++ })
				if err != nil || n != len(files) {
					b.Fatalf("linted %d of %d files: %v", n, len(files), err)
				}
			}
			b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// TestExample keeps the README's story true: the shipped example parses and
// has findings (exit 1), and nothing goes wrong on the way.
func TestExample(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	code := run([]string{"lint", filepath.Join(root, "examples", "flask")}, ios)
	if code != exitFindings || errOut.Len() > 0 || !strings.Contains(out.String(), "DF202 copy-before-dependencies") {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant exit 1 with a DF202 finding", code, errOut.String(), out.String())
	}
}

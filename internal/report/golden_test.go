package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The golden run uses rules with fixed metadata (the real IDs, so that the
// links to docs/rules are the real ones), so the golden files change when a
// format changes, not when a rule's wording does.
var (
	goldenDF104 = &rules.Rule{ID: "DF104", Name: "full-base-image", Severity: rules.Warning,
		Summary:     "Final stage on a full base image",
		Description: "The full variant carries compilers the image does not need at run time.",
		Bad:         "FROM python:3.11\n", Good: "FROM python:3.11-slim\n", Fix: rules.Unsafe}
	goldenDF401 = &rules.Rule{ID: "DF401", Name: "apt-get-missing-yes", Severity: rules.Warning,
		Summary: "apt-get install without -y", Description: "Without `-y` the build waits for an answer.", Fix: rules.Safe}
	goldenDF502 = &rules.Rule{ID: "DF502", Name: "relative-workdir", Severity: rules.Error,
		Summary: "WORKDIR with a relative path", Description: "A relative WORKDIR depends on the one before.", Fix: rules.Safe}
	goldenDF504 = &rules.Rule{ID: "DF504", Name: "maintainer", Severity: rules.Info,
		Summary: "MAINTAINER is deprecated", Description: "Use a label.", Fix: rules.Safe}
	goldenDF302 = &rules.Rule{ID: "DF302", Name: "secret-in-arg-or-env", Severity: rules.Error,
		Summary: "Secret in ARG or ENV", Description: "Values of ARG and ENV stay in the image's history."}
	goldenDF512 = &rules.Rule{ID: "DF512", Name: "invalid-expose", Severity: rules.Error,
		Summary: "EXPOSE with an invalid port", Description: "Ports are numbers."}
	goldenStage = &rules.Rule{ID: "buildkit/StageNameCasing", Name: "StageNameCasing", Severity: rules.Warning,
		Summary: "Stage names should be lowercase", Description: "Stage names should be lowercase.",
		URL: "https://docs.docker.com/reference/build-checks/stage-name-casing/"}
	goldenSC2086 = &rules.Rule{ID: "SC2086", Name: "shellcheck", Severity: rules.Warning,
		Summary: "ShellCheck SC2086", URL: "https://www.shellcheck.net/wiki/SC2086"}
)

// at builds a finding of rule r on the first occurrence of what (after the
// n-th occurrence of after, when after is not empty) in the file.
type at struct {
	rule     *rules.Rule
	sev      rules.Severity
	after    string
	what     string
	message  string
	fix      *rules.Fix
	fixAfter string // the fix's edits are relative to this text's first occurrence
}

func goldenResult(t *testing.T, path, src string, ats ...at) Result {
	t.Helper()
	f := parser.Parse(path, []byte(src))
	if f.Err != nil {
		t.Fatalf("%s: %v", path, f.Err)
	}
	r := Result{Path: path, File: f}
	for _, a := range ats {
		base := 0
		if a.after != "" {
			base = strings.Index(src, a.after)
		}
		i := strings.Index(src[base:], a.what)
		if base < 0 || i < 0 {
			t.Fatalf("%q not in %s", a.what, path)
		}
		start := base + i
		fd := rules.Finding{Rule: a.rule, RuleID: a.rule.ID, Name: a.rule.Name, Severity: a.sev, File: path,
			Start: start, End: start + len(a.what), Message: a.message}
		if fd.Severity == rules.Off {
			fd.Severity = a.rule.Severity
		}
		if a.fix != nil {
			fix := *a.fix
			fix.Edits = nil
			for _, e := range a.fix.Edits {
				e.Start += start
				e.End += start
				fix.Edits = append(fix.Edits, e)
			}
			fd.Fix = &fix
		}
		fd.Line, fd.Column = f.Position(fd.Start)
		fd.EndLine, fd.EndColumn = f.Position(fd.End)
		r.Findings = append(r.Findings, fd)
	}
	return r
}

// goldenRun has what the formats must get right: two findings with equal
// text (fingerprints), text after non-ASCII characters, one outside the
// Basic Multilingual Plane (UTF-16 columns), a multi-line finding, fixes
// that insert, replace and delete a whole line, a BOM and CRLF, a clean
// file, an error, a BuildKit check and a ShellCheck code.
func goldenRun(t *testing.T) *Run {
	main := "FROM python:3.11 AS Build\n" +
		"ENV AUTHOR=\"Zoë 𝄞\" API_TOKEN=hunter2\n" +
		"MAINTAINER Zoë <zoe@example.com>\n" +
		"RUN apt-get install curl\n" +
		"EXPOSE 80/tcpx\n" +
		"RUN apt-get install curl\n" +
		"WORKDIR app\n" +
		"RUN echo $HOME && \\\n" +
		"    apt-get install \\\n" +
		"      git\n"
	crlf := "\ufeffFROM python:3.11\r\nWORKDIR srv\r\n"
	return &Run{Results: []Result{
		goldenResult(t, "services/api/Dockerfile", main,
			at{rule: goldenDF104, what: "python:3.11", message: "the final stage runs on `python:3.11`, the full variant: use `python:3.11-slim`",
				fix: &rules.Fix{Title: "Use the `3.11-slim` variant", Applicability: rules.Unsafe, Edits: []rules.Edit{{Start: 11, End: 11, NewText: "-slim"}}}},
			at{rule: goldenStage, what: "Build", message: "Stage name 'Build' should be lowercase"},
			at{rule: goldenDF302, what: "API_TOKEN=hunter2", message: "ENV API_TOKEN holds a secret: pass it with RUN --mount=type=secret"},
			at{rule: goldenDF504, what: "MAINTAINER Zoë <zoe@example.com>", message: "MAINTAINER is deprecated: use a label",
				fix: &rules.Fix{Title: "Remove MAINTAINER", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 0, End: len("MAINTAINER Zoë <zoe@example.com>\n")}}}},
			at{rule: goldenDF401, what: "apt-get install curl", message: "apt-get install without -y: the build stops at the prompt",
				fix: &rules.Fix{Title: "Add -y", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 15, End: 15, NewText: " -y"}}}},
			at{rule: goldenDF512, what: "80/tcpx", message: "EXPOSE 80/tcpx: the protocol must be tcp or udp, with a comma, a colon and 100% \"quotes\""},
			at{rule: goldenDF401, after: "EXPOSE", what: "apt-get install curl", message: "apt-get install without -y: the build stops at the prompt",
				fix: &rules.Fix{Title: "Add -y", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 15, End: 15, NewText: " -y"}}}},
			at{rule: goldenDF502, what: "app", after: "WORKDIR", message: "WORKDIR app is relative",
				fix: &rules.Fix{Title: "Make it absolute", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 0, End: 3, NewText: "/app"}}}},
			at{rule: goldenSC2086, sev: rules.Info, what: "$HOME", message: "Double quote to prevent globbing and word splitting."},
			at{rule: goldenDF401, what: "apt-get install \\\n      git", message: "apt-get install without -y: the build stops at the prompt",
				fix: &rules.Fix{Title: "Add -y", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 15, End: 15, NewText: " -y"}}}},
		),
		goldenResult(t, "crlf.Dockerfile", crlf,
			at{rule: goldenDF502, what: "srv", message: "WORKDIR srv is relative",
				fix: &rules.Fix{Title: "Make it absolute", Applicability: rules.Safe, Edits: []rules.Edit{{Start: 0, End: 3, NewText: "/srv"}}}},
			at{rule: goldenDF104, what: "python:3.11", message: "the final stage runs on `python:3.11`, the full variant: use `python:3.11-slim`",
				fix: &rules.Fix{Title: "Use the `3.11-slim` variant", Applicability: rules.Unsafe, Edits: []rules.Edit{{Start: 11, End: 11, NewText: "-slim"}}}},
		),
		goldenResult(t, "clean/Dockerfile", "FROM scratch\nCOPY app /app\n"),
		{Path: "missing/Dockerfile", Errors: []error{errors.New("open missing/Dockerfile: no such file or directory")}},
	}}
}

// TestGolden renders the golden run in every format and compares it with
// testdata/golden/run.FORMAT (go test ./internal/report -update rewrites
// them). Each format is rendered twice: the output must not change.
func TestGolden(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var outs [2][]byte
			for i := range outs {
				r, err := New(format, Options{Root: wd, Version: "v1.2.3", UnsafeFixes: true})
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				if err := r.Report(&b, goldenRun(t)); err != nil {
					t.Fatal(err)
				}
				outs[i] = b.Bytes()
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Fatalf("two renderings differ:\n%s\n---\n%s", outs[0], outs[1])
			}
			path := filepath.Join("testdata", "golden", "run."+format)
			if *update {
				if err := os.WriteFile(path, outs[0], 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update)", err)
			}
			if !bytes.Equal(outs[0], want) {
				t.Errorf("%s output differs from %s (run go test ./internal/report -update and review the diff):\n%s", format, path, outs[0])
			}
		})
	}
}

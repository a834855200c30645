package rules

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/parser"
)

func addIgnoreEngine(t *testing.T, opts Options) *Engine {
	t.Helper()
	opts.Today = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	e, err := NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func lintText(t *testing.T, e *Engine, src string) []Finding {
	t.Helper()
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return fs
}

// TestAddIgnores: after AddIgnores a file lints clean with the same
// engine, the comments are where the engine reads them and as the cases
// say, and a second run changes nothing.
func TestAddIgnores(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		src  string
		want string // "" when only "lints clean and idempotent" is checked
	}{
		{
			name: "one comment per instruction, every rule of its findings",
			opts: Options{Select: []string{"DF401", "DF403", "DF502"}},
			src:  "FROM debian:12\nRUN apt-get update && apt-get install curl\nWORKDIR app\n",
			want: "FROM debian:12\n# dflint ignore=DF401,DF403\nRUN apt-get update && apt-get install curl\n# dflint ignore=DF502\nWORKDIR app\n",
		},
		{
			name: "an existing comment is extended before its reason, not repeated",
			opts: Options{Select: []string{"DF401", "DF403", "DF502"}},
			src:  "FROM debian:12\n# a note\n# dflint ignore=DF403 lists are cleaned later\nRUN apt-get update && apt-get install curl\n",
			want: "FROM debian:12\n# a note\n# dflint ignore=DF403,DF401 lists are cleaned later\nRUN apt-get update && apt-get install curl\n",
		},
		{
			name: "a hadolint comment is left alone, a dflint one goes below it",
			opts: Options{Select: []string{"DF401", "DF403"}},
			src:  "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install curl\n",
			want: "FROM debian:12\n# hadolint ignore=DL3008\n# dflint ignore=DF401,DF403\nRUN apt-get update && apt-get install curl\n",
		},
		{
			name: "continuation lines: above the first line, indented like it",
			opts: Options{Select: []string{"DF401", "DF403"}},
			src:  "FROM debian:12\n  RUN apt-get update && \\\n      apt-get install \\\n        curl\n",
			want: "FROM debian:12\n  # dflint ignore=DF401,DF403\n  RUN apt-get update && \\\n      apt-get install \\\n        curl\n",
		},
		{
			name: "heredoc: above the RUN, not in its body",
			opts: Options{Select: []string{"DF401", "DF403"}},
			src:  "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n",
			want: "FROM debian:12\n# dflint ignore=DF401,DF403\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n",
		},
		{
			name: "CRLF and a byte order mark",
			opts: Options{Select: []string{"DF101", "DF502"}},
			src:  "\ufeffFROM debian\r\nWORKDIR app\r\n",
			want: "\ufeff# dflint ignore=DF101\r\nFROM debian\r\n# dflint ignore=DF502\r\nWORKDIR app\r\n",
		},
		{
			name: "ONBUILD, and a rule named by a part",
			opts: Options{},
			src:  "FROM debian:12\nONBUILD RUN apt-get install curl\nfrom alpine:3.20 AS b\nrun echo hi\n",
		},
		{
			name: "the default rules and BuildKit's checks on a larger file",
			opts: Options{},
			src: "# syntax=docker/dockerfile:1\nARG BASE=python:3.11\nFROM $BASE AS Build\nMAINTAINER me\n" +
				"ENV API_TOKEN=hunter2\nRUN curl -k https://x.example/i.sh | sh\nADD . /src\nRUN cd /src && pip install -r req.txt\n" +
				"EXPOSE 22\nUSER root\nCMD python app.py\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := addIgnoreEngine(t, tt.opts)
			if len(lintText(t, e, tt.src)) == 0 {
				t.Fatal("the case has no findings to ignore")
			}
			res, err := AddIgnores(context.Background(), e, "Dockerfile", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got := string(res.Output)
			ignored := 0
			for _, n := range res.Ignored {
				ignored += n
			}
			if n := len(lintText(t, e, tt.src)); ignored != n {
				t.Errorf("Ignored counts %d findings (%v), the input has %d", ignored, res.Ignored, n)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("after AddIgnores:\n%s\nwant:\n%s", got, tt.want)
			}
			if left := lintText(t, e, got); len(left) > 0 {
				t.Errorf("after AddIgnores, %d findings are left, first %s: %s\n%s", len(left), left[0].RuleID, left[0].Message, got)
			}
			if len(res.Remaining) > 0 || len(res.RolledBack) > 0 || len(res.Errs) > 0 {
				t.Errorf("remaining %v, rolled back %v, errors %v", res.Remaining, res.RolledBack, res.Errs)
			}
			again, err := AddIgnores(context.Background(), e, "Dockerfile", res.Output)
			if err != nil || again.Changed() {
				t.Errorf("a second run changed the file (%v):\n%s", err, again.Output)
			}
		})
	}
}

// TestAddIgnoresShellCheck: ShellCheck's codes are written like rule IDs,
// and the engine reads them back.
func TestAddIgnoresShellCheck(t *testing.T) {
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck is not installed, and CI must run this test (.ci/run installs it)")
		}
		t.Skip("shellcheck is not installed")
	}
	e := addIgnoreEngine(t, Options{Select: []string{"DF401"}, ShellCheck: bin})
	src := "FROM debian:12\nRUN echo $HOME\n"
	fs := lintText(t, e, src)
	if len(fs) == 0 || !strings.HasPrefix(fs[0].RuleID, "SC") {
		t.Fatalf("findings %v, want ShellCheck's", fs)
	}
	res, err := AddIgnores(context.Background(), e, "Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := "FROM debian:12\n# dflint ignore=" + fs[0].RuleID + "\nRUN echo $HOME\n"; string(res.Output) != want {
		t.Errorf("got\n%s\nwant\n%s", res.Output, want)
	}
	if left := lintText(t, e, string(res.Output)); len(left) > 0 {
		t.Errorf("left: %v", left)
	}
}

// TestAddIgnoresCannot: what no ignore comment silences stays, unchanged.
func TestAddIgnoresCannot(t *testing.T) {
	e := addIgnoreEngine(t, Options{})
	src := "FROM debian:12\nRUN <<EOF\n"
	res, err := AddIgnores(context.Background(), e, "Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() || len(res.Remaining) != 1 || res.Remaining[0].RuleID != parseErrorID {
		t.Errorf("a file that does not parse: changed %v, remaining %v; want it unchanged with DF001", res.Changed(), res.Remaining)
	}

	// Outside any instruction: an unused ignore comment (DF002) is on the
	// comment itself. It stays, and the file is not changed for it.
	unused := addIgnoreEngine(t, Options{Select: []string{"DF002", "DF502"}})
	src = "FROM debian:12\n# dflint ignore=DF502\nWORKDIR /app\n"
	res, err = AddIgnores(context.Background(), unused, "Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed() || len(res.Remaining) != 1 || res.Remaining[0].RuleID != "DF002" {
		t.Errorf("DF002 on a comment: changed %v, remaining %v; want it unchanged with DF002 left", res.Changed(), res.Remaining)
	}

	// With ignore comments turned off, writing them would silence nothing.
	off := addIgnoreEngine(t, Options{Select: []string{"DF502"}, NoIgnoreComments: true})
	if _, err := AddIgnores(context.Background(), off, "Dockerfile", []byte("FROM debian:12\nWORKDIR app\n")); err != ErrIgnoreCommentsOff {
		t.Errorf("with ignore comments off: %v, want ErrIgnoreCommentsOff", err)
	}
}

// TestIgnoreEditRoundTrip: the lsp's single-rule edit, on an instruction
// with a comment that already lists the rule, writes nothing.
func TestIgnoreEditRoundTrip(t *testing.T) {
	f := parser.Parse("Dockerfile", []byte("FROM debian:12\n# dflint ignore=DL3014\nRUN apt-get install -y curl\n"))
	if _, ok := IgnoreEdit(f, f.Instructions[1], []string{"DF401"}); ok {
		t.Error("DL3014 is DF401: nothing should be added")
	}
	e, ok := IgnoreEdit(f, f.Instructions[1], []string{"DF403", "DF403"})
	if !ok || e.NewText != ",DF403" {
		t.Errorf("edit %+v, want one ,DF403", e)
	}
}

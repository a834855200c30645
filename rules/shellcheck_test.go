package rules

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dflint/dflint/parser"
)

// shellcheckBin finds the real binary. CI installs it (.ci/run), so there
// a missing binary is a failure, not a skip.
func shellcheckBin(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shellcheck is not installed; .ci/run installs the Debian package")
		}
		t.Skip("shellcheck is not installed (apt-get install shellcheck)")
	}
	return bin
}

func lintShellCheck(t *testing.T, src string, opts Options) []Finding {
	t.Helper()
	opts.ShellCheck = NewShellCheck(shellcheckBin(t), "")
	opts.NoBuildKit = true
	if opts.Select == nil {
		opts.Select = []string{"DF001"} // ShellCheck alone
	}
	e, err := NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	for _, err := range errs {
		t.Fatal(err)
	}
	return fs
}

func TestShellCheckPositions(t *testing.T) {
	src := "FROM debian:12\n" +
		"ARG pkgs\n" +
		"ENV home_dir=/home/app\n" +
		"RUN apt-get update && \\\n" +
		"    # a comment line\n" +
		"\tapt-get install -y $pkgs && echo $home_dir $unset_var\n" +
		"RUN <<EOF\n" +
		"cd $home_dir\n" +
		"EOF\n"
	fs := lintShellCheck(t, src, Options{Select: []string{"SC2086", "SC2154", "SC2164"}})
	type want struct {
		rule, text string
		line       int
	}
	wants := []want{
		{"SC2086", "$pkgs", 6},
		{"SC2086", "$home_dir", 6},
		{"SC2086", "$unset_var", 6},
		{"SC2154", "$unset_var", 6},
		{"SC2164", "cd $home_dir", 8},
		{"SC2086", "$home_dir", 8},
	}
	got := map[want]bool{}
	for _, f := range fs {
		got[want{f.RuleID, src[f.Start:f.End], f.Line}] = true
	}
	for _, w := range wants {
		if !got[w] {
			t.Errorf("missing %s on %q at line %d; got %+v", w.rule, w.text, w.line, got)
		}
	}
	for _, f := range fs {
		if f.RuleID == "SC2154" && src[f.Start:f.End] != "$unset_var" {
			t.Errorf("declared ARG/ENV reported as unassigned: %q", src[f.Start:f.End])
		}
	}
}

func TestShellCheckIgnoreAndDialect(t *testing.T) {
	src := "FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $A\nRUN echo $B\n"
	fs := lintShellCheck(t, src, Options{Select: []string{"SC2086"}})
	if len(fs) != 1 || fs[0].Line != 4 || fs[0].Severity != Info {
		t.Errorf("want one SC2086 (info) on line 4, got %+v", fs)
	}
	// [[ ]] is fine for bash, not for sh.
	sh := lintShellCheck(t, "FROM debian:12\nRUN [[ -f /x ]] && echo y\n", Options{Select: []string{"SC3010"}})
	bash := lintShellCheck(t, "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f /x ]] && echo y\n", Options{Select: []string{"SC3010"}})
	if len(sh) != 1 || len(bash) != 0 {
		t.Errorf("dialect: sh gave %d SC3010, bash %d; want 1 and 0", len(sh), len(bash))
	}
	if fs := lintShellCheck(t, src, Options{Ignore: []string{"SC2086"}, Select: []string{"DF001"}}); len(fs) != 0 {
		t.Errorf("--ignore SC2086: %+v", fs)
	}
}

// hadolint's ShellcheckSpec: Docker's predefined proxy ARGs are assigned
// without an ARG instruction, and SC1090, SC1091 and SC2187 are never
// reported, since a Dockerfile has no place for the directive that would
// silence them.
func TestShellCheckPredefinedArgsAndExclusions(t *testing.T) {
	quiet := []struct{ name, src string }{
		{"proxy ARGs", "FROM debian:12\nRUN echo \"$HTTP_PROXY\" \"$http_proxy\" \"$HTTPS_PROXY\" \"$https_proxy\" \"$FTP_PROXY\" \"$ftp_proxy\" \"$NO_PROXY\" \"$no_proxy\" \"$ALL_PROXY\" \"$all_proxy\"\n"},
		{"SC1091 sourced file", "FROM debian:12\nRUN . /etc/os-release && echo \"$ID\"\n"},
		{"SC1090 non-constant source", "FROM debian:12\nARG f\nSHELL [\"/bin/bash\", \"-c\"]\nRUN source \"$f\"\n"},
		{"SC2187 ash", "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN echo hello\n"},
		{"ARG and ENV", "FROM debian:12\nARG foo=bar\nENV baz=20\nRUN echo \"$foo\" \"$baz\"\n"},
		{"exec form", "FROM debian:12\nRUN [\"foobar\", \"$f\"]\n"},
		{"bash has RANDOM", "FROM debian:12\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN echo $RANDOM\n"},
		{"pwsh", "FROM debian:12\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"},
		{"cmd.exe", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"cmd.exe\", \"/c\"]\nRUN echo $x\n"},
		{"powershell path", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\powershell.exe\", \"-command\"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value\n"},
		{"Windows image runs cmd", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo $undefined_var\n"},
		{"SHELL of the base stage", "FROM ubuntu:24.04 AS base\nSHELL [\"/bin/bash\", \"-e\", \"-o\", \"pipefail\", \"-c\"]\n\nFROM base\nRUN source /etc/os-release\n"},
		{"SHELL of the base's base", "FROM ubuntu:24.04 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base AS next\nRUN echo\nFROM next\nRUN source /etc/os-release\n"},
	}
	for _, tt := range quiet {
		t.Run(tt.name, func(t *testing.T) {
			if fs := lintShellCheck(t, tt.src, Options{}); len(fs) != 0 {
				t.Errorf("want no ShellCheck finding, got %+v", fs)
			}
		})
	}
	caught := []struct{ name, src, code string }{
		{"misspelt proxy", "FROM debian:12\nRUN echo \"$RTTP_PROXY\"\n", "SC2153"}, // possible misspelling of HTTP_PROXY
		{"ARG of another stage", "FROM debian:12\nARG foo=bar\nFROM debian:12\nRUN echo \"$foo\"\n", "SC2154"},
		{"sh has no RANDOM", "FROM debian:12\nRUN echo $RANDOM\n", "SC3028"},
		{"onbuild", "FROM debian:12\nONBUILD RUN echo $MISSING_QUOTES\n", "SC2086"},
		{"SHELL of an unrelated stage", "FROM ubuntu:24.04 AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM ubuntu:24.04\nRUN source /etc/os-release\n", "SC3046"},
	}
	for _, tt := range caught {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintShellCheck(t, tt.src, Options{})
			found := false
			for _, f := range fs {
				found = found || f.RuleID == tt.code
			}
			if !found {
				t.Errorf("want %s, got %+v", tt.code, fs)
			}
		})
	}
}

// The scripts of several files go to shellcheck together; each comment
// still lands on its own file's text, with tabs, multi-byte characters and
// heredocs in the way, and a second run with the cache starts no process.
func TestShellCheckBatchedPositions(t *testing.T) {
	bin := shellcheckBin(t)
	files := map[string]string{
		"tabs":    "FROM debian:12\nRUN\techo\t$one \\\n\t&& echo ok\nRUN echo $two\n",
		"utf8":    "FROM debian:12\nRUN echo \"héllo — wörld 🐳\" $three && echo \"ü\" $four\n",
		"heredoc": "FROM debian:12\nRUN <<EOF\necho \"ça\"\tva $five\ncd /tmp\nEOF\nRUN <<-EOT bash\n\techo \"日本\" $six\nEOT\n",
	}
	want := map[string][]string{ // file → SC2086's texts, in order
		"tabs":    {"$one", "$two"},
		"utf8":    {"$three", "$four"},
		"heredoc": {"$five", "$six"},
	}
	lintAll := func(sc *ShellCheck) map[string][]Finding {
		e, err := NewEngine(Options{ShellCheck: sc, NoBuildKit: true, Select: []string{"SC2086", "SC2164"}})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var wg sync.WaitGroup
		got := map[string][]Finding{}
		for name, src := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fs, errs := e.Lint(context.Background(), parser.Parse(name, []byte(src)))
				for _, err := range errs {
					t.Error(err)
				}
				mu.Lock()
				got[name] = fs
				mu.Unlock()
			}()
		}
		wg.Wait()
		return got
	}
	cache := t.TempDir()
	sc := NewShellCheck(bin, cache)
	cold := lintAll(sc)
	for name, fs := range cold {
		src := files[name]
		var texts []string
		for _, f := range fs {
			if f.RuleID == "SC2086" {
				texts = append(texts, src[f.Start:f.End])
			}
		}
		if !slices.Equal(texts, want[name]) {
			t.Errorf("%s: SC2086 on %q, want %q", name, texts, want[name])
		}
	}
	if n := len(cold["heredoc"]); n != 3 { // and SC2164 on the heredoc's cd
		t.Errorf("heredoc: %d findings, want 3: %+v", n, cold["heredoc"])
	}
	// Seven scripts (a heredoc RUN has its command line too) in two
	// dialects; files linted at once share processes.
	coldStats := sc.Stats()
	if coldStats.Processes > 4 || coldStats.Checked != 7 {
		t.Errorf("cold run: %+v, want 7 scripts in at most 4 processes", coldStats)
	}
	warmSC := NewShellCheck(bin, cache)
	warm := lintAll(warmSC)
	if st := warmSC.Stats(); st.Processes != 0 || st.CacheHits != coldStats.Checked {
		t.Errorf("warm run: %+v, want %d cache hits and no process", st, coldStats.Checked)
	}
	for name := range files {
		if !reflect.DeepEqual(cold[name], warm[name]) {
			t.Errorf("%s: warm findings differ:\n%+v\n%+v", name, cold[name], warm[name])
		}
	}
}

// A shellcheck that fails says which RUN it failed on, and the other
// RUNs keep their findings.
func TestShellCheckFailureNamesTheRun(t *testing.T) {
	real := shellcheckBin(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "shellcheck")
	// Fails whenever one of its scripts holds "explode".
	wrapper := "#!/bin/sh\nfor a; do case \"$a\" in -*) ;; *) if grep -q explode \"$a\"; then echo 'out of memory' >&2; exit 2; fi ;; esac; done\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(bin, []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	e, err := NewEngine(Options{ShellCheck: NewShellCheck(bin, ""), NoBuildKit: true, Select: []string{"SC2086"}})
	if err != nil {
		t.Fatal(err)
	}
	src := "FROM debian:12\nRUN echo $a\nRUN echo explode\nRUN echo $b\n"
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "RUN at line 3") || !strings.Contains(errs[0].Error(), "out of memory") {
		t.Errorf("errors: %v, want one naming the RUN at line 3 and quoting shellcheck", errs)
	}
	if len(fs) != 2 || fs[0].Line != 2 || fs[1].Line != 4 {
		t.Errorf("findings: %+v, want SC2086 on lines 2 and 4", fs)
	}
}

// An editor gets the other findings first; ShellCheck's come with the
// whole set, and an ignore comment naming an SC code is not called unused
// before ShellCheck has spoken.
func TestLintStaged(t *testing.T) {
	bin := shellcheckBin(t)
	e, err := NewEngine(Options{ShellCheck: NewShellCheck(bin, ""), NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	src := "FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $a\nRUN echo $b\nWORKDIR app\n"
	f := parser.Parse("Dockerfile", []byte(src))
	first, errs, rest := e.LintStaged(context.Background(), f)
	if len(errs) > 0 || rest == nil {
		t.Fatalf("errs %v, rest %v", errs, rest != nil)
	}
	ids := func(fs []Finding) (out []string) {
		for _, f := range fs {
			out = append(out, f.RuleID)
		}
		return out
	}
	for _, id := range ids(first) {
		if strings.HasPrefix(id, "SC") || id == "DF002" {
			t.Errorf("first set has %s: %v", id, ids(first))
		}
	}
	all, errs := rest()
	whole, _ := e.Lint(context.Background(), f)
	if len(errs) > 0 || !slices.Equal(ids(all), ids(whole)) || !slices.Contains(ids(all), "SC2086") {
		t.Errorf("whole set %v (errs %v), Lint gives %v", ids(all), errs, ids(whole))
	}
}

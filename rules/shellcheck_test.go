package rules

import (
	"context"
	"os"
	"os/exec"
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
	opts.ShellCheck = shellcheckBin(t)
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

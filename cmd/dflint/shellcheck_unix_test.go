//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Re-linting unchanged RUNs with --shellcheck starts no process at all:
// a shellcheck on PATH that counts its runs (and then runs the real one)
// is run on the first lint, never on the second, and both report the same.
func TestShellCheckCacheStartsNoProcess(t *testing.T) {
	real, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck is not installed; .ci/run installs the Debian package")
		}
		t.Skip("shellcheck is not installed (apt-get install shellcheck)")
	}
	dir := t.TempDir()
	bin, runs := filepath.Join(dir, "bin"), filepath.Join(dir, "runs")
	os.Mkdir(bin, 0o755)
	wrapper := "#!/bin/sh\necho run >> '" + runs + "'\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "shellcheck"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	for i, src := range []string{
		"FROM debian:12\nRUN echo $a\nRUN cd /tmp\n",
		"FROM debian:12\nARG v\nRUN echo $v && echo $b\n",
		"FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN [[ -f x ]] && echo $c\n",
	} {
		os.WriteFile(filepath.Join(dir, "Dockerfile."+string(rune('a'+i))), []byte(src), 0o644)
	}
	lint := func(extra ...string) string {
		cmd := child(append([]string{"lint", "--no-config", "--shellcheck", "--format", "json", dir}, extra...)...)
		cmd.Env = append(cmd.Env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "DFLINT_CACHE_DIR="+filepath.Join(dir, "cache"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil && stdout.Len() == 0 {
			t.Fatalf("lint: %v\n%s", err, stderr.String())
		}
		return stdout.String()
	}
	count := func() int {
		b, _ := os.ReadFile(runs)
		return strings.Count(string(b), "run")
	}
	cold := lint()
	if !strings.Contains(cold, "SC2086") || !strings.Contains(cold, "SC2164") {
		t.Fatalf("no ShellCheck findings:\n%s", cold)
	}
	coldRuns := count()
	// --version, then a process for what waits whenever one of the two
	// slots is free: never more than one per file (four RUN scripts).
	if coldRuns == 0 || coldRuns > 4 {
		t.Errorf("cold run started %d processes, want 1 to 4", coldRuns)
	}
	if warm := lint(); warm != cold {
		t.Errorf("warm report differs:\n%s\ncold:\n%s", warm, cold)
	}
	if n := count(); n != coldRuns {
		t.Errorf("warm run started %d processes, want none", n-coldRuns)
	}
	// --shellcheck-cache off checks again.
	if off := lint("--shellcheck-cache", "off"); off != cold || count() == coldRuns {
		t.Errorf("--shellcheck-cache off: same report %v, processes %d", off == cold, count()-coldRuns)
	}
}

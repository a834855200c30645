package integrations

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// snippetMarker stands in docs/cli.md right above the Lua snippet for
// Neovim 0.7 to 0.10, so that the test runs what the documentation says.
const snippetMarker = "<!-- neovim-0.7-snippet"

// documentedSnippet extracts that snippet from docs/cli.md.
func documentedSnippet(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "cli.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(doc), snippetMarker)
	if !ok {
		t.Fatalf("docs/cli.md has no %q marker above the Neovim snippet", snippetMarker)
	}
	m := regexp.MustCompile("(?s)\\A[^\\n]*\\n```lua\\n(.*?)\\n```").FindStringSubmatch(after)
	if m == nil {
		t.Fatal("docs/cli.md: the Neovim marker is not directly followed by a ```lua block")
	}
	return m[1]
}

// TestNeovim drives `dflint lsp` from real Neovim (Debian's, 0.7.2 on
// Debian 12), configured with the snippet docs/cli.md gives: open a
// Dockerfile, wait for its diagnostics, put the cursor at column 1 of a
// finding's line, ask for code actions with the 0.7 API, apply the fix's
// workspace edit, write the buffer, and check the file.
func TestNeovim(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dflint and starts Neovim; skipped with -short")
	}
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nvim is not installed, and CI must run this test (.ci/run installs Debian's neovim package)")
		}
		t.Skip("nvim is not installed (Debian/Ubuntu: apt-get install neovim)")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "dflint"), "./cmd/dflint")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	snippet := filepath.Join(tmp, "snippet.lua")
	if err := os.WriteFile(snippet, []byte(documentedSnippet(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	project := filepath.Join(tmp, "project")
	if err := os.MkdirAll(project, 0o755); err != nil {
		t.Fatal(err)
	}
	dockerfile := filepath.Join(project, "Dockerfile")
	// DF401 (no -y) starts at column 23 of line 2, and DF403 shares the
	// line: the fix must come from column 1, among the line's actions.
	before := "FROM debian:12\n" +
		"RUN apt-get update && apt-get install curl\n" +
		"WORKDIR /app\n"
	want := "FROM debian:12\n" +
		"RUN apt-get update && apt-get install -y curl\n" +
		"WORKDIR /app\n"
	for name, text := range map[string]string{
		dockerfile:                             before,
		filepath.Join(project, ".dflint.yaml"): "select: [DF401, DF403]\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	script, err := filepath.Abs(filepath.Join("testdata", "neovim_codeaction.lua"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nvim, "--headless", "-n", "-i", "NONE", "-u", script)
	cmd.Dir = project
	home := filepath.Join(tmp, "home")
	cmd.Env = append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"),
		"XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_STATE_HOME="+filepath.Join(home, "state"),
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"),
		"DFLINT_SNIPPET="+snippet, "DFLINT_DOCKERFILE="+dockerfile,
		"DFLINT_RULE=DF401", "DFLINT_ACTION=DF401: Add -y",
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(90 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("Neovim did not finish in 90 s:\n%s", out.String())
	}
	if err != nil {
		t.Fatalf("nvim: %v\n%s", err, out.String())
	}
	got, err := os.ReadFile(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("the Dockerfile after the code action:\n%s\nwant:\n%s", got, want)
	}
}

package buildverify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The cases are checked on every `make test`, without building anything:
// a case that does not load would only fail in the slow harness.
func TestCasesLoad(t *testing.T) {
	paths, _ := filepath.Glob("testdata/cases/*.txtar")
	if len(paths) < 4 {
		t.Fatalf("want at least 4 cases, found %d", len(paths))
	}
	for _, p := range paths {
		c, err := LoadCase(p)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		// An evaluation case that expects no split (refused, none)
		// tests DF201's outcome instead (TestSplitPlans).
		if len(c.Fixes) == 0 && (c.Split == "" || c.Split == "proposed") {
			t.Errorf("%s: name the rules whose fixes it tests (fixes: …)", p)
		}
	}
}

func TestLoadCaseErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"colour: blue\n-- Dockerfile --\nFROM scratch\n", `unknown key "colour"`},
		{"expect: speed\n-- Dockerfile --\nFROM scratch\n", `expect takes user and size, not "speed"`},
		{"allow: size\n-- Dockerfile --\nFROM scratch\n", `allow takes user, cmd, workdir, ports, env, not "size"`},
		{"run: soon\n-- Dockerfile --\nFROM scratch\n", `invalid duration`},
		{"just words\n-- Dockerfile --\nFROM scratch\n", `want "key: value"`},
		{"split: maybe\n-- Dockerfile --\nFROM scratch\n", `split is one of proposed, refused, none`},
		{"build: later\n-- Dockerfile --\nFROM scratch\n", `want "build: skip <why>"`},
		{"full: yes\n-- Dockerfile --\nFROM scratch\n", `want "full: true"`},
		{"split: proposed\n-- Dockerfile --\nFROM scratch\n", `split: proposed must say fixes: DF201`},
		{"fixes: DF301\n-- app.py --\n", `no Dockerfile`},
		{"-- Dockerfile --\nFROM scratch\nCOPY --link a /a\n", `buildah 1.28 cannot build this Dockerfile (line 2: COPY --link)`},
		{"-- Dockerfile --\nFROM busybox\nRUN <<EOF\necho hi\nEOF\n", `(line 2: heredocs in RUN)`},
	} {
		p := filepath.Join(t.TempDir(), "c.txtar")
		if err := os.WriteFile(p, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadCase(p)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want an error containing %q", tc.text, err, tc.want)
		}
	}
}

func TestCompare(t *testing.T) {
	root := Image{Size: 900e6, Config: ImageConfig{User: "", Command: []string{"./server"}, Workdir: "/app", Ports: []string{"8080/tcp"}, Env: []string{"PATH=/go/bin"}}, Run: RunResult{Running: true, Output: "listening\n"}}
	split := Image{Size: 9e6, Config: ImageConfig{User: "65532", Command: []string{"/server"}, Workdir: "/", Ports: []string{"8080/tcp"}, Env: []string{"PATH=/bin"}}, Run: RunResult{Running: true, Output: "listening"}}
	goStory := &Case{Expect: map[string]bool{"user": true, "size": true}, Allow: map[string]bool{"cmd": true, "env": true, "workdir": true}}
	if p := compare(goStory, root, split); len(p) != 0 {
		t.Errorf("the split passes its case, got %q", p)
	}
	strict := &Case{Expect: map[string]bool{}, Allow: map[string]bool{}}
	p := compare(strict, root, split)
	for _, want := range []string{"user changed", "cmd changed", "workdir changed", "env changed"} {
		if !strings.Contains(strings.Join(p, "\n"), want) {
			t.Errorf("a strict case must report %q, got %q", want, p)
		}
	}
	exited := split
	exited.Run = RunResult{ExitCode: 1, Output: "permission denied"}
	p = compare(goStory, root, exited)
	if len(p) != 2 || !strings.Contains(p[0], "still running before, exit 1 after") || !strings.Contains(p[1], "output differs") {
		t.Errorf("a command that stops working must be reported, got %q", p)
	}
	bigger := split
	bigger.Size = root.Size + 1
	bigger.Config.User = "root"
	p = compare(goStory, root, bigger)
	if len(p) != 2 || !strings.Contains(p[0], "still runs as root") || !strings.Contains(p[1], "not smaller") {
		t.Errorf("expected differences that did not happen must be reported, got %q", p)
	}
}

func TestRegistryPath(t *testing.T) {
	for name, want := range map[string]string{
		"python:3.11":                      "library/python:3.11",
		"nginxinc/nginx-unprivileged:1":    "nginxinc/nginx-unprivileged:1",
		"gcr.io/distroless/static:nonroot": "gcr.io/distroless/static:nonroot",
	} {
		if got := registryPath(name); got != want {
			t.Errorf("registryPath(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestRunResultString(t *testing.T) {
	if s := (RunResult{Running: true}).String(); s != "still running" {
		t.Error(s)
	}
	if s := (RunResult{ExitCode: 3}).String(); s != "exit 3" {
		t.Error(s)
	}
}

func TestDebianMirror(t *testing.T) {
	m := debianMirror()
	if !strings.HasPrefix(m, "http") || !strings.HasSuffix(strings.TrimSuffix(m, "/"), "/debian") {
		t.Errorf("debianMirror() = %q, want an http(s) URI of a Debian archive", m)
	}
}

func TestNormalizeOutputDropsColours(t *testing.T) {
	coloured := "\x1b[31m\x1b[1mWARNING: development server\x1b[0m\n\x1b[33mPress CTRL+C to quit\x1b[0m\n"
	plain := "WARNING: development server\nPress CTRL+C to quit\n"
	if normalizeOutput(coloured) != normalizeOutput(plain) {
		t.Errorf("colours are not behaviour: %q and %q should compare equal", normalizeOutput(coloured), normalizeOutput(plain))
	}
}

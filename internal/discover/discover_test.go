package discover

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsDockerfileName(t *testing.T) {
	yes := []string{"Dockerfile", "dockerfile", "Containerfile", "Dockerfile.dev", "Containerfile.prod",
		"api.Dockerfile", "api.dockerfile", "web.containerfile", "DOCKERFILE"}
	no := []string{"Dockerfile.dockerignore", "api.Dockerfile.dockerignore", ".dockerfile", "README.md",
		"Dockerfiles", "docker-compose.yml", "dockerfile-lint", ".containerfile"}
	for _, n := range yes {
		if !IsDockerfileName(n) {
			t.Errorf("IsDockerfileName(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if IsDockerfileName(n) {
			t.Errorf("IsDockerfileName(%q) = true, want false", n)
		}
	}
}

func TestTargets(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/Dockerfile", "a/b/x.Dockerfile", "a/vendor/Dockerfile", "a/node_modules/Dockerfile",
		"a/.git/Dockerfile", "a/notes.txt", "empty/README", "other.txt"} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("FROM scratch\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symlink to a Dockerfile is followed; one to a directory is not.
	if err := os.Symlink(filepath.Join(dir, "a/Dockerfile"), filepath.Join(dir, "a/link.Dockerfile")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "a/b/Dockerfile.loop")); err != nil {
		t.Fatal(err)
	}
	rel := func(p string) string {
		if !filepath.IsAbs(p) {
			return p
		}
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	}

	got := Targets([]string{
		filepath.Join(dir, "other.txt"),
		filepath.Join(dir, "a"),
		"-",
		filepath.Join(dir, "missing"),
		filepath.Join(dir, "empty"),
		filepath.Join(dir, "a/Dockerfile"), // again: dropped
		"-",
	}, Options{StdinFilename: "in.Dockerfile"})

	var lines []string
	for _, tg := range got {
		s := rel(tg.Path)
		if tg.Stdin {
			s = "stdin:" + tg.Path
		}
		if tg.Err != nil {
			s += " error: " + tg.Err.Error()
		}
		lines = append(lines, s)
	}
	want := []string{
		"other.txt",
		"a/Dockerfile",
		"a/b/x.Dockerfile",
		"a/link.Dockerfile",
		"stdin:in.Dockerfile",
		"missing error: no such file or directory",
		"empty error: no Dockerfiles found in this directory (looked for Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile, ...); name a file to lint it under another name",
		"in.Dockerfile error: standard input (-) can be given only once",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Targets:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

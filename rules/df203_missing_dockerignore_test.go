package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

// The package directory has no .dockerignore up to the repository root,
// so runCases' files (named "Dockerfile" here) have none.
func TestDF203MissingDockerignore(t *testing.T) {
	runCases(t, "DF203", []ruleCase{
		{name: "copy dot", src: "FROM node:22-slim\nWORKDIR /app\nCOPY . .\n", want: 1},
		{name: "copy dot slash", src: "FROM python:3.12-slim\nCOPY ./ /app/\n", want: 1},
		{name: "add dot", src: "FROM alpine:3.20\nADD . /src\n", want: 1},
		{name: "copy star", src: "FROM alpine:3.20\nCOPY * /src/\n", want: 1},
		{name: "with chown", src: "FROM alpine:3.20\nCOPY --chown=app:app . /src\n", want: 1},
		{name: "once per file", src: "FROM alpine:3.20 AS a\nCOPY . /src\nFROM alpine:3.20\nCOPY . /src\n", want: 1},
		// Must not.
		{name: "named files", src: "FROM node:22-slim\nCOPY package.json package-lock.json ./\n", want: 0},
		{name: "subdirectory", src: "FROM alpine:3.20\nCOPY src /src\n", want: 0},
		{name: "from a stage", src: "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a . /x\n", want: 0},
		// The trigger copies the context of the image built FROM this one,
		// whose .dockerignore is not beside this Dockerfile (docker-library
		// style onbuild variants).
		{name: "onbuild trigger", src: "FROM node:22-slim\nWORKDIR /app\nONBUILD COPY . /app\n", want: 0},
	})
}

func TestDF203FindsIgnoreFiles(t *testing.T) {
	src := []byte("FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n")
	lint := func(t *testing.T, path string, opts Options) []Finding {
		t.Helper()
		opts.Select = []string{"DF203"}
		e, err := NewEngine(opts)
		if err != nil {
			t.Fatal(err)
		}
		fs, _ := e.Lint(context.Background(), parser.Parse(path, src))
		return fs
	}
	write := func(t *testing.T, path string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(".git\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("none", func(t *testing.T) {
		root := t.TempDir()
		write(t, filepath.Join(root, ".git", "HEAD"))
		fs := lint(t, filepath.Join(root, "Dockerfile"), Options{})
		if len(fs) != 1 {
			t.Fatalf("got %d findings, want 1", len(fs))
		}
		if !strings.Contains(fs[0].Message, "`node_modules`") {
			t.Errorf("message has no Node suggestion: %s", fs[0].Message)
		}
	})
	for name, ignore := range map[string]string{
		"beside":           ".dockerignore",
		"dockerfile-named": "Dockerfile.dockerignore",
		"in a parent":      "../.dockerignore",
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			write(t, filepath.Join(root, ".git", "HEAD"))
			dir := filepath.Join(root, "docker")
			write(t, filepath.Join(dir, ignore))
			if fs := lint(t, filepath.Join(dir, "Dockerfile"), Options{}); len(fs) != 0 {
				t.Errorf("got %+v, want nothing", fs)
			}
		})
	}
	t.Run("not above the repository root", func(t *testing.T) {
		outer := t.TempDir()
		write(t, filepath.Join(outer, ".dockerignore"))
		root := filepath.Join(outer, "repo")
		write(t, filepath.Join(root, ".git", "HEAD"))
		if fs := lint(t, filepath.Join(root, "Dockerfile"), Options{}); len(fs) != 1 {
			t.Errorf("got %d findings, want 1", len(fs))
		}
	})
	t.Run("stdin", func(t *testing.T) {
		root := t.TempDir()
		write(t, filepath.Join(root, ".git", "HEAD"))
		path := filepath.Join(root, "Dockerfile")
		if fs := lint(t, path, Options{StdinPath: path}); len(fs) != 0 {
			t.Errorf("standard input got %+v, want nothing", fs)
		}
	})
}

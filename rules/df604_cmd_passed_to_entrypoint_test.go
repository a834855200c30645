package rules

import (
	"strings"
	"testing"

	imagereg "github.com/dflint/dflint/internal/registry"
	"github.com/dflint/dflint/internal/registry/fakeregistry"
)

func TestDF604CmdPassedToEntrypoint(t *testing.T) {
	const py = "FROM cgr.dev/chainguard/python:latest\nWORKDIR /app\nCOPY . .\n"
	runCases(t, "DF604", []ruleCase{
		{name: "program on python", src: py + "CMD [\"flask\", \"run\"]\n", want: 1},
		{name: "python again", src: py + "CMD [\"python\", \"app.py\"]\n", want: 1},
		{name: "python3 by path", src: py + "CMD [\"/usr/bin/python3\", \"app.py\"]\n", want: 1},
		{name: "gunicorn", src: py + "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n", want: 1},
		{name: "shell form", src: py + "CMD flask run\n", want: 1},
		{name: "dev variant too", src: "FROM cgr.dev/chainguard/python:latest-dev\nCMD [\"python\", \"main.py\"]\n", want: 1},
		{name: "in a stage built on it", src: "FROM cgr.dev/chainguard/python:latest AS base\nFROM base\nCMD [\"uvicorn\", \"main:app\"]\n", want: 1},
		{name: "script", src: py + "CMD [\"app.py\"]\n", want: 0},
		{name: "module", src: py + "CMD [\"-m\", \"flask\", \"run\"]\n", want: 0},
		{name: "script path", src: py + "CMD [\"/app/main.py\"]\n", want: 0},
		{name: "path may be a script", src: py + "CMD [\"/home/nonroot/.local/bin/gunicorn\", \"app:app\"]\n", want: 0},
		{name: "unknown bare word may be a package directory", src: py + "CMD [\"myapp\"]\n", want: 0},
		{name: "own entrypoint", src: py + "ENTRYPOINT [\"python\"]\nCMD [\"app.py\"]\n", want: 0},
		{name: "entrypoint reset", src: py + "ENTRYPOINT []\nCMD [\"flask\", \"run\"]\n", want: 0},
		{name: "entrypoint in the base stage", src: "FROM cgr.dev/chainguard/python:latest AS base\nENTRYPOINT []\nFROM base\nCMD [\"flask\", \"run\"]\n", want: 0},
		{name: "entrypoint script runs commands", src: "FROM node:22-slim\nCMD [\"npm\", \"start\"]\n", want: 0},
		{name: "php entrypoint runs commands", src: "FROM php:8.3-cli\nCMD [\"php\", \"artisan\", \"serve\"]\n", want: 0},
		{name: "no entrypoint", src: "FROM python:3.12-slim\nCMD [\"flask\", \"run\"]\n", want: 0},
		{name: "entrypoint unknown", src: "FROM example.com/team/python:1\nCMD [\"flask\", \"run\"]\n", want: 0},
		{name: "overridden cmd reported once", src: py + "CMD [\"flask\", \"run\"]\nCMD [\"gunicorn\", \"app:app\"]\n", want: 1},
		{name: "onbuild", src: py + "ONBUILD CMD [\"flask\", \"run\"]\n", want: 0},
	})
}

func TestDF604Message(t *testing.T) {
	fs := lintWith(t, "FROM cgr.dev/chainguard/python:latest\nCMD [\"flask\", \"run\"]\n", "DF604")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	for _, want := range []string{"`/usr/bin/python flask run`", "`ENTRYPOINT []`", "`CMD [\"-m\", \"flask\", \"run\"]`"} {
		if !strings.Contains(fs[0].Message, want) {
			t.Errorf("message %q does not say %s", fs[0].Message, want)
		}
	}
	fs = lintWith(t, "FROM cgr.dev/chainguard/python:latest\nCMD [\"python\", \"app.py\"]\n", "DF604")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "`CMD [\"app.py\"]`") {
		t.Errorf("python app.py: want the CMD without python in the advice, got %+v", fs)
	}
}

func TestDF604Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"exec form", "FROM cgr.dev/chainguard/python:latest\nCMD [\"flask\", \"run\"]\n", "FROM cgr.dev/chainguard/python:latest\nENTRYPOINT []\nCMD [\"flask\", \"run\"]\n"},
		{"lower case", "from cgr.dev/chainguard/python:latest\ncmd [\"python\", \"app.py\"]\n", "from cgr.dev/chainguard/python:latest\nentrypoint []\ncmd [\"python\", \"app.py\"]\n"},
		{"shell form with a shell", "FROM cgr.dev/chainguard/python:latest-dev\nCMD flask run\n", "FROM cgr.dev/chainguard/python:latest-dev\nENTRYPOINT []\nCMD flask run\n"},
		{"shell form without a shell: no fix", "FROM cgr.dev/chainguard/python:latest\nCMD flask run\n", "FROM cgr.dev/chainguard/python:latest\nCMD flask run\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF604"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// Online, the registry's config says what the entrypoint is; the image data
// still says whether it runs commands, so an entrypoint it does not describe
// is not judged.
func TestDF604Online(t *testing.T) {
	reg := &fakeregistry.Registry{Images: map[string]imagereg.Image{
		"cgr.dev/chainguard/python:latest": {Entrypoint: []string{"/usr/bin/python"}, Config: []byte(`{}`)},
		"cgr.dev/chainguard/python:next":   {Entrypoint: []string{"/usr/bin/python3.14"}, Config: []byte(`{}`)},
		"cgr.dev/chainguard/python:none":   {Config: []byte(`{}`)},
		"acme/tool:1":                      {Entrypoint: []string{"/usr/bin/tool"}, Config: []byte(`{}`)},
	}}
	for src, want := range map[string]int{
		"FROM cgr.dev/chainguard/python:latest\nCMD [\"flask\", \"run\"]\n": 1,
		"FROM cgr.dev/chainguard/python:next\nCMD [\"flask\", \"run\"]\n":   0,
		"FROM cgr.dev/chainguard/python:none\nCMD [\"flask\", \"run\"]\n":   0,
		"FROM acme/tool:1\nCMD [\"serve\"]\n":                               0,
	} {
		fs, errs := lintOnline(t, src, reg, Options{}, "DF604")
		if countRule(fs, "DF604") != want || len(errs) > 0 {
			t.Errorf("%q: %v %v, want %d findings", src, fs, errs, want)
		}
	}
}

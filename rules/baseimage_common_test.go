package rules

import (
	"context"
	"sort"
	"testing"

	"github.com/dflint/dflint/parser"
)

// applyFixesOf lints src with one rule and applies the edits of all its
// findings' fixes at once (they must not overlap), as one fix round does.
func applyFixesOf(t *testing.T, src, id string) string {
	t.Helper()
	e, err := NewEngine(Options{Select: []string{id}, NoBuildKit: true, Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	for _, err := range errs {
		t.Errorf("lint error: %v", err)
	}
	var edits []Edit
	for _, fd := range fs {
		if fd.RuleID == id && fd.Fix != nil {
			edits = append(edits, fd.Fix.Edits...)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	out, prev := "", 0
	for _, ed := range edits {
		if ed.Start < prev {
			t.Fatalf("%s: overlapping edits %+v", id, edits)
		}
		out += src[prev:ed.Start] + ed.NewText
		prev = ed.End
	}
	out += src[prev:]
	if f := parser.Parse("Dockerfile", []byte(out)); f.Err != nil {
		t.Errorf("%s: fixed file does not parse: %v\n%s", id, f.Err, out)
	}
	return out
}

// Development environments are built to be full, root and running dev
// servers: the final-image rules stay quiet there.
func TestDevEnvironmentNotReported(t *testing.T) {
	ids := []string{"DF104", "DF201", "DF301", "DF510"}
	e, err := NewEngine(Options{Select: ids, NoBuildKit: true, Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	src := "FROM python:3.12\nRUN go build ./...\nCMD [\"flask\", \"run\"]\n"
	for path, want := range map[string]int{"Dockerfile": 3, ".devcontainer/Dockerfile": 0, "proj/.devcontainer/base.Dockerfile": 0} {
		fs, _ := e.Lint(context.Background(), parser.Parse(path, []byte(src)))
		if len(fs) != want {
			t.Errorf("%s: got %d findings, want %d: %+v", path, len(fs), want, fs)
		}
	}
	fs, _ := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte("FROM mcr.microsoft.com/devcontainers/python:3.12\nCMD [\"flask\", \"run\"]\n")))
	if len(fs) != 0 {
		t.Errorf("dev container base: got %+v", fs)
	}
}

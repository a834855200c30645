package rules

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

// A cancelled lint gives no findings, only the context's error: part of a
// file's findings must not pass for all of them.
func TestLintCanceled(t *testing.T) {
	e, err := NewEngine(Options{Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	f := parser.Parse("Dockerfile", []byte("FROM alpine\nWORKDIR app\nRUN apt-get install curl\n"))
	if fs, errs := e.Lint(context.Background(), f); len(fs) == 0 || len(errs) > 0 {
		t.Fatalf("the sample has no findings (%v) or errors (%v)", fs, errs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fs, errs := e.Lint(ctx, f)
	if len(fs) != 0 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("cancelled lint: %d findings, errors %v; want none and context.Canceled", len(fs), errs)
	}
}

// A rule's walk over the instructions stops as soon as the lint is
// cancelled, so that a long file does not hold up Ctrl-C or an editor's
// newer text.
func TestUntilCanceledStopsTheWalk(t *testing.T) {
	f := parser.Parse("Dockerfile", []byte("FROM alpine\n"+strings.Repeat("RUN echo hi\n", 100)))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := &Pass{File: f, ctx: ctx}
	seen := 0
	for range p.untilCanceled(instructionsWithTriggers(f)) {
		if seen++; seen == 10 {
			cancel()
		}
	}
	if seen != 10 {
		t.Errorf("the walk went on to %d instructions after the cancel at 10", seen)
	}
	seen = 0
	for range (&Pass{File: f}).untilCanceled(instructionsWithTriggers(f)) {
		seen++
	}
	if seen != 101 {
		t.Errorf("without a context: %d instructions, want all 101", seen)
	}
}

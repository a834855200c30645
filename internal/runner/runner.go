// Package runner reads and lints many Dockerfiles concurrently and hands
// the results back in the order of the targets. The lint and fix commands
// share it, so they read files, use standard input and order their output
// the same way.
package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// Read returns the bytes of a target: the file, or all of stdin for the
// standard-input target.
func Read(t discover.Target, stdin io.Reader) ([]byte, error) {
	if t.Stdin {
		if stdin == nil {
			return nil, fmt.Errorf("cannot read standard input: none is attached")
		}
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("cannot read standard input: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(t.Path)
	if err != nil {
		return nil, fmt.Errorf("cannot read file: %w", unwrapPath(err))
	}
	return b, nil
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Ordered runs work(i) for i in [0, n) on up to workers goroutines
// (GOMAXPROCS when workers <= 0) and calls emit(i, result) in index order,
// from the calling goroutine, as soon as each result and all before it are
// ready. Output built in emit is therefore deterministic while the work
// runs in parallel. When ctx is cancelled, no new work starts and Ordered
// returns ctx's error after emitting what finished in order.
func Ordered[T any](ctx context.Context, workers, n int, work func(i int) T, emit func(i int, v T)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n))
	type item struct {
		i int
		v T
	}
	jobs := make(chan int)
	done := make(chan item, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				done <- item{i, work(i)}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()

	pending := map[int]T{}
	next := 0
	for it := range done {
		pending[it.i] = it.v
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			emit(next, v)
			next++
		}
	}
	if next < n {
		return ctx.Err()
	}
	return nil
}

// Linter is what Lint needs from an engine; *rules.Engine is one.
type Linter interface {
	Lint(ctx context.Context, f *parser.File) ([]rules.Finding, []error)
}

// Lint reads, parses and lints every target concurrently and calls emit
// with each result in target order. A target that cannot be read, or a
// rule that fails on a file, becomes an error in that file's result; the
// other files are still linted.
func Lint(ctx context.Context, l Linter, targets []discover.Target, stdin io.Reader, emit func(report.Result)) error {
	read := Sources(targets, stdin)
	return Ordered(ctx, 0, len(targets), func(i int) report.Result {
		t := targets[i]
		if t.Err != nil {
			return report.Result{Path: t.Path, Errors: []error{t.Err}}
		}
		src, err := read(t)
		if err != nil {
			return report.Result{Path: t.Path, Errors: []error{err}}
		}
		return LintSource(ctx, l, t.Path, src)
	}, func(_ int, r report.Result) { emit(r) })
}

// Sources returns the function workers read targets with. Standard input
// is read here, up front, on the calling goroutine, so that a blocking read
// never holds a worker and the bytes are read once.
func Sources(targets []discover.Target, stdin io.Reader) func(discover.Target) ([]byte, error) {
	var stdinSrc []byte
	var stdinErr error
	for _, t := range targets {
		if t.Stdin && t.Err == nil {
			stdinSrc, stdinErr = Read(t, stdin)
			break
		}
	}
	return func(t discover.Target) ([]byte, error) {
		if t.Stdin {
			return stdinSrc, stdinErr
		}
		return Read(t, nil)
	}
}

// LintSource parses and lints one file's bytes. A panic anywhere in the
// parser or the rules becomes an error in the result, so one hostile file
// never takes the run down.
func LintSource(ctx context.Context, l Linter, path string, src []byte) (res report.Result) {
	res = report.Result{Path: path}
	defer func() {
		if x := recover(); x != nil {
			res.Errors = append(res.Errors, fmt.Errorf("internal error while linting (please report this with the Dockerfile): %v", x))
		}
	}()
	f := parser.Parse(path, src)
	res.File = f
	findings, errs := l.Lint(ctx, f)
	res.Findings = findings
	for _, err := range errs {
		// The engine names the file in its errors; the result already does.
		res.Errors = append(res.Errors, errors.New(strings.TrimPrefix(err.Error(), path+": ")))
	}
	return res
}

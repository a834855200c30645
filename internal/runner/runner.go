// Package runner reads and lints many Dockerfiles concurrently and hands
// the results back in the order of the targets. The lint and fix commands
// share it, so they read files, use standard input and order their output
// the same way.
package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// MaxFileSize is the largest file dflint reads as a Dockerfile: 1 MiB. The
// largest of the ~2,900 public Dockerfiles in the test corpus is 25 KB; a
// bigger file is far more likely a log, an archive or generated data that
// happens to carry a Dockerfile-like name, and linting it would only cost
// time and memory.
const MaxFileSize = 1 << 20

// Read returns the bytes of a target: the file, or all of stdin for the
// standard-input target. Bytes that cannot be a Dockerfile (see CheckText),
// or more than MaxFileSize of them, are an error.
func Read(t discover.Target, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	sizeHint := 0
	if t.Stdin {
		if stdin == nil {
			return nil, fmt.Errorf("cannot read standard input: none is attached")
		}
		r = stdin
	} else {
		f, fi, err := openRegular(t.Path)
		if err != nil {
			return nil, fmt.Errorf("cannot read file: %w", unwrapPath(err))
		}
		defer f.Close()
		if fi != nil {
			if fi.IsDir() {
				return nil, errors.New("is a directory, not a Dockerfile")
			}
			if err := notRegular(fi.Mode()); err != nil {
				return nil, err
			}
			if fi.Mode().IsRegular() && fi.Size() > MaxFileSize {
				return nil, tooLarge(fi.Size())
			}
			if fi.Mode().IsRegular() {
				sizeHint = int(fi.Size())
			}
		}
		r = f
	}
	// One byte over the limit tells a file that is too large from one
	// that is exactly at it (standard input and pipes have no size).
	b, err := readAll(io.LimitReader(r, MaxFileSize+1), sizeHint)
	if err != nil {
		if t.Stdin {
			return nil, fmt.Errorf("cannot read standard input: %w", err)
		}
		return nil, fmt.Errorf("cannot read file: %w", unwrapPath(err))
	}
	if len(b) > MaxFileSize {
		return nil, tooLarge(-1)
	}
	if err := CheckText(b); err != nil {
		return nil, err
	}
	return b, nil
}

// readAll reads r to its end into a buffer of sizeHint+1 bytes, so that a
// file whose size is known is read into exactly one allocation of its size
// (io.ReadAll grows its buffer by doubling, which left the corpus's sources
// taking 10 MB of memory for 6 MB of text for the whole run).
func readAll(r io.Reader, sizeHint int) ([]byte, error) {
	b := make([]byte, 0, max(sizeHint+1, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // more than the hint (a pipe, or the file grew): let append pick the next size
		}
	}
}

// CheckSource applies Read's checks to bytes that did not come from a file
// (an editor's document in dflint lsp): at most MaxFileSize of them, and
// text that can be a Dockerfile (CheckText).
func CheckSource(b []byte) error {
	if len(b) > MaxFileSize {
		return tooLarge(int64(len(b)))
	}
	return CheckText(b)
}

// notRegular refuses what is not a file on disk: reading a named pipe
// waits for a writer that may never come, and a device or socket is no
// Dockerfile. Standard input ("-") is how to lint what a pipe brings.
func notRegular(mode os.FileMode) error {
	var what string
	switch {
	case mode.IsRegular():
		return nil
	case mode&os.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&os.ModeSocket != 0:
		what = "a socket"
	case mode&os.ModeCharDevice != 0:
		what = "a character device"
	case mode&os.ModeDevice != 0:
		what = "a device"
	default:
		what = "a special file"
	}
	return fmt.Errorf("is %s, not a regular file: skipped (to lint what it holds, send it to standard input: dflint lint - < PATH)", what)
}

func tooLarge(size int64) error {
	what := "more than 1 MiB"
	if size >= 0 {
		what = fmt.Sprintf("%.1f MiB", float64(size)/(1<<20))
	}
	return fmt.Errorf("file is %s, over dflint's 1 MiB limit for a Dockerfile: skipped (is it really a Dockerfile?)", what)
}

// CheckText tells whether bytes can be a Dockerfile: text in UTF-8, the
// encoding BuildKit reads, without NUL bytes. A binary file or a file in
// another encoding gets an error that says what it is and where, instead of
// a parse error about garbage (BuildKit's lexer also prints invalid UTF-8
// complaints straight to stderr, which would garble dflint's output).
func CheckText(b []byte) error {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return errors.New("file is UTF-16 text: save it as UTF-8, the encoding BuildKit reads")
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		line, _ := position(b, i)
		return fmt.Errorf("binary file, not a Dockerfile (NUL byte on line %d): skipped", line)
	}
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		line, col := position(b, i)
		return fmt.Errorf("line %d, column %d: byte 0x%02X is not valid UTF-8: save the file as UTF-8, the encoding BuildKit reads (for example iconv -f latin1 -t utf-8)", line, col, b[i])
	}
	return nil
}

// position is the 1-based line and byte column of offset i.
func position(b []byte, i int) (line, col int) {
	line = 1 + bytes.Count(b[:i], []byte("\n"))
	return line, i - (bytes.LastIndexByte(b[:i], '\n') + 1) + 1
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
// runs in parallel. When ctx is cancelled, no new work starts, nothing more
// is emitted (an emit under way finishes: a write is never cut short) and
// Ordered returns ctx's error at once, without waiting for the work in
// hand: a slow file must not hold up Ctrl-C. That work should watch ctx
// and stop too; its results are dropped.
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
				select {
				case done <- item{i, work(i)}:
				case <-ctx.Done():
					return
				}
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
	for {
		var it item
		var ok bool
		select {
		case it, ok = <-done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !ok {
			break
		}
		pending[it.i] = it.v
		for {
			v, ok := pending[next]
			if !ok {
				break
			}
			if err := ctx.Err(); err != nil {
				return err
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
	return LintEach(ctx, func(int) (Linter, error) { return l, nil }, targets, stdin, emit)
}

// LintEach is Lint with a linter chosen per target (each file may have its
// own config, hence its own engine). linterFor(i) is the linter of
// targets[i]; its error (a broken config) becomes that file's error.
func LintEach(ctx context.Context, linterFor func(i int) (Linter, error), targets []discover.Target, stdin io.Reader, emit func(report.Result)) error {
	return LintEachN(ctx, 0, linterFor, targets, stdin, emit)
}

// LintEachN is LintEach on up to workers files at once (GOMAXPROCS when
// workers <= 0). More than GOMAXPROCS pays when linting a file mostly
// waits (on ShellCheck's processes, whose batches fill with the scripts of
// the files linted meanwhile).
func LintEachN(ctx context.Context, workers int, linterFor func(i int) (Linter, error), targets []discover.Target, stdin io.Reader, emit func(report.Result)) error {
	read := Sources(ctx, targets, stdin)
	return Ordered(ctx, workers, len(targets), func(i int) report.Result {
		t := targets[i]
		if t.Err != nil {
			return report.Result{Path: t.Path, Errors: []error{t.Err}}
		}
		l, err := linterFor(i)
		if err != nil {
			return report.Result{Path: t.Path, Errors: []error{err}}
		}
		src, err := read(t)
		if err != nil {
			return report.Result{Path: t.Path, Errors: []error{err}}
		}
		return LintSource(ctx, l, t.Path, src)
	}, func(_ int, r report.Result) { emit(r) })
}

// Sources returns the function workers read targets with. Standard input
// is read here, up front, so that a blocking read never holds a worker and
// the bytes are read once. The read runs on a goroutine of its own and is
// given up when ctx ends: a terminal or a pipe that never sends EOF would
// otherwise keep the first Ctrl-C from ending the run (the goroutine, left
// blocked in read, ends with the process).
func Sources(ctx context.Context, targets []discover.Target, stdin io.Reader) func(discover.Target) ([]byte, error) {
	var stdinSrc []byte
	var stdinErr error
	for _, t := range targets {
		if t.Stdin && t.Err == nil {
			stdinSrc, stdinErr = readStdin(ctx, t, stdin)
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

// readStdin is Read of the standard-input target, or ctx's error as soon
// as ctx ends.
func readStdin(ctx context.Context, t discover.Target, stdin io.Reader) ([]byte, error) {
	type read struct {
		src []byte
		err error
	}
	done := make(chan read, 1)
	go func() {
		src, err := Read(t, stdin)
		done <- read{src, err}
	}()
	select {
	case r := <-done:
		return r.src, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// LintSource parses and lints one file's bytes. A panic anywhere in the
// parser or the rules becomes an error in the result, so one hostile file
// never takes the run down.
func LintSource(ctx context.Context, l Linter, path string, src []byte) (res report.Result) {
	res = report.Result{Path: path}
	defer func() {
		if x := recover(); x != nil {
			res.Errors = append(res.Errors, Crashed("linting", x))
		}
	}()
	f := parser.Parse(path, src)
	res.File = f
	findings, errs := l.Lint(ctx, f)
	// The report needs the text and the ranges, not the trees: results wait
	// in memory until every file is linted.
	res.File = f.Outline()
	res.Findings = findings
	for _, err := range errs {
		// The engine names the file in its errors; the result already does.
		res.Errors = append(res.Errors, errors.New(strings.TrimPrefix(err.Error(), path+": ")))
	}
	return res
}

// Crashed is the error that a panic recovered while working on one file
// becomes, doing what while says ("linting"): the run (or the editor's
// session) goes on, and the user is asked to report the file.
func Crashed(while string, x any) error {
	return fmt.Errorf("internal error while %s (please report this with the Dockerfile): %v", while, x)
}

// Command dflint lints Dockerfiles: dflint's own rules plus BuildKit's
// checks, offline.
//
// The commands are thin: each builds an options struct from its flags, calls
// the packages that do the work, and returns an error. Exit codes are decided
// in one place, exitCode, from that error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/dflint/dflint/internal/batchgc"
	"github.com/dflint/dflint/internal/visible"

	"github.com/mattn/go-isatty"
)

func main() {
	batchRun = batchProcess
	os.Exit(run(os.Args[1:], systemIO()))
}

// batchRun prepares a command that reads many files and exits (lint, fix,
// pin) and returns the context it runs under, and a function to call when
// it is done. The process sets it to batchProcess; in tests, which run
// commands in-process, it changes nothing, so that they keep the test
// binary's collector and signals.
var batchRun = func(ctx context.Context) (context.Context, func()) { return ctx, func() {} }

// batchProcess tunes the garbage collector for a batch run (see
// internal/batchgc) and turns the first Ctrl-C or SIGTERM into a
// cancelled context: no new file is started, the files in hand are
// finished (a fix is written whole or not at all) and the command exits
// with exitInterrupted. The first signal also restores the default
// handling, so a second one ends the process at once.
func batchProcess(ctx context.Context) (context.Context, func()) {
	batchgc.Tune(os.Getenv)
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx, stop
}

// interrupted turns the error of a run that a signal cancelled into an
// interruptedError that says what state the files are in.
func interrupted(ctx context.Context, err error, state string) error {
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return &interruptedError{state: state}
	}
	return err
}

// interruptedError is a run stopped by Ctrl-C or SIGTERM.
type interruptedError struct{ state string }

func (e *interruptedError) Error() string { return "interrupted: " + e.state }

// Exit codes. Scripts and CI depend on them: do not renumber.
const (
	exitOK       = 0 // nothing at or above --fail-level
	exitFindings = 1 // findings at or above --fail-level
	exitError    = 2 // the run could not do its job: usage, unreadable or unparsable files, internal errors
	// exitInterrupted is the shell's code for a process ended by SIGINT
	// (128+2), for a run stopped by Ctrl-C or SIGTERM.
	exitInterrupted = 130
)

// IOStreams are the process's streams, passed to commands so that tests
// can run them in-process.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// StdoutIsTerminal decides --color=auto.
	StdoutIsTerminal bool
	Getenv           func(string) string
}

func systemIO() *IOStreams {
	fd := os.Stdout.Fd()
	return &IOStreams{
		In:               os.Stdin,
		Out:              os.Stdout,
		ErrOut:           os.Stderr,
		StdoutIsTerminal: isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd),
		Getenv:           os.Getenv,
	}
}

// run executes the command line and returns the exit code.
func run(args []string, ios *IOStreams) int {
	cmd := newRootCmd(ios)
	cmd.SetArgs(args)
	return exitCode(cmd.ExecuteContext(context.Background()), ios.ErrOut)
}

// exitStatus is an outcome that is not a failure of dflint itself:
// the command has already reported everything and only the code remains.
type exitStatus struct{ code int }

func (e *exitStatus) Error() string { return fmt.Sprintf("exit status %d", e.code) }

var (
	// errFindings: findings at or above --fail-level.
	errFindings = &exitStatus{exitFindings}
	// errReported: errors that the report already shows (unreadable or
	// unparsable files, internal errors).
	errReported = &exitStatus{exitError}
)

// usageError is a mistake on the command line; it is printed with a hint
// to the command's help.
type usageError struct {
	err     error
	command string
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// exitCode is the one place that maps a command's result to an exit code
// and prints what has not been printed yet.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var st *exitStatus
	if errors.As(err, &st) {
		return st.code
	}
	// An error can quote a file name, a config value or a registry's
	// answer: printed as visible escapes, none of them can drive the
	// terminal or start a CI log line of its own.
	fmt.Fprintf(stderr, "dflint: %s\n", visible.String(err.Error()))
	var ie *interruptedError
	if errors.As(err, &ie) {
		return exitInterrupted
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", ue.command)
	}
	return exitError
}

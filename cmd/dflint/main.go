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

	"github.com/dflint/dflint/internal/batchgc"

	"github.com/mattn/go-isatty"
)

func main() {
	batchRun = func() { batchgc.Tune(os.Getenv) }
	os.Exit(run(os.Args[1:], systemIO()))
}

// batchRun is called by the commands that read many files and exit (lint,
// fix, pin). The process sets it to tune the garbage collector for such a
// run (see internal/batchgc); in tests, which run commands in-process, it
// does nothing, so that they keep the test binary's settings.
var batchRun = func() {}

// Exit codes. Scripts and CI depend on them: do not renumber.
const (
	exitOK       = 0 // nothing at or above --fail-level
	exitFindings = 1 // findings at or above --fail-level
	exitError    = 2 // the run could not do its job: usage, unreadable or unparsable files, internal errors
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
	fmt.Fprintf(stderr, "dflint: %s\n", err)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", ue.command)
	}
	return exitError
}

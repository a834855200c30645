//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// runMainEnv makes the test binary run main() (see TestMain).
const runMainEnv = "DFLINT_TEST_RUN_MAIN"

// Ctrl-C in the middle of `dflint fix` over many files: the process stops
// starting files, exits with 130 and says so, and every file is either
// untouched or completely fixed, with no temporary file left behind.
func TestFixInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a few thousand files")
	}
	orig := []byte("FROM debian:12\nRUN apt-get update && apt-get install curl\n")
	dir := t.TempDir()
	const n = 3000
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("svc%04d", i))
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "Dockerfile"), orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// What a finished fix writes, from one file fixed alone.
	one := filepath.Join(t.TempDir(), "Dockerfile")
	os.WriteFile(one, orig, 0o644)
	if out, err := child("fix", "--no-config", "--fail-level", "none", one).CombinedOutput(); err != nil {
		t.Fatalf("fixing one file: %v\n%s", err, out)
	}
	fixed, _ := os.ReadFile(one)
	if bytes.Equal(fixed, orig) {
		t.Fatal("the sample file has nothing to fix")
	}

	cmd := child("fix", "--no-config", "--fail-level", "none", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once the first file is written: the files go in order.
	first := filepath.Join(dir, "svc0000", "Dockerfile")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if b, _ := os.ReadFile(first); bytes.Equal(b, fixed) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the first file was not fixed within a minute")
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()

	var ee *exec.ExitError
	if err == nil {
		t.Skip("the fix finished before the signal arrived; nothing to check")
	}
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want code %d\n%s", err, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "dflint: interrupted: the files written so far were written whole") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
	}
	var nFixed, nUntouched int
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("svc%04d", i), "Dockerfile")
		b, err := os.ReadFile(p)
		switch {
		case err != nil:
			t.Fatal(err)
		case bytes.Equal(b, fixed):
			nFixed++
			if nUntouched > 0 {
				t.Errorf("%s is fixed after an untouched file: files are written in order", p)
			}
		case bytes.Equal(b, orig):
			nUntouched++
		default:
			t.Errorf("%s is neither the original nor the fixed file:\n%s", p, b)
		}
	}
	if nUntouched == 0 {
		t.Errorf("all %d files were fixed: the signal did not stop the run", n)
	}
	temps, _ := filepath.Glob(filepath.Join(dir, "*", ".*dflint-*"))
	if len(temps) > 0 {
		t.Errorf("temporary files left behind: %v", temps)
	}
	t.Logf("interrupted after %d of %d files; %d untouched", nFixed, n, nUntouched)
}

// child is the test binary running dflint's main with args.
func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	return cmd
}

// slowShellCheck puts a shellcheck on PATH that never finishes (it writes
// its process ID to started, then sleeps), so that linting one file takes
// as long as the test wants: a stand-in for any slow file. The sleep is
// ended when the test ends, in case dflint exited before killing it.
func slowShellCheck(t *testing.T, cmd *exec.Cmd) (started string) {
	t.Helper()
	bin := t.TempDir()
	started = filepath.Join(bin, "started")
	t.Cleanup(func() {
		b, _ := os.ReadFile(started)
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	script := "#!/bin/sh\necho $$ > '" + started + ".tmp' && mv '" + started + ".tmp' '" + started + "'\nexec sleep 30\n"
	if err := os.WriteFile(filepath.Join(bin, "shellcheck"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(cmd.Env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return started
}

// interruptWhenStarted starts cmd, sends SIGINT once the file started
// exists, and returns how long the command took to exit and its error.
func interruptWhenStarted(t *testing.T, cmd *exec.Cmd, started string) (time.Duration, error) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(started); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the lint did not start within a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	sent := time.Now()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		return time.Since(sent), err
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatal("still running 20 s after SIGINT")
	}
	return 0, nil
}

// Ctrl-C while one slow file is being linted: exit 130 at once, with no
// report (a partial report would pass for a complete one).
func TestLintInterruptedOnSlowFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "Dockerfile")
	os.WriteFile(file, []byte("FROM alpine:3.20\nRUN echo hi\n"), 0o644)
	cmd := child("lint", "--no-config", "--shellcheck", file)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	started := slowShellCheck(t, cmd)
	took, err := interruptWhenStarted(t, cmd, started)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want code %d\nstdout:\n%s\nstderr:\n%s", err, exitInterrupted, stdout.String(), stderr.String())
	}
	if took > 5*time.Second {
		t.Errorf("exited %v after SIGINT, want promptly", took)
	}
	if stdout.Len() > 0 {
		t.Errorf("a report was written after the interrupt:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), "dflint: interrupted: no report was written") {
		t.Errorf("stderr does not say the run was interrupted:\n%s", stderr.String())
	}
	t.Logf("exited %v after SIGINT", took)
}

// Ctrl-C while one slow file is being fixed: exit 130 at once, and the
// file is left as it was (no write starts after the signal).
func TestFixInterruptedOnSlowFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "Dockerfile")
	orig := []byte("FROM debian:12\nRUN apt-get update && apt-get install curl\n")
	os.WriteFile(file, orig, 0o644)
	cmd := child("fix", "--no-config", "--fail-level", "none", "--shellcheck", file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	started := slowShellCheck(t, cmd)
	took, err := interruptWhenStarted(t, cmd, started)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want code %d\n%s", err, exitInterrupted, stderr.String())
	}
	if took > 5*time.Second {
		t.Errorf("exited %v after SIGINT, want promptly", took)
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, orig) {
		t.Errorf("the file was changed after the interrupt:\n%s", b)
	}
	if temps, _ := filepath.Glob(filepath.Join(dir, ".*dflint-*")); len(temps) > 0 {
		t.Errorf("temporary files left behind: %v", temps)
	}
}

// A named pipe on the command line is refused at once with exit code 2,
// and the other files are still linted (opening a FIFO used to block
// forever, deaf to SIGTERM).
func TestLintRefusesFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "Dockerfile")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO: %v", err)
	}
	good := filepath.Join(dir, "good.Dockerfile")
	os.WriteFile(good, []byte("FROM alpine:3.20\nWORKDIR app\n"), 0o644)
	cmd := child("lint", "--no-config", "--format", "json", fifo, good)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var err error
	select {
	case err = <-exited:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatal("dflint blocked on the FIFO")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError {
		t.Fatalf("exit: %v, want code %d\n%s%s", err, exitError, stdout.String(), stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "is a named pipe (FIFO), not a regular file") {
		t.Errorf("no error for the FIFO:\n%s", out)
	}
	if !strings.Contains(out, "DF502") {
		t.Errorf("the other file was not linted (no DF502 for WORKDIR app):\n%s", out)
	}
}

// Ctrl-C while dflint waits for standard input that never ends (a terminal,
// or a pipe whose writer hangs): exit 130 at once, not at the second Ctrl-C.
func TestLintInterruptedReadingStdin(t *testing.T) {
	cmd := child("lint", "--no-config", "-")
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pw.Close() // the writer stays open: no EOF while dflint runs
	cmd.Stdin = pr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	pw.WriteString("FROM alpine:3.20\n")
	// Send SIGINT only once dflint has read what is in the pipe: it then
	// catches the signal and waits for more. Sent earlier, the signal
	// would kill it before it catches signals (a fixed sleep was too
	// short on a loaded machine). The test keeps the read end open to ask
	// how many bytes are still unread.
	deadline := time.Now().Add(60 * time.Second)
	for {
		n, err := unread(pr)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("dflint did not read standard input within a minute")
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // and let it go back to the read
	cmd.Process.Signal(syscall.SIGINT)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err = <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatal("still reading standard input 10 s after SIGINT")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want code %d", err, exitInterrupted)
	}
}

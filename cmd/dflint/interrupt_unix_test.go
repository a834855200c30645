//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/dflint/dflint/rewrite"
)

// fixWrites runs `dflint fix --select DF401` on paths with writeFixed
// replaced by write (which may call the real one), and returns the exit
// code and the output.
func fixWrites(t *testing.T, write func(path string, read, data []byte) error, paths ...string) (code int, stdout, stderr string) {
	t.Helper()
	orig := writeFixed
	writeFixed = write
	defer func() { writeFixed = orig }()
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	code = run(append([]string{"fix", "--no-config", "--select", "DF401"}, paths...), ios)
	return code, out.String(), errOut.String()
}

const (
	unfixedDF401 = "FROM debian:12\nRUN apt-get install curl\n"
	fixedDF401   = "FROM debian:12\nRUN apt-get install -y curl\n"
)

// A file edited while fix runs (after it was read, before its turn to be
// written) keeps the edit: it is reported with exit 2, and the other
// files are still fixed and counted.
func TestFixKeepsAFileEditedWhileItRuns(t *testing.T) {
	dir := t.TempDir()
	edited, other := filepath.Join(dir, "edited.Dockerfile"), filepath.Join(dir, "other.Dockerfile")
	must(t, os.WriteFile(edited, []byte(unfixedDF401), 0o644))
	must(t, os.WriteFile(other, []byte(unfixedDF401), 0o644))
	const edit = unfixedDF401 + "RUN echo the user's edit\n"

	code, stdout, stderr := fixWrites(t, func(path string, read, data []byte) error {
		if path == edited {
			must(t, os.WriteFile(edited, []byte(edit), 0o644))
		}
		return rewrite.ReplaceFile(path, read, data)
	}, edited, other)

	if got, _ := os.ReadFile(edited); string(got) != edit {
		t.Errorf("the edited file holds %q, want the edit kept", got)
	}
	if got, _ := os.ReadFile(other); string(got) != fixedDF401 {
		t.Errorf("the other file holds %q, want it fixed", got)
	}
	wantLine(t, stdout, `^`+regexp.QuoteMeta(edited)+`: error: .*the file changed after dflint read it .*run the command again`)
	wantLine(t, stdout, `^Fixed 1 finding in 1 file \(DF401 ×1\)\.$`)
	if code != exitError || stderr != "" {
		t.Errorf("exit %d, stderr %q; want exit %d and nothing on stderr", code, stderr, exitError)
	}
}

// A write that fails (a full disk) counts neither the file nor its fixes,
// and the findings it would have left are not reported either.
func TestFixCountsOnlyFilesWritten(t *testing.T) {
	dir := t.TempDir()
	full, other := filepath.Join(dir, "full.Dockerfile"), filepath.Join(dir, "other.Dockerfile")
	must(t, os.WriteFile(full, []byte(unfixedDF401), 0o644))
	must(t, os.WriteFile(other, []byte(unfixedDF401), 0o644))

	code, stdout, _ := fixWrites(t, func(path string, read, data []byte) error {
		if path == full {
			return fmt.Errorf("write %s: %w", path, syscall.ENOSPC)
		}
		return rewrite.ReplaceFile(path, read, data)
	}, full, other)

	wantLine(t, stdout, `^`+regexp.QuoteMeta(full)+`: error: write .*: no space left on device$`)
	wantLine(t, stdout, `^Fixed 1 finding in 1 file \(DF401 ×1\)\.$`)
	if got, _ := os.ReadFile(other); string(got) != fixedDF401 {
		t.Errorf("the other file holds %q, want it fixed", got)
	}
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
}

// A file named by several paths (itself, a symlink to it, a hard link to
// it) is fixed, written and counted once, and the hard link still is one.
func TestFixWritesAFileNamedTwiceOnce(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	must(t, os.WriteFile(p, []byte(unfixedDF401), 0o644))
	symlink, hardLink := filepath.Join(dir, "symlink.Dockerfile"), filepath.Join(dir, "hardlink.Dockerfile")
	if err := os.Symlink("Dockerfile", symlink); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Link(p, hardLink); err != nil {
		t.Skip("hard links not supported:", err)
	}

	var written []string
	code, stdout, _ := fixWrites(t, func(path string, read, data []byte) error {
		written = append(written, path)
		return rewrite.ReplaceFile(path, read, data)
	}, p, symlink, hardLink)

	if len(written) != 1 || written[0] != p {
		t.Errorf("written through %q, want once, through %s", written, p)
	}
	wantLine(t, stdout, `^Fixed 1 finding in 1 file \(DF401 ×1\)\.$`)
	if code != exitOK {
		t.Errorf("exit %d, want %d:\n%s", code, exitOK, stdout)
	}
	fp, _ := os.Stat(p)
	fh, _ := os.Stat(hardLink)
	if got, _ := os.ReadFile(hardLink); string(got) != fixedDF401 || !os.SameFile(fp, fh) {
		t.Errorf("the hard link holds %q (still the same file: %v), want the fixed text, linked", got, os.SameFile(fp, fh))
	}
}

// wantLine fails the test unless a line of out matches the pattern.
func wantLine(t *testing.T, out, pattern string) {
	t.Helper()
	if !regexp.MustCompile(`(?m)` + pattern).MatchString(out) {
		t.Errorf("no line matches %s in:\n%s", pattern, out)
	}
}

//go:build unix

package rewrite

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// As root, a file that belongs to someone else keeps its owner and group:
// without the chown, the rename would hand it to root.
func TestWriteFileKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	p := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(p, []byte("FROM a\n"), 0o664); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(p, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	// The set-group-ID bit survives too (chown alone would clear it).
	if err := os.Chmod(p, 0o664|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("FROM b\n")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if uid, gid := owner(fi); uid != 1234 || gid != 5678 || fi.Mode() != 0o664|os.ModeSetgid {
		t.Errorf("owner %d:%d mode %v, want 1234:5678 g-rw-rw-r--", uid, gid, fi.Mode())
	}
}

// crashEnv makes TestWriteFileCrashHelper, run as a child process, kill
// itself with SIGKILL after the temporary file is written and before the
// rename: no deferred cleanup runs, as in a power cut or an OOM kill.
const crashEnv = "DFLINT_TEST_WRITE_CRASH_FILE"

func TestWriteFileCrashHelper(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("run by TestWriteFileInterrupted in a child process")
	}
	beforeReplace = func(string) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way; never reach the rename
	}
	WriteFile(path, []byte("FROM new\nRUN the whole new text\n"))
	t.Fatal("WriteFile returned: the process should have been killed before the rename")
}

// A fix killed between writing the new text and renaming it over the file
// leaves the original intact (same bytes, mode and inode) and its
// temporary file beside it.
func TestWriteFileInterrupted(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	orig := []byte("FROM old\nRUN the original text\n")
	if err := os.WriteFile(p, orig, 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)

	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFileCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+p)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed by SIGKILL: %v\n%s", err, out)
	}

	got, _ := os.ReadFile(p)
	after, _ := os.Stat(p)
	if !bytes.Equal(got, orig) || after.Mode() != before.Mode() || !os.SameFile(before, after) {
		t.Fatalf("the original changed: %q mode %v (same file: %v)", got, after.Mode(), os.SameFile(before, after))
	}
	temps, _ := filepath.Glob(filepath.Join(dir, ".Dockerfile.dflint-*"))
	if len(temps) != 1 {
		t.Fatalf("want the one temporary file the killed write left, have %v", temps)
	}
	if tmp, _ := os.ReadFile(temps[0]); !bytes.HasPrefix(tmp, []byte("FROM new\n")) {
		t.Errorf("the temporary file holds %q", tmp)
	}

	// Later writes leave the leftover alone, however old: dflint cannot
	// prove it made a file from its name, and the docs say where to look.
	old := time.Now().Add(-time.Hour)
	os.Chtimes(temps[0], old, old)
	if err := WriteFile(p, []byte("FROM fixed\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(temps[0]); err != nil {
		t.Errorf("the leftover of the killed write was removed: %v", err)
	}
}

// A file with two names keeps both: it is written in place, so the other
// name sees the new text too and the link count stays 2.
func TestWriteFileKeepsHardLinks(t *testing.T) {
	dir := t.TempDir()
	p, other := filepath.Join(dir, "Dockerfile"), filepath.Join(dir, "other.Dockerfile")
	must(t, os.WriteFile(p, []byte("FROM a\nRUN a long line that the fix makes shorter\n"), 0o640))
	must(t, os.Link(p, other))
	if err := ReplaceFile(p, []byte("FROM a\nRUN a long line that the fix makes shorter\n"), []byte("FROM b\n")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(other)
	fp, _ := os.Stat(p)
	fo, _ := os.Stat(other)
	if string(got) != "FROM b\n" || !os.SameFile(fp, fo) || links(fp) != 2 || fp.Mode() != 0o640 {
		t.Errorf("the other name holds %q (same file: %v, %d links, mode %v)", got, os.SameFile(fp, fo), links(fp), fp.Mode())
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("directory holds %d entries, want the two names only", len(ents))
	}
}

// runAsChild runs the test named helper in a child process of the test
// binary with env set, and fails the test when the child fails.
func runAsChild(t *testing.T, helper string, cred *syscall.Credential, env ...string) {
	t.Helper()
	bin := os.Args[0]
	if cred != nil {
		// The test binary lives in a directory only root may enter: the
		// other user runs a copy.
		dir := t.TempDir()
		must(t, os.Chmod(filepath.Dir(dir), 0o755))
		must(t, os.Chmod(dir, 0o755))
		b, err := os.ReadFile(bin)
		must(t, err)
		bin = filepath.Join(dir, "rewrite.test")
		must(t, os.WriteFile(bin, b, 0o755))
	}
	cmd := exec.Command(bin, "-test.run=^"+helper+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := cmd.CombinedOutput(); err != nil || !bytes.Contains(out, []byte("--- PASS: "+helper)) {
		t.Fatalf("%s in a child process: %v\n%s", helper, err, out)
	}
}

const otherUserFileEnv = "DFLINT_TEST_WRITE_AS_OTHER_USER_FILE"

func TestWriteFileAsOtherUserHelper(t *testing.T) {
	p := os.Getenv(otherUserFileEnv)
	if p == "" {
		t.Skip("run by TestWriteFileWhenTheGroupCannotBeKept in a child process")
	}
	if err := WriteFile(p, []byte("FROM b\n")); err != nil {
		t.Fatal(err)
	}
}

// A user's own file whose group is not one of the user's (made by a CI job
// or an admin, or after a group change) cannot be replaced by a new file of
// the same group: only root may give a file away. It is written in place,
// so it keeps its owner, group and mode.
func TestWriteFileWhenTheGroupCannotBeKept(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to make a file whose group its owner is not in, and to run as that owner")
	}
	const uid, gid, foreignGID = 4321, 4321, 8765
	dir := t.TempDir()
	must(t, os.Chown(dir, uid, gid))
	p := filepath.Join(dir, "Dockerfile")
	must(t, os.WriteFile(p, []byte("FROM a\n"), 0o664))
	must(t, os.Chown(p, uid, foreignGID))
	must(t, os.Chmod(p, 0o664)) // past the umask
	before, _ := os.Stat(p)

	runAsChild(t, "TestWriteFileAsOtherUserHelper", &syscall.Credential{Uid: uid, Gid: gid, Groups: []uint32{}}, otherUserFileEnv+"="+p)

	got, _ := os.ReadFile(p)
	after, _ := os.Stat(p)
	if u, g := owner(after); string(got) != "FROM b\n" || u != uid || g != foreignGID || after.Mode() != 0o664 || !os.SameFile(before, after) {
		t.Errorf("file holds %q, owner %d:%d, mode %v (same file: %v); want the new text, %d:%d, 0664, in place",
			got, u, g, after.Mode(), os.SameFile(before, after), uid, foreignGID)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("directory holds %d entries, want only the Dockerfile", len(ents))
	}
}

const fileSizeLimitEnv = "DFLINT_TEST_WRITE_FILE_SIZE_LIMIT_FILE"

func TestWriteInPlaceFailsHelper(t *testing.T) {
	p := os.Getenv(fileSizeLimitEnv)
	if p == "" {
		t.Skip("run by TestWriteInPlaceFailureRestoresTheOldText in a child process")
	}
	// Past the limit, write(2) fails with EFBIG instead of killing the
	// process, as a full disk fails it with ENOSPC: after the temporary
	// file is written and before the write in place.
	signal.Ignore(syscall.SIGXFSZ)
	beforeReplace = func(string) {
		lim := syscall.Rlimit{Cur: 64, Max: 64}
		must(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim))
	}
	err := WriteFile(p, bytes.Repeat([]byte("RUN a line that does not fit\n"), 10))
	if err == nil || !strings.Contains(err.Error(), "the file was left unchanged") {
		t.Fatalf("WriteFile: %v, want an error that says the file was left unchanged", err)
	}
}

// A write in place that fails part way (a full disk) puts the old text back.
func TestWriteInPlaceFailureRestoresTheOldText(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	orig := []byte("FROM a\nRUN the old text\n")
	must(t, os.WriteFile(p, orig, 0o644))
	must(t, os.Link(p, filepath.Join(dir, "other")))

	runAsChild(t, "TestWriteInPlaceFailsHelper", nil, fileSizeLimitEnv+"="+p)

	if got, _ := os.ReadFile(p); !bytes.Equal(got, orig) {
		t.Errorf("file holds %q, want the old text back", got)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("directory holds %d entries, want the two names only", len(ents))
	}
}

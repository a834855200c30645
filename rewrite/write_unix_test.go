//go:build unix

package rewrite

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
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
	beforeRename = func(string) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way; never reach the rename
	}
	WriteFile(path, []byte("FROM new\nRUN the whole new text\n"))
	t.Fatal("WriteFile returned: the process should have been killed before the rename")
}

// A fix killed between writing the new text and renaming it over the file
// leaves the original intact (same bytes, mode and inode). The temporary
// file it leaves is removed by the next write once it is stale.
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

	// A fresh leftover may belong to a write in progress: kept. A stale
	// one is removed by the next write to the directory.
	cleanedDirs.Delete(filepath.Clean(dir))
	if err := WriteFile(p, []byte("FROM fixed\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(temps[0]); err != nil {
		t.Errorf("a fresh temporary file was removed: %v", err)
	}
	old := time.Now().Add(-2 * staleTempAge)
	os.Chtimes(temps[0], old, old)
	cleanedDirs.Delete(filepath.Clean(dir))
	if err := WriteFile(p, []byte("FROM fixed again\n")); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the stale temporary file is still there: %d entries", len(ents))
	}
}

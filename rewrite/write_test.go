package rewrite

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileKeepsModeAndReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(p, []byte("FROM a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	if err := WriteFile(p, []byte("FROM b\n")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	after, _ := os.Stat(p)
	if string(got) != "FROM b\n" || after.Mode() != before.Mode() {
		t.Errorf("content %q mode %v, want %q %v", got, after.Mode(), "FROM b\n", before.Mode())
	}
	// The rename replaced the file (new inode); no temporary file is left.
	if os.SameFile(before, after) {
		t.Error("file was rewritten in place, not replaced by rename")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("directory holds %d entries, want only the Dockerfile", len(ents))
	}
}

func TestWriteFileFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.Dockerfile")
	link := filepath.Join(dir, "Dockerfile")
	os.WriteFile(real, []byte("FROM a\n"), 0o755)
	if err := os.Symlink("real.Dockerfile", link); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := WriteFile(link, []byte("FROM b\n")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced by a file")
	}
	got, _ := os.ReadFile(real)
	fi, _ := os.Stat(real)
	if string(got) != "FROM b\n" || fi.Mode().Perm() != 0o755 {
		t.Errorf("target holds %q with mode %v", got, fi.Mode())
	}
}

func TestWriteFileCreatesAndReportsErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.Dockerfile")
	if err := WriteFile(p, []byte("FROM a")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v", fi.Mode())
	}
	if err := WriteFile(filepath.Join(dir, "missing", "Dockerfile"), nil); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	if err := WriteFile(dir, nil); err == nil {
		t.Error("writing over a directory succeeded")
	}
}

package rewrite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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

// A file edited after it was read is not replaced: the edit is kept, the
// error says so (ErrChanged), and no temporary file is left. The edit
// lands at the last moment, after the new text is written and synced.
func TestReplaceFileKeepsAChangeMadeAfterTheRead(t *testing.T) {
	const read, fixed, edited = "FROM a\n", "FROM b\n", "FROM a\nRUN an edit\n"
	tests := []struct {
		name string
		// change changes the file at p after the read.
		change func(t *testing.T, p string)
		// want is what p holds afterwards ("" when it is gone).
		want string
	}{
		{"edited in place", func(t *testing.T, p string) {
			must(t, os.WriteFile(p, []byte(edited), 0o644))
		}, edited},
		{"same size", func(t *testing.T, p string) {
			must(t, os.WriteFile(p, []byte("FROM c\n"), 0o644))
		}, "FROM c\n"},
		{"saved by rename, as editors do", func(t *testing.T, p string) {
			must(t, os.WriteFile(p+".new", []byte(edited), 0o644))
			must(t, os.Rename(p+".new", p))
		}, edited},
		{"mode changed", func(t *testing.T, p string) {
			must(t, os.Chmod(p, 0o755))
		}, read},
		{"removed", func(t *testing.T, p string) {
			must(t, os.Remove(p))
		}, ""},
	}
	for _, tt := range tests {
		for _, hardLinked := range []bool{false, true} {
			name := tt.name
			if hardLinked {
				name += ", hard-linked (written in place)"
			}
			t.Run(name, func(t *testing.T) {
				dir := t.TempDir()
				p := filepath.Join(dir, "Dockerfile")
				must(t, os.WriteFile(p, []byte(read), 0o644))
				if hardLinked {
					if err := os.Link(p, filepath.Join(dir, "other")); err != nil {
						t.Skip("hard links not supported:", err)
					}
				}
				beforeReplace = func(string) { tt.change(t, p) }
				defer func() { beforeReplace = nil }()

				err := ReplaceFile(p, []byte(read), []byte(fixed))
				if !errors.Is(err, ErrChanged) {
					t.Fatalf("ReplaceFile: %v, want ErrChanged", err)
				}
				got, _ := os.ReadFile(p)
				if string(got) != tt.want {
					t.Errorf("file holds %q, want %q", got, tt.want)
				}
				if temps, _ := filepath.Glob(filepath.Join(dir, ".*dflint-*")); len(temps) > 0 {
					t.Errorf("temporary files left: %v", temps)
				}
			})
		}
	}
	// Unchanged, it is replaced.
	p := filepath.Join(t.TempDir(), "Dockerfile")
	must(t, os.WriteFile(p, []byte(read), 0o644))
	if err := ReplaceFile(p, []byte(read), []byte(fixed)); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != fixed {
		t.Errorf("file holds %q", got)
	}
}

// Writes leave alone every file dflint did not make in this write, however
// much its name looks like a temporary file of dflint's and however old.
func TestWriteFileLeavesLookAlikesAlone(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	must(t, os.WriteFile(p, []byte("FROM a\n"), 0o644))
	lookAlikes := []string{".env.dflint-backup", ".Dockerfile.dflint-backup", ".Dockerfile.dflint-123456789", ".x.dflint-"}
	old := time.Now().Add(-24 * time.Hour)
	for _, name := range lookAlikes {
		q := filepath.Join(dir, name)
		must(t, os.WriteFile(q, []byte("SECRET=1\n"), 0o600))
		must(t, os.Chtimes(q, old, old))
	}
	if err := WriteFile(p, []byte("FROM b\n")); err != nil {
		t.Fatal(err)
	}
	for _, name := range lookAlikes {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != "SECRET=1\n" {
			t.Errorf("%s: %q, %v", name, got, err)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// A file whose name is close to the file system's limit can still be
// written: the temporary file's name is cut to fit.
func TestWriteFileLongName(t *testing.T) {
	for _, name := range []string{
		strings.Repeat("a", 240) + ".Dockerfile",
		strings.Repeat("é", 120) + ".df", // cut between the bytes of a character it must not be
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("FROM a\n"), 0o644); err != nil {
			t.Skip("the file system takes no name this long:", err)
		}
		if err := ReplaceFile(p, []byte("FROM a\n"), []byte("FROM b\n")); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); string(got) != "FROM b\n" {
			t.Errorf("file holds %q", got)
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("directory holds %d entries, want the file only", len(ents))
		}
	}
	for _, base := range []string{strings.Repeat("a", 300), strings.Repeat("é", 200)} {
		if p := tempPrefix(base); len(p)+10 > maxNameLen || !utf8.ValidString(p) {
			t.Errorf("temporary name %q… is %d bytes long (valid UTF-8: %v)", p[:20], len(p)+10, utf8.ValidString(p))
		}
	}
}

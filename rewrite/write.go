package rewrite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// WriteFile replaces the file at path with data atomically: it writes a
// temporary file in the same directory, gives it the mode and the owner of
// the file it replaces, syncs it and renames it over the original, so that
// a reader (or a crash) sees either the old file or the new one, never half
// of one. A symlink is followed: the file it points to is replaced and the
// link stays a link. A file that does not exist yet is created with mode
// 0644.
//
// A process killed between writing and renaming leaves its temporary file
// (.NAME.dflint-*) behind but the original intact; the next WriteFile of
// the same file removes such leftovers once they are older than
// staleTempAge, so that a write still in progress in another dflint is
// never touched.
func WriteFile(path string, data []byte) (err error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	uid, gid := -1, -1
	if info, err := os.Stat(target); err == nil {
		if !info.Mode().IsRegular() {
			return fmt.Errorf("write %s: not a regular file", path)
		}
		mode = info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		uid, gid = owner(info)
	}

	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	removeStaleTemps(dir)
	tmp, err := os.CreateTemp(dir, tempPrefix(base)+"*")
	if err != nil {
		return fmt.Errorf("write %s: %w (is the directory writable?)", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// The owner first: chown clears set-user-ID and set-group-ID bits,
	// which the chmod below then restores.
	if err = keepOwner(tmp, uid, gid); err != nil {
		return fmt.Errorf("write %s: cannot give the new file the owner of the old one (uid %d, gid %d): %w; the file was left unchanged", path, uid, gid, err)
	}
	// CreateTemp makes the file 0600; chmod after creation is not subject
	// to the umask, so the mode is kept exactly.
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if beforeRename != nil {
		beforeRename(tmp.Name())
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// The rename is durable once the directory is synced; a failure here
	// (some file systems cannot sync a directory) loses nothing the rename
	// did not already do.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// beforeRename, when set (by tests only), runs after the temporary file is
// complete and before it replaces the original: the moment a crash must not
// cost the original.
var beforeRename func(tmp string)

// staleTempAge is how old a leftover temporary file must be before a later
// write removes it. Writing a Dockerfile (1 MiB at most) takes far less.
const staleTempAge = 10 * time.Minute

func tempPrefix(base string) string { return "." + base + ".dflint-" }

// cleanedDirs are the directories removeStaleTemps has looked at: once per
// process each, so that fixing many files in one directory reads it once.
var cleanedDirs sync.Map

// removeStaleTemps deletes temporary files that an interrupted WriteFile
// left in dir. Errors are ignored: leftovers are litter, not a reason to
// refuse the write.
func removeStaleTemps(dir string) {
	if _, done := cleanedDirs.LoadOrStore(filepath.Clean(dir), true); done {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, ".") || !strings.Contains(name, ".dflint-") || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleTempAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// keepOwner gives the temporary file the original's owner and group when
// they differ from the ones it was created with (a fix run as root on a
// user's file, or in a setgid directory). Without this the rename would
// hand the file to whoever ran dflint.
func keepOwner(f *os.File, uid, gid int) error {
	if uid < 0 {
		return nil // a new file, or a system without owners
	}
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if u, g := owner(info); u == uid && g == gid {
		return nil
	}
	return f.Chown(uid, gid)
}

package rewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"
)

// ErrChanged is what ReplaceFile returns (wrapped, with the path) when the
// file no longer holds the text it was read with: the new text was made
// from the old one, and writing it would throw the change away.
var ErrChanged = errors.New("the file changed after dflint read it (was it edited while dflint ran?), so the fixes, made for the old text, were not written and the file keeps the change; run the command again to fix the text it holds now")

// WriteFile replaces the file at path with data, whatever it holds now (for
// files dflint owns, like a report). See ReplaceFile for how.
func WriteFile(path string, data []byte) error {
	return replace(path, nil, false, data)
}

// ReplaceFile replaces the file at path, which was read as read, with
// data, unless it changed since: then it returns an error that wraps
// ErrChanged and leaves the file alone.
//
// The write is atomic: a temporary file in the same directory gets data,
// the mode and the owner of the file it replaces, is synced and renamed
// over the original, so that a reader (or a crash) sees either the old
// file or the new one, never half of one. A symlink is followed: the file
// it points to is replaced and the link stays a link. A file that does not
// exist yet (WriteFile only) is created with mode 0644.
//
// Two kinds of file are written in place instead, because a rename would
// lose something: a file with more than one hard link (the other names
// would keep the old text), and a file whose owner or group the new file
// cannot be given (a user's file whose group is not one of the user's:
// only root may give a file away). The temporary file is still written and
// synced first: if the write in place fails, the old text is put back, and
// if that fails too (or the process is killed in the middle), the
// temporary file, which holds the whole new text, is left beside the file
// and the error names it.
//
// The temporary file is .NAME.dflint-DIGITS, beside the file written. It
// is removed on every error but the one above; only a process killed
// between creating it and the rename (kill -9, a second Ctrl-C, a power
// cut) leaves it behind, at most one per run (files are written one at a
// time). dflint never deletes such leftovers later by their name: a name
// proves nothing about who made a file (a user's .env.dflint-backup looked
// like one to an earlier version, which deleted it), and the leftover of an
// interrupted write in place is the only whole copy of the new text.
func ReplaceFile(path string, read, data []byte) error {
	return replace(path, read, true, data)
}

func replace(path string, read []byte, check bool, data []byte) (err error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("write %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	uid, gid := -1, -1
	info, err := os.Stat(target)
	switch {
	case err == nil:
		if !info.Mode().IsRegular() {
			return fmt.Errorf("write %s: not a regular file", path)
		}
		mode = info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
		uid, gid = owner(info)
	case errors.Is(err, fs.ErrNotExist) && check:
		return fmt.Errorf("write %s: it was removed: %w", path, ErrChanged)
	case errors.Is(err, fs.ErrNotExist):
		info = nil
	default:
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Why the file is written in place rather than renamed over, if it is.
	var inPlaceWhy string
	if info != nil && links(info) > 1 {
		inPlaceWhy = fmt.Sprintf("it has %d hard links, which a new file would break", links(info))
	}

	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, tempPrefix(base)+"*")
	if err != nil {
		return fmt.Errorf("write %s: %w (is the directory writable?)", path, err)
	}
	keepTemp := false
	defer func() {
		if err != nil {
			tmp.Close()
			if !keepTemp {
				os.Remove(tmp.Name())
			}
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if inPlaceWhy == "" {
		// The owner first: chown clears set-user-ID and set-group-ID bits,
		// which the chmod below then restores.
		if ownerErr := keepOwner(tmp, uid, gid); errors.Is(ownerErr, fs.ErrPermission) {
			inPlaceWhy = fmt.Sprintf("a new file cannot be given its owner (uid %d, gid %d): %v", uid, gid, ownerErr)
		} else if ownerErr != nil {
			return fmt.Errorf("write %s: cannot give the new file the owner of the old one (uid %d, gid %d): %w; the file was left unchanged", path, uid, gid, ownerErr)
		}
	}
	if inPlaceWhy == "" {
		// CreateTemp makes the file 0600; chmod after creation is not
		// subject to the umask, so the mode is kept exactly. (A copy for
		// a write in place stays 0600: it is nobody's file but ours.)
		if err = tmp.Chmod(mode); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if beforeReplace != nil {
		beforeReplace(tmp.Name())
	}

	if inPlaceWhy != "" {
		intact, err := overwrite(target, info, read, check, data)
		switch {
		case err == nil:
			os.Remove(tmp.Name())
			return nil
		case errors.Is(err, ErrChanged):
			return fmt.Errorf("write %s: %w", path, err)
		case intact:
			return fmt.Errorf("write %s: cannot replace it with a new file (%s), and cannot write it in place: %w; the file was left unchanged", path, inPlaceWhy, err)
		default:
			keepTemp = true
			return fmt.Errorf("write %s in place (%s): %w; putting the old text back failed too, so the file may be damaged: its whole new text is in %s", path, inPlaceWhy, err, tmp.Name())
		}
	}

	if check {
		// The file was read a while ago (other files are fixed and
		// written first, in argument order). The comparison is as late as
		// it can be, after the slow part (the sync), so what is left is
		// the moment between it and the rename: an editor saving in that
		// moment, or a program writing into the file it opened earlier
		// (its writes go to the old file, which the rename unlinks), still
		// loses its change. Closing that gap needs a lock the editor also
		// takes, and editors take none; the bytes are compared, not size
		// and mtime, because a change within the mtime's resolution would
		// pass those.
		f, err := os.Open(target)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("write %s: it was removed: %w", path, ErrChanged)
			}
			return fmt.Errorf("write %s: %w", path, err)
		}
		err = unchanged(f, info, read)
		f.Close()
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
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

// unchanged returns ErrChanged unless f still has the mode, the owner and
// the bytes of the file that was read (was and read): a chmod or chown
// made in the meantime would be undone by the new file as surely as an
// edit.
func unchanged(f *os.File, was fs.FileInfo, read []byte) error {
	now, err := f.Stat()
	if err != nil {
		return err
	}
	if now.Mode() != was.Mode() {
		return ErrChanged
	}
	if u, g := owner(now); u != -1 {
		if wu, wg := owner(was); u != wu || g != wg {
			return ErrChanged
		}
	}
	if now.Size() != int64(len(read)) {
		return ErrChanged
	}
	// One byte more than expected tells a file that grew since the stat.
	cur, err := io.ReadAll(io.LimitReader(f, int64(len(read))+1))
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, read) {
		return ErrChanged
	}
	return nil
}

// overwrite writes data into the file at target itself, which keeps its
// inode, hence its owner, mode and hard links. When it fails, intact tells
// whether the file holds its old text: a write that fails part way is undone
// by writing the old text back, which fits in the
// blocks the file already has (it is not truncated before the new text is
// in), so putting it back needs no new space on a file system that
// rewrites blocks in place.
func overwrite(target string, was fs.FileInfo, read []byte, check bool, data []byte) (intact bool, err error) {
	f, err := os.OpenFile(target, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) && check {
		return true, fmt.Errorf("it was removed: %w", ErrChanged)
	}
	if err != nil {
		return true, err
	}
	defer f.Close()
	if check {
		// Compared on the descriptor written next, so a file replaced
		// by a rename in between keeps its new text; the gap left is the
		// one described in replace, between this read and the write.
		if err := unchanged(f, was, read); err != nil {
			return true, err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return true, err
		}
	}
	old, err := io.ReadAll(f)
	if err != nil {
		return true, err
	}
	if err = writeAll(f, data); err == nil {
		return false, nil
	}
	return writeAll(f, old) == nil, err
}

// writeAll makes f hold exactly data: overwritten from the start, then cut
// to length, then synced.
func writeAll(f *os.File, data []byte) error {
	if _, err := f.WriteAt(data, 0); err != nil {
		return err
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		return err
	}
	return f.Sync()
}

// beforeReplace, when set (by tests only), runs after the temporary file is
// complete and before it replaces the original (or is written into it): the
// moment a crash must not cost the original, and the last moment a change
// by someone else must still be noticed.
var beforeReplace func(tmp string)

// maxNameLen is the longest file name most file systems take (NAME_MAX).
const maxNameLen = 255

// tempPrefix is the start of the temporary file's name for the file base;
// os.CreateTemp adds up to 10 digits. A long base is cut short (at a
// character boundary) so that the name still fits in maxNameLen: with the
// whole base, a file named with 237 bytes or more could not be fixed at all.
func tempPrefix(base string) string {
	const marker = ".dflint-"
	if keep := maxNameLen - len(".") - len(marker) - 10; len(base) > keep {
		for keep > 0 && !utf8.RuneStart(base[keep]) {
			keep--
		}
		base = base[:keep]
	}
	return "." + base + marker
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

//go:build unix

package runner

import (
	"os"
	"syscall"
)

// openRegular opens a path for reading without blocking: opening a named
// pipe waits for a writer, forever if none comes, and no signal handler
// runs meanwhile in a way that can stop it. O_NONBLOCK makes open return at
// once; Read then refuses what is not a regular file (notRegular). For a
// regular file the flag is cleared, so that reading it behaves as usual.
// The file's stat comes back too (nil when it could not be read), so that
// Read does not ask again.
func openRegular(path string) (*os.File, os.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		return f, nil, nil
	}
	if !fi.Mode().IsRegular() {
		return f, fi, nil // Read says what it is, and closes it
	}
	rc, err := f.SyscallConn()
	if err == nil {
		var serr error
		err = rc.Control(func(fd uintptr) { serr = syscall.SetNonblock(int(fd), false) })
		if err == nil {
			err = serr
		}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

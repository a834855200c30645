//go:build !unix

package runner

import "os"

// openRegular opens a path for reading. Named pipes in the Unix sense do
// not appear as paths here; Read still refuses what is not a regular file.
// The file's stat comes back too (nil when it could not be read).
func openRegular(path string) (*os.File, os.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		return f, nil, nil
	}
	return f, fi, nil
}

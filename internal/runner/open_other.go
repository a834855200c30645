//go:build !unix

package runner

import "os"

// openRegular opens a path for reading. Named pipes in the Unix sense do
// not appear as paths here; Read still refuses what is not a regular file.
func openRegular(path string) (*os.File, error) { return os.Open(path) }

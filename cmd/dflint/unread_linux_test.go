package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// unread is how many bytes written to the pipe p reads from are still
// unread (Linux names FIONREAD TIOCINQ).
func unread(p *os.File) (int, error) { return unix.IoctlGetInt(int(p.Fd()), unix.TIOCINQ) }

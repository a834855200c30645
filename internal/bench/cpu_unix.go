//go:build unix

package bench

import (
	"syscall"
	"time"
)

// CPUTime is the user and system CPU time this process has used so far.
// On a machine shared with other jobs, wall time measures the neighbours
// as much as dflint; CPU time does not.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

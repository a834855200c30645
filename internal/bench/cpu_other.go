//go:build !unix

package bench

import "time"

// CPUTime is not measured outside Unix: the cpu-ns metrics read 0.
func CPUTime() time.Duration { return 0 }

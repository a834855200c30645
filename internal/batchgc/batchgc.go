// Package batchgc sets the garbage collector up for a batch run: one
// `dflint lint`, `fix` or `pin` that reads many files, allocates a lot of
// short-lived garbage (syntax trees, shell trees, strings) and exits.
//
// Go's default (GOGC=100) collects whenever the heap doubles. A lint run
// starts with a heap of a few MB, so it collects every few MB: on the
// corpus (2,939 files) that was about 80 collections and a third of the
// process's CPU time, to keep a heap that never needed to be small. A
// batch run instead turns the proportional trigger off and collects only
// when the Go heap nears a fixed limit (runtime/debug.SetMemoryLimit),
// well under dflint's 150 MB peak-memory budget. That is the "GOGC=off
// with GOMEMLIMIT" configuration of the Go GC guide
// (https://go.dev/doc/gc-guide#Memory_limit).
//
// Its known risk is a live heap that grows close to the limit, where the
// collector would run again and again. A run over tens of thousands of
// files can get there, because results are kept until the report is
// written. So the policy watches the live heap after every collection and,
// once it passes half the limit, hands control back to Go's defaults
// (proportional collection, no limit): from then on the run behaves as
// plain Go does, which scales linearly.
//
// GOGC or GOMEMLIMIT in the environment mean the user chose: nothing is
// changed then. Long-running commands (the language server) do not call
// Tune: they keep Go's defaults, which keep their footprint small.
package batchgc

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Limit is the Go heap size at which a batch run collects. Together with
// the binary's own resident pages (about 20 MB) it keeps the process's
// peak RSS near 70 MB on the corpus.
//
// It was 110 MiB until issue 21. Every page the heap grows into is a page
// fault the first time it is touched, and on the 2-core VMs dflint is
// measured on a fault costs more than the collections a lower limit adds.
// `dflint lint --format json` on the 2,759 real corpus files, GOGC=off with
// GOMEMLIMIT at each size, ten runs of each alternating, medians of
// user+sys (2026-12-07, a loaded machine): 110 MiB 2.20 s (26.4k minor
// faults), 80 MiB 2.22 s (19.2k), 60 MiB 2.02 s (14.5k), 50 MiB 2.12 s
// (12.5k); a second series of five gave 2.09 s at 110 MiB and 2.02 s at
// 60 MiB, with 40 MiB the worst (2.32 s: collections then cost more than
// faults). `dflint fix --diff` on 1,200 of the files: 1.67 s at 110 MiB,
// 1.40 s at 60 MiB (medians of three), peak RSS 118 MB -> 69 MB.
const Limit = 60 << 20

// released is set once the policy has handed control back to Go's
// defaults.
var released atomic.Bool

// Tune applies the batch policy unless getenv reports GOGC or GOMEMLIMIT.
// It returns whether it changed anything.
func Tune(getenv func(string) string) bool {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return false
	}
	debug.SetMemoryLimit(Limit)
	debug.SetGCPercent(-1)
	watch()
	return true
}

// liveHeap is the metric the policy reads after each collection: the heap
// that survived it.
const liveHeap = "/gc/heap/live:bytes"

// watch arranges for check to run after the next collection. A finalizer
// on an unreachable object runs once the collector has found it
// unreachable, that is after a cycle ends; re-arming it in the finalizer
// makes it run after every cycle.
func watch() {
	sentinel := new([16]byte) // 16 bytes: not combined into a tiny block, so it is freed on its own
	runtime.SetFinalizer(sentinel, func(*[16]byte) {
		if !check() {
			watch()
		}
	})
}

// check reads the live heap and releases the policy when it has passed
// half the limit. It reports whether the policy was released.
func check() bool {
	if released.Load() {
		return true
	}
	sample := []metrics.Sample{{Name: liveHeap}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return false
	}
	if sample[0].Value.Uint64() > Limit/2 {
		release()
		return true
	}
	return false
}

// release restores Go's default collector settings.
func release() {
	released.Store(true)
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
}

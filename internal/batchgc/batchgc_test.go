package batchgc

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

// restore puts Go's defaults back after a test changed them.
func restore(t *testing.T) {
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		released.Store(false)
	})
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// GOGC or GOMEMLIMIT set by the user win: Tune changes nothing.
func TestUserSettingsWin(t *testing.T) {
	restore(t)
	for _, vars := range []map[string]string{{"GOGC": "50"}, {"GOMEMLIMIT": "1GiB"}} {
		if Tune(env(vars)) {
			t.Errorf("Tune with %v changed the collector", vars)
		}
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("with %v: GC percent %d, want Go's 100", vars, got)
		}
		if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
			t.Errorf("with %v: memory limit %d, want none", vars, got)
		}
	}
}

// Tune turns the proportional trigger off and sets the limit.
func TestTune(t *testing.T) {
	restore(t)
	if !Tune(env(nil)) {
		t.Fatal("Tune did nothing without GOGC and GOMEMLIMIT")
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GC percent %d, want -1 (off)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != Limit {
		t.Errorf("memory limit %d, want %d", got, Limit)
	}
	// A collection with a small live heap keeps the policy.
	runtime.GC()
	runtime.GC() // the finalizer of the first cycle runs during or after the second
	if released.Load() {
		t.Error("the policy was released with a small live heap")
	}
}

// Once the live heap passes half the limit, Go's defaults come back, so
// that a huge run does not collect again and again near the limit.
func TestReleaseWhenLiveHeapGrows(t *testing.T) {
	restore(t)
	Tune(env(nil))
	live := make([][]byte, 0, 64)
	for range (Limit/2)/(1<<20) + 8 {
		live = append(live, make([]byte, 1<<20))
	}
	for range 3 {
		runtime.GC()
		runtime.Gosched()
	}
	// The finalizer runs on its own goroutine: wait for it.
	for range 100 {
		if released.Load() {
			break
		}
		runtime.GC()
	}
	runtime.KeepAlive(live)
	if !released.Load() {
		t.Fatal("the policy was not released with a live heap over half the limit")
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d after release, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit %d after release, want none", got)
	}
}

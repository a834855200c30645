package bench

import (
	"context"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/batchgc"
	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
)

// BenchmarkCorpusVsBuildKit puts the corpus lint next to BuildKit's own
// linter, in one process, on the same files, so that their ratio (issue
// 21: dflint at most 0.7× DockerfileLint's wall time and 1.0× its CPU) is
// measured under the same load. Each op runs both, alternating which goes
// first, and the metrics are medians over the ops, the ratios taken op by
// op: on a shared machine a neighbour's burst then lands on both sides.
//
//   - dflint: what `dflint lint --format json` does after start-up: read,
//     parse, every default rule and BuildKit's checks on GOMAXPROCS
//     workers, and the JSON report (written to io.Discard), under the
//     garbage-collector policy the dflint binary sets for a batch run
//     (internal/batchgc).
//   - DockerfileLint: what `docker build --check` runs
//     (dockerfile2llb.DockerfileLint, which parses each file itself), one
//     file after the other as a build does, under Go's default collector,
//     as BuildKit runs it. Its resolver answers every base image with an
//     empty config, offline: dflint's side makes no network call either,
//     and neither side should time a registry.
//
// Both read each file inside the timed part. Metrics per corpus pass:
// dflint-ns and buildkit-ns (wall), dflint-cpu-ns and buildkit-cpu-ns
// (user+sys of the process), dflint-allocs and buildkit-allocs, and
// wall-ratio and cpu-ratio (dflint over DockerfileLint).
func BenchmarkCorpusVsBuildKit(b *testing.B) {
	paths, _ := corpus(b)
	eng := engine(b)
	targets := discover.Targets(paths, discover.Options{})
	rep, err := report.New("json", report.Options{})
	if err != nil {
		b.Fatal(err)
	}
	dflintPass := func() {
		var run report.Run
		if err := runner.Lint(context.Background(), eng, targets, nil, func(r report.Result) {
			run.Results = append(run.Results, r)
		}); err != nil || len(run.Results) != len(paths) {
			b.Fatalf("linted %d of %d files: %v", len(run.Results), len(paths), err)
		}
		if err := rep.Report(io.Discard, &run); err != nil {
			b.Fatal(err)
		}
	}
	buildkitPass := func() {
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			sm := llb.NewSourceMap(nil, p, "Dockerfile", src)
			sm.Definition = &llb.Definition{} // DockerfileLint needs one (ARCHITECTURE.md)
			// An error (a file BuildKit cannot parse) is a result in
			// dflint: both sides did the work.
			_, _ = dockerfile2llb.DockerfileLint(context.Background(), src, dockerfile2llb.ConvertOpt{
				SourceMap: sm, MetaResolver: emptyConfigs{}, LLBCaps: &allLLBCaps,
			})
		}
	}
	var dflint, buildkit []passCost
	runDflint := func() {
		restore := batchPolicy()
		dflint = append(dflint, measure(dflintPass))
		restore()
	}
	runBuildKit := func() {
		runtime.GC()
		buildkit = append(buildkit, measure(buildkitPass))
	}
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			runDflint()
			runBuildKit()
		} else {
			runBuildKit()
			runDflint()
		}
	}
	wallRatio := make([]float64, len(dflint))
	cpuRatio := make([]float64, len(dflint))
	for i := range dflint {
		wallRatio[i] = float64(dflint[i].wall) / float64(buildkit[i].wall)
		cpuRatio[i] = float64(dflint[i].cpu) / float64(buildkit[i].cpu)
	}
	for _, side := range []struct {
		name  string
		costs []passCost
	}{{"dflint", dflint}, {"buildkit", buildkit}} {
		b.ReportMetric(median(side.costs, func(c passCost) float64 { return float64(c.wall) }), side.name+"-ns")
		b.ReportMetric(median(side.costs, func(c passCost) float64 { return float64(c.cpu) }), side.name+"-cpu-ns")
		b.ReportMetric(median(side.costs, func(c passCost) float64 { return float64(c.allocs) }), side.name+"-allocs")
	}
	b.ReportMetric(median(wallRatio, func(r float64) float64 { return r }), "wall-ratio")
	b.ReportMetric(median(cpuRatio, func(r float64) float64 { return r }), "cpu-ratio")
}

// passCost is what one corpus pass of one side cost.
type passCost struct {
	wall, cpu time.Duration
	allocs    uint64 // heap objects allocated
}

func measure(pass func()) passCost {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu, start := CPUTime(), time.Now()
	pass()
	c := passCost{wall: time.Since(start), cpu: CPUTime() - cpu}
	runtime.ReadMemStats(&after)
	c.allocs = after.Mallocs - before.Mallocs
	return c
}

func median[T any](xs []T, value func(T) float64) float64 {
	v := make([]float64, len(xs))
	for i, x := range xs {
		v[i] = value(x)
	}
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	return v[len(v)/2]
}

// batchPolicy sets the collector as batchgc.Tune does for `dflint lint`
// (no proportional trigger, collect near batchgc.Limit) and returns what
// puts Go's defaults back, so that the next benchmark runs under them. The
// corpus never brings the live heap near the limit, where Tune would hand
// back to the defaults.
func batchPolicy() (restore func()) {
	runtime.GC()
	limit := debug.SetMemoryLimit(batchgc.Limit)
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		runtime.GC()
	}
}

// emptyConfigs resolves every image to an empty config and no platform,
// offline (an offline resolver must report no platform, or
// InvalidBaseImagePlatform fires on every FROM: ARCHITECTURE.md).
type emptyConfigs struct{}

func (emptyConfigs) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

var allLLBCaps = pb.Caps.CapSet(pb.Caps.All())

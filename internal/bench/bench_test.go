package bench

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// corpus reads every corpus file once, outside the timed part.
func corpus(b *testing.B) (paths []string, srcs [][]byte) {
	b.Helper()
	dir, err := CorpusDir()
	if err != nil {
		b.Fatal(err)
	}
	paths, err = CorpusFiles(dir)
	if err != nil {
		b.Skipf("no corpus at %s (%v): put the shared corpus beside the repository, or set DFLINT_CORPUS", dir, err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	return paths, srcs
}

func engine(b *testing.B) *rules.Engine {
	b.Helper()
	e, err := rules.NewEngine(rules.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// cpuClock measures the process's CPU time over a benchmark's loop: with
// other jobs on the machine, wall time (ns/op) counts their time too.
type cpuClock struct{ start time.Duration }

func startCPU(b *testing.B) *cpuClock {
	b.Helper()
	b.ResetTimer()
	return &cpuClock{start: CPUTime()}
}

// per reports CPU time per unit (per file, per line) over the loop.
func (c *cpuClock) per(b *testing.B, units int, unit string) {
	b.ReportMetric(float64((CPUTime()-c.start).Nanoseconds())/float64(units*b.N), "cpu-ns/"+unit)
}

// perFile reports the wall rate and the CPU time per file over n files per
// op.
func perFile(b *testing.B, c *cpuClock, n int) {
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
	c.per(b, n, "file")
}

// BenchmarkCorpusParse parses every corpus file (BuildKit's parser and
// dflint's model, shell trees of every RUN included), on GOMAXPROCS
// workers as lint does.
func BenchmarkCorpusParse(b *testing.B) {
	paths, srcs := corpus(b)
	clock := startCPU(b)
	for b.Loop() {
		runner.Ordered(context.Background(), 0, len(srcs), func(i int) int {
			f := parser.Parse(paths[i], srcs[i])
			for _, in := range f.Instructions {
				in.Calls()
			}
			return 0
		}, func(int, int) {})
	}
	perFile(b, clock, len(srcs))
}

// BenchmarkCorpusLint is `dflint lint` on the corpus without the process
// and the printing: read, parse, every default rule and BuildKit's checks.
func BenchmarkCorpusLint(b *testing.B) {
	paths, _ := corpus(b)
	eng := engine(b)
	targets := discover.Targets(paths, discover.Options{})
	clock := startCPU(b)
	for b.Loop() {
		n := 0
		if err := runner.Lint(context.Background(), eng, targets, nil, func(report.Result) { n++ }); err != nil || n != len(paths) {
			b.Fatalf("linted %d of %d files: %v", n, len(paths), err)
		}
	}
	perFile(b, clock, len(paths))
}

// BenchmarkCorpusRules is the share of CorpusLint that dflint's own rules
// take: the engine's checks (BuildKit's off) on every corpus file, already
// read and parsed, shell trees of every RUN included. Each op lints freshly
// parsed files, so what the rules compute once per file or instruction is
// computed in the timed part, as in a real run; the parsing is not timed
// and its CPU time is not counted.
func BenchmarkCorpusRules(b *testing.B) {
	paths, srcs := corpus(b)
	eng, err := rules.NewEngine(rules.Options{NoBuildKit: true})
	if err != nil {
		b.Fatal(err)
	}
	files := make([]*parser.File, len(srcs))
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		runner.Ordered(context.Background(), 0, len(srcs), func(i int) *parser.File {
			f := parser.Parse(paths[i], srcs[i])
			for _, in := range f.Instructions {
				in.Calls()
			}
			return f
		}, func(i int, f *parser.File) { files[i] = f })
		// The parser's garbage is collected here, not in the timed part.
		runtime.GC()
		b.StartTimer()
		start := CPUTime()
		runner.Ordered(context.Background(), 0, len(files), func(i int) int {
			findings, errs := eng.Lint(context.Background(), files[i])
			if len(errs) > 0 {
				b.Errorf("%s: %v", paths[i], errs)
			}
			return len(findings)
		}, func(int, int) {})
		cpu += CPUTime() - start
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(len(files)*b.N), "cpu-ns/file")
}

// BenchmarkCorpusFix is `dflint fix --diff` on the corpus without writing:
// the fix loop (lint, apply, re-parse, re-lint until nothing changes).
func BenchmarkCorpusFix(b *testing.B) {
	paths, srcs := corpus(b)
	eng := engine(b)
	clock := startCPU(b)
	for b.Loop() {
		runner.Ordered(context.Background(), 0, len(srcs), func(i int) int {
			rewrite.Fix(context.Background(), eng, paths[i], srcs[i], rewrite.Options{})
			return 0
		}, func(int, int) {})
	}
	perFile(b, clock, len(srcs))
}

// BenchmarkLargeFile lints one synthetic Dockerfile of 1,000 and 5,000
// lines (50 and 250 stages). ns/line should not grow with the size.
func BenchmarkLargeFile(b *testing.B) {
	eng := engine(b)
	for _, lines := range []int{1000, 5000} {
		src := Synthetic(lines)
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			clock := startCPU(b)
			for b.Loop() {
				r := runner.LintSource(context.Background(), eng, "Dockerfile", src)
				if len(r.Errors) > 0 || r.File.Err != nil {
					b.Fatalf("%v %v", r.Errors, r.File.Err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(lines*b.N), "ns/line")
			clock.per(b, lines, "line")
		})
	}
}

// BenchmarkManyFiles lints a directory tree of 1,000 and of 10,000 small
// Dockerfiles, generated in a temporary directory: discovery, reading and
// linting. ns/file should not grow with the count.
func BenchmarkManyFiles(b *testing.B) {
	eng := engine(b)
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := WriteTree(dir, n); err != nil {
				b.Fatal(err)
			}
			clock := startCPU(b)
			for b.Loop() {
				targets := discover.Targets([]string{dir}, discover.Options{})
				got := 0
				if err := runner.Lint(context.Background(), eng, targets, nil, func(r report.Result) {
					if len(r.Errors) == 0 {
						got++
					}
				}); err != nil || got != n {
					b.Fatalf("linted %d of %d files: %v", got, n, err)
				}
			}
			perFile(b, clock, n)
		})
	}
}

// BenchmarkShapes lints each adversarial shape (shapes.go) at 1 MiB, the
// largest file dflint accepts: one file per op, parse, every default rule
// and BuildKit's checks. cpu-ns/file is the time budget a hostile file can
// take; TestShapesLintLinearly checks that it grows linearly.
func BenchmarkShapes(b *testing.B) {
	eng := engine(b)
	for _, s := range Shapes {
		src, _ := s.Generate(ShapeSize)
		b.Run(s.Name, func(b *testing.B) {
			clock := startCPU(b)
			for b.Loop() {
				r := runner.LintSource(context.Background(), eng, "Dockerfile", src)
				if len(r.Errors) > 0 || r.File.Err != nil {
					b.Fatalf("%v %v", r.Errors, r.File.Err)
				}
			}
			clock.per(b, 1, "file")
		})
	}
}

package bench

import (
	"context"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// TestShapesLintLinearly lints every adversarial shape at two sizes, n and
// 4n, and checks that the work grows at most about four times: a rule that
// walks the stage chain or the whole file once per instruction makes it
// grow sixteen times (issue 17: 16,000 RUNs took 31 s).
//
// Work is parser.File.Work, a count of the instructions and stages visited
// by the shared walks (stage chains, the file's RUNs, the per-instruction
// memo). A count, not time, so the test neither flakes on a loaded machine
// nor needs sizes large enough to time; and not allocations, because the
// quadratic walks it is for allocate nothing per step (they read facts
// already memoized). Its limit: a rule that loops over File.Instructions by
// hand is not counted; the 1 MiB shapes of BenchmarkShapes time those.
func TestShapesLintLinearly(t *testing.T) {
	eng, err := rules.NewEngine(rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const small = 8 << 10
	for _, s := range Shapes {
		t.Run(s.Name, func(t *testing.T) {
			work := func(size int) (w float64, units int) {
				src, units := s.Generate(size)
				f := parser.Parse("Dockerfile", src)
				if f.Err != nil {
					t.Fatalf("%d bytes: %v", size, f.Err)
				}
				if _, errs := eng.Lint(context.Background(), f); len(errs) > 0 {
					t.Fatalf("%d bytes: %v", size, errs)
				}
				return float64(f.Work()), units
			}
			w1, n1 := work(small)
			w4, n4 := work(4 * small)
			if w1 == 0 {
				t.Fatalf("no work counted at %d units: is the counter wired?", n1)
			}
			// Per unit, the work may grow a little (a constant part
			// shrinks, a log factor grows), not with the size.
			growth := (w4 / float64(n4)) / (w1 / float64(n1))
			t.Logf("%d units: %.0f, %d units: %.0f work (per unit ×%.2f)", n1, w1, n4, w4, growth)
			if growth > 1.5 {
				t.Errorf("work per unit grew ×%.2f from %d to %d units (%.0f to %.0f): something is quadratic in the file; profile it with BenchmarkShapes/%s", growth, n1, n4, w1, w4, s.Name)
			}
		})
	}
}

// TestShapesGenerate checks that the shapes are the size asked for and
// parse, so that the benchmark measures dflint on valid files.
func TestShapesGenerate(t *testing.T) {
	for _, s := range Shapes {
		src, units := s.Generate(64 << 10)
		if len(src) > 64<<10 || len(src) < 60<<10 || units < 100 {
			t.Errorf("%s: %d bytes, %d units", s.Name, len(src), units)
		}
		if _, dup := ShapeByName(s.Name); !dup {
			t.Errorf("%s: not found by name", s.Name)
		}
	}
}

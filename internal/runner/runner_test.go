package runner

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// Results finish in random order; emit must still see them in index order.
func TestOrderedEmitsInOrder(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 64} {
		var got []int
		err := Ordered(context.Background(), workers, 200, func(i int) int {
			time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
			return i * 2
		}, func(i, v int) {
			if v != i*2 {
				t.Errorf("emit(%d, %d): value of another index", i, v)
			}
			got = append(got, i)
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("workers=%d: emitted %v, want 0..199 in order", workers, got)
			}
		}
		if len(got) != 200 {
			t.Fatalf("workers=%d: emitted %d results", workers, len(got))
		}
	}
	if err := Ordered(context.Background(), 0, 0, func(int) int { return 0 }, func(int, int) { t.Error("emit with no work") }); err != nil {
		t.Fatal(err)
	}
}

func TestOrderedStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Ordered(ctx, 1, 1000, func(i int) int {
		if i == 10 {
			cancel()
		}
		return i
	}, func(int, int) { n++ })
	if !errors.Is(err, context.Canceled) || n >= 1000 {
		t.Fatalf("err %v after %d results, want context.Canceled before the end", err, n)
	}
}

type panicky struct{}

func (panicky) Lint(context.Context, *parser.File) ([]rules.Finding, []error) { panic("boom") }

type failing struct{}

func (failing) Lint(_ context.Context, f *parser.File) ([]rules.Finding, []error) {
	return nil, []error{errors.New(f.Path + ": rule X crashed")}
}

func TestLintKeepsGoing(t *testing.T) {
	targets := []discover.Target{
		{Path: "missing/Dockerfile"},
		{Path: "Dockerfile", Stdin: true},
		{Path: "bad", Err: errors.New("no such file or directory")},
	}
	var got []report.Result
	err := Lint(context.Background(), panicky{}, targets, strings.NewReader("FROM scratch\n"), func(r report.Result) { got = append(got, r) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d results, want 3", len(got))
	}
	if got[0].Linted() || len(got[0].Errors) != 1 || !strings.Contains(got[0].Errors[0].Error(), "cannot read file") {
		t.Errorf("missing file: %+v", got[0])
	}
	if len(got[1].Errors) != 1 || !strings.Contains(got[1].Errors[0].Error(), "internal error") {
		t.Errorf("panicking linter: %+v", got[1])
	}
	if got[2].Path != "bad" || len(got[2].Errors) != 1 {
		t.Errorf("target error: %+v", got[2])
	}

	r := LintSource(context.Background(), failing{}, "x/Dockerfile", []byte("FROM scratch\n"))
	if len(r.Errors) != 1 || r.Errors[0].Error() != "rule X crashed" {
		t.Errorf("errors %v: want the engine's error without the repeated path", r.Errors)
	}
}

// named reports one finding per file, from the linter's name, so a test can
// see which linter linted which file.
type named string

func (n named) Lint(_ context.Context, f *parser.File) ([]rules.Finding, []error) {
	return []rules.Finding{{Message: string(n)}}, nil
}

// Each target is linted by its own linter (its config's engine), and a
// target whose linter cannot be had gets that error, without being read.
func TestLintEachPicksTheLinterPerTarget(t *testing.T) {
	dir := t.TempDir()
	var targets []discover.Target
	for _, name := range []string{"a", "b", "c"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("FROM scratch\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		targets = append(targets, discover.Target{Path: p})
	}
	linters := []Linter{named("first"), nil, named("third")}
	var got []report.Result
	err := LintEach(context.Background(), func(i int) (Linter, error) {
		if linters[i] == nil {
			return nil, errors.New(".dflint.yaml:1:1: unknown key")
		}
		return linters[i], nil
	}, targets, nil, func(r report.Result) { got = append(got, r) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Findings[0].Message != "first" || got[2].Findings[0].Message != "third" {
		t.Fatalf("results %+v: want each file linted by its own linter", got)
	}
	if got[1].Linted() || len(got[1].Errors) != 1 || got[1].Errors[0].Error() != ".dflint.yaml:1:1: unknown key" {
		t.Errorf("target without a linter: %+v", got[1])
	}
}

// CheckSource refuses what Read refuses, for bytes that are not a file.
func TestCheckSource(t *testing.T) {
	atLimit := strings.Repeat("#\n", MaxFileSize/2)
	for _, c := range []struct {
		name, src, want string
	}{
		{"at the limit", atLimit, ""},
		{"one byte over", atLimit + "#", "over dflint's 1 MiB limit"},
		{"NUL", "FROM alpine\nRUN sh -c 'x\x00'\n", "NUL byte on line 2"},
		{"UTF-16", "\xff\xfeF\x00", "UTF-16"},
	} {
		err := CheckSource([]byte(c.src))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.want)
		}
	}
}

package rewrite_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// restructuringRules are the rules whose fixes change a stage's base image
// or layout (their fixes carry edit.Fix.Restructures).
var restructuringRules = []string{"DF104", "DF105", "DF106", "DF201", "DF202"}

// TestCorpusRestructureFirst checks the fix loop's promise on the real
// corpus, as a user runs it (`fix --unsafe-fixes --base-family F`): fixing
// everything at once gives the same file as fixing with the restructuring
// rules alone first and then with everything. A difference means a fix was
// computed for a base image or layout that another fix of the same round
// replaced.
func TestCorpusRestructureFirst(t *testing.T) {
	root := corpusDir(t)
	rels := corpusFiles(t, root)
	opts := rewrite.Options{Unsafe: true}
	for _, family := range []string{"chainguard", "distroless", "alpine"} {
		policy := rewrite.BasePolicy{Family: family}
		all, err := rules.NewEngine(rules.Options{BasePolicy: policy})
		if err != nil {
			t.Fatal(err)
		}
		first, err := rules.NewEngine(rules.Options{Select: restructuringRules, BasePolicy: policy})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var differ []string
		restructured := 0
		forEachFile(rels, func(rel string) {
			src, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				t.Error(err)
				return
			}
			ctx := context.Background()
			once, err1 := rewrite.Fix(ctx, all, rel, src, opts)
			step, err2 := rewrite.Fix(ctx, first, rel, src, opts)
			if err1 != nil || err2 != nil || !step.Changed() {
				return // not converging is TestCorpusFixes' business
			}
			then, err := rewrite.Fix(ctx, all, rel, step.Output, opts)
			if err != nil {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			restructured++
			if string(once.Output) != string(then.Output) {
				differ = append(differ, rel)
			}
		})
		t.Logf("%s: %d of %d files restructured, %d differ", family, restructured, len(rels), len(differ))
		for i, rel := range differ {
			if i == 10 {
				t.Errorf("%s: %d more", family, len(differ)-10)
				break
			}
			t.Errorf("%s: %s: fixing all at once differs from restructuring first (run `dflint fix --diff --unsafe-fixes --base-family %s` on it, then with --select %v first)", family, rel, family, restructuringRules)
		}
	}
}

// corpusFiles lists the corpus files under root, every fifth with -short.
func corpusFiles(t *testing.T, root string) []string {
	t.Helper()
	var rels []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			rels = append(rels, rel)
		}
		return nil
	})
	if testing.Short() {
		var some []string
		for i, r := range rels {
			if i%5 == 0 {
				some = append(some, r)
			}
		}
		rels = some
	}
	return rels
}

// forEachFile calls fn for every file, on every CPU.
func forEachFile(rels []string, fn func(rel string)) {
	next := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rel := range next {
				fn(rel)
			}
		}()
	}
	for _, rel := range rels {
		next <- rel
	}
	close(next)
	wg.Wait()
}

package rewrite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// factsRules check a stage against the image it runs on: no shell, a
// shell, user, package manager or package name the image does not have,
// a CMD its ENTRYPOINT would take as arguments.
var factsRules = []string{"DF601", "DF602", "DF603", "DF604", "DF605", "DF606", "DF607"}

// TestCorpusRewritesFitTheirImage fixes every corpus file as a user does
// (`fix --unsafe-fixes --base-family F`, every default rule) under each
// base family, and lints the output with the rules that check a stage
// against its image. A finding there that the input did not have is a
// rewrite that would not build or start on the image it names.
func TestCorpusRewritesFitTheirImage(t *testing.T) {
	root := corpusDir(t)
	rels := corpusFiles(t, root)
	check, err := rules.NewEngine(rules.Options{Select: factsRules})
	if err != nil {
		t.Fatal(err)
	}
	for _, family := range images.BaseFamilies {
		eng, err := rules.NewEngine(rules.Options{BasePolicy: rewrite.BasePolicy{Family: family}})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var bad []string
		perRule := map[string]int{}
		changed := 0
		forEachFile(rels, func(rel string) {
			src, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				t.Error(err)
				return
			}
			ctx := context.Background()
			res, err := rewrite.Fix(ctx, eng, rel, src, rewrite.Options{Unsafe: true})
			if err != nil || !res.Changed() {
				return
			}
			before := countByRule(ctx, check, rel, src)
			after := countByRule(ctx, check, rel, res.Output)
			mu.Lock()
			defer mu.Unlock()
			changed++
			for id, n := range after {
				if n > before[id] {
					perRule[id] += n - before[id]
					bad = append(bad, fmt.Sprintf("%s: %s: %d new %s", family, rel, n-before[id], id))
				}
			}
		})
		sort.Strings(bad)
		t.Logf("%s: %d files changed; new findings of the image rules: %v", family, changed, perRule)
		shown := map[string]int{} // up to 5 files per rule
		for _, b := range bad {
			id := b[strings.LastIndexByte(b, ' ')+1:]
			if shown[id]++; shown[id] > 5 {
				continue
			}
			t.Errorf("%s (run `dflint fix --unsafe-fixes --base-family %s` on it, then `dflint lint --select %s`)", b, family, strings.Join(factsRules, ","))
		}
	}
}

func countByRule(ctx context.Context, eng *rules.Engine, path string, src []byte) map[string]int {
	findings, _ := eng.Lint(ctx, parser.Parse(path, src))
	m := map[string]int{}
	for _, f := range findings {
		m[f.RuleID]++
	}
	return m
}

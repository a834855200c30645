package rewrite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// modernisationRules are the rewrites of issue 6: after `dflint fix
// --unsafe-fixes` a story has no finding of any of them left.
var modernisationRules = []string{"DF104", "DF105", "DF201", "DF202", "DF301"}

// TestStories fixes whole Dockerfiles the way a user runs `dflint fix
// --unsafe-fixes`: every default rule, BuildKit's checks included, with
// the base-image policy and date of <name>.options.json (the golden cases'
// format). The repository's testdata/stories/<name>.Dockerfile
// must give <name>.Dockerfile.golden (go test ./rewrite -update), keep the
// invariants of every fix (checkFix: converges, parses, a second run is a
// no-op), and leave no finding of the modernisation rules: the stories are
// the ones users come for, and every step of them must compose.
func TestStories(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("..", "testdata", "stories", "*.Dockerfile"))
	if len(cases) < 8 {
		t.Fatalf("want the eight stories (Flask on slim, Alpine from the full and the slim image, and Chainguard; Go under the default, slim, alpine and chainguard families), found %d", len(cases))
	}
	for _, path := range cases {
		name := strings.TrimSuffix(filepath.Base(path), ".Dockerfile")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			o, _, err := readGoldenOptions(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(o.Select) > 0 || o.Unsafe != nil {
				t.Fatalf("stories run the default rule set with unsafe fixes: %s.options.json may set only basePolicy and today", name)
			}
			ruleOpts, err := o.ruleOptions()
			if err != nil {
				t.Fatal(err)
			}
			eng, err := rules.NewEngine(ruleOpts)
			if err != nil {
				t.Fatal(err)
			}
			res, problems := checkFix(eng, filepath.Base(path), src, rewrite.Options{Unsafe: true})
			for _, p := range problems {
				t.Error(p)
			}
			if res == nil {
				return
			}
			for _, err := range res.Errs {
				t.Errorf("internal error: %v", err)
			}
			hardened := ruleOpts.BasePolicy.Family == "distroless" || ruleOpts.BasePolicy.Family == "chainguard"
			for _, fd := range res.Remaining {
				for _, id := range modernisationRules {
					// Without a hardened family DF105 only advises: it
					// rewrites when --base-family picks one.
					if fd.RuleID == id && (id != "DF105" || hardened) {
						t.Errorf("line %d: %s remains after dflint fix --unsafe-fixes: %s", fd.Line, id, fd.Message)
					}
				}
			}
			compareGolden(t, path+".golden", res.Output)
		})
	}
}

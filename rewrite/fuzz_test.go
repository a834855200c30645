package rewrite_test

import (
	"testing"
	"time"

	"github.com/dflint/dflint/internal/fuzzseed"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// FuzzFix fixes any input with every rule and unsafe fixes, and checks the
// invariants of ARCHITECTURE.md with the same checks as the golden and
// corpus tests: the loop settles without rolling back, the result parses,
// a second run changes nothing, CRLF, BOM and final newline are kept, and
// replaying the applied edits round by round gives the output while every
// instruction no edit touched, and the text between such instructions,
// keeps its bytes. BuildKit's checks are left out: they carry no fixes.
func FuzzFix(f *testing.F) {
	for _, s := range fuzzseed.Dockerfiles(f) {
		f.Add(s)
	}
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	eng, err := rules.NewEngine(rules.Options{Select: ids, NoBuildKit: true, Today: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, problems := checkFix(eng, "Dockerfile", src, rewrite.Options{Unsafe: true})
		if res != nil {
			for _, err := range res.Errs {
				problems = append(problems, "internal error: "+err.Error())
			}
			problems = append(problems, untouchedKept(res)...)
		}
		for _, p := range problems {
			t.Error(p)
		}
		if len(problems) > 0 {
			t.Logf("input: %q", src)
		}
	})
}

package rewrite_test

import (
	"bytes"
	"context"
	"fmt"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// checkFix fixes src and checks what every fix must keep (ARCHITECTURE.md,
// "Invariants"): the loop converges without rollbacks,
// the result parses, a second run changes nothing, CRLF input gives CRLF
// output, a BOM and a missing final newline stay as they were, and no
// finding of a rule whose fix was applied remains with a fix (a rule may
// report what it cannot fix next to what it fixed: callers that know the
// case decide about those, with leftovers). It returns the result
// (nil when Fix failed) and the invariants broken, so that golden tests can
// fail on each and the corpus test can count them.
func checkFix(l rewrite.Linter[rules.Finding], path string, src []byte, opts rewrite.Options) (*rewrite.Result[rules.Finding], []string) {
	ctx := context.Background()
	res, err := rewrite.Fix(ctx, l, path, src, opts)
	if err != nil {
		return nil, []string{err.Error()}
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	for _, rb := range res.RolledBack {
		bad("round %d rolled back: the fix of %v %s", rb.Round, rb.Rules, rb.Problem())
	}
	if !res.Changed() {
		return res, problems
	}
	out := res.Output
	if f := parser.Parse(path, out); f.Err != nil {
		bad("the fixed file does not parse: %v", f.Err)
	}
	again, err := rewrite.Fix(ctx, l, path, out, opts)
	switch {
	case err != nil:
		bad("second run: %v", err)
	case again.Changed():
		bad("second run is not a no-op: it applied %v:\n%s", again.AppliedByRule(), rewrite.UnifiedDiff(path, out, again.Output))
	}
	if allCRLF(src) && !allCRLF(out) {
		bad("CRLF input gave output with LF-only lines")
	}
	if bytes.HasPrefix(src, utf8BOM) != bytes.HasPrefix(out, utf8BOM) {
		bad("the byte order mark was added or removed")
	}
	if len(src) > 0 && len(out) > 0 && bytes.HasSuffix(src, []byte("\n")) != bytes.HasSuffix(out, []byte("\n")) {
		bad("the final newline was added or removed")
	}
	for _, fd := range leftovers(res) {
		if fd.Fix != nil && opts.Applies(fd.Fix.Applicability) {
			bad("line %d: %s remains, with a fix, after its fix was applied: %s", fd.Line, fd.RuleID, fd.Message)
		}
	}
	return res, problems
}

// leftovers are the remaining findings of rules whose fix was applied.
func leftovers(res *rewrite.Result[rules.Finding]) []rules.Finding {
	applied := res.AppliedByRule()
	var out []rules.Finding
	for _, fd := range res.Remaining {
		if applied[fd.RuleID] > 0 {
			out = append(out, fd)
		}
	}
	return out
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// allCRLF tells whether src has lines and every line terminator is CRLF.
func allCRLF(src []byte) bool {
	n := bytes.Count(src, []byte("\n"))
	return n > 0 && bytes.Count(src, []byte("\r\n")) == n
}

// engineFor builds the engine that the golden test of one rule uses: that
// rule alone, so that the golden file shows exactly its fix.
func engineFor(id string) (*rules.Engine, error) {
	return rules.NewEngine(rules.Options{Select: []string{id}, NoBuildKit: true})
}

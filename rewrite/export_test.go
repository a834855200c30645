package rewrite

// What the external tests (package rewrite_test) use of the package's
// internals. They are external because they lint with package rules, and
// rules imports rewrite.

import "github.com/dflint/dflint/internal/edit"

type PatchCase = patchCase

var CheckPatchesAppliesNamed = checkPatchesAppliesNamed

// Update is the -update flag (update_test.go): the external golden tests
// read it rather than define it again, which would panic.
var Update = update

// ApplyEdits is apply: the edits without the validity check of Apply.
func ApplyEdits(src []byte, edits []edit.Edit) []byte { return apply(src, edits) }

// Choose is the choice of one round's fixes.
func Choose[F Finding](findings []F, size int, opts Options, left map[string]bool) (chosen, bad []Proposal) {
	return choose(findings, size, opts, left)
}

// Applies tells whether opts apply a fix of applicability a.
func (o Options) Applies(a edit.Applicability) bool { return o.applies(a) }

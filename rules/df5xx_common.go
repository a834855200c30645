package rules

// Helpers shared by the DF5xx instruction rules: where an instruction runs
// (Windows or not), what its variables expand to, and how its argument words
// map back to the file.

import (
	"iter"

	"github.com/dflint/dflint/parser"
)

// instructionsWithTriggers yields the top-level instructions and, for each
// ONBUILD, its trigger, in file order. (Most rules walk these lists: an
// iterator builds none.)
func instructionsWithTriggers(f *parser.File) iter.Seq[*parser.Instruction] {
	return func(yield func(*parser.Instruction) bool) {
		for _, in := range f.Instructions {
			if !yield(in) || in.Trigger != nil && !yield(in.Trigger) {
				return
			}
		}
	}
}

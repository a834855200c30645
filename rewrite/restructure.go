package rewrite

import (
	"slices"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
)

// StagesOn returns the byte ranges of every stage built on s (s included,
// and the stages built on those): what a fix that changes s's base image
// or structure restructures (edit.Fix.Restructures). A fix computed for
// one of them before the change would land on another image.
//
// It follows the stages built on each (parser.File.BuiltOn) rather than
// every stage's chain: fixes ask it once per stage, and a scan of the
// whole file each time would be quadratic in the number of stages.
func StagesOn(f *parser.File, s *parser.Stage) []edit.Range {
	on := []*parser.Stage{s}
	for i := 0; i < len(on); i++ {
		on = append(on, f.BuiltOn(on[i])...)
	}
	f.CountWork(len(on))
	slices.SortFunc(on, func(a, b *parser.Stage) int { return a.Index - b.Index })
	out := make([]edit.Range, len(on))
	for i, st := range on {
		out[i] = stageRange(f, st)
	}
	return out
}

// stageRange is a stage's bytes, from its FROM to the next stage's FROM or
// the end of the file: an instruction appended to the stage lands after
// its last instruction's line end.
func stageRange(f *parser.File, s *parser.Stage) edit.Range {
	end := len(f.Source)
	if s.Index+1 < len(f.Stages) {
		end = f.Stages[s.Index+1].From.Start
	}
	return edit.Range{Start: s.From.Start, End: end}
}

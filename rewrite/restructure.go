package rewrite

import (
	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
)

// StagesOn returns the byte ranges of every stage built on s (s included,
// and the stages built on those): what a fix that changes s's base image
// or structure restructures (edit.Fix.Restructures). A fix computed for
// one of them before the change would land on another image.
func StagesOn(f *parser.File, s *parser.Stage) []edit.Range {
	var out []edit.Range
	for _, st := range f.Stages {
		for _, c := range st.Chain() {
			if c == s {
				out = append(out, stageRange(f, st))
				break
			}
		}
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

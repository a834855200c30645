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
				out = append(out, stageRange(st))
				break
			}
		}
	}
	return out
}

// stageRange is a stage's bytes, from its FROM to the end of its last
// instruction.
func stageRange(s *parser.Stage) edit.Range {
	last := s.Instructions[len(s.Instructions)-1]
	return edit.Range{Start: s.From.Start, End: last.End}
}

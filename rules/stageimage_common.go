package rules

import "github.com/dflint/dflint/parser"

// stagesInImage tells for each stage whether its files can end up in the
// image the build outputs: it is the final stage, or a stage built FROM it
// is in the image. A build stage that only hands files to COPY --from,
// and the stages only such stages are built on, are not: a cache they leave
// is thrown away with them. (stageEndsInImage, DF403's, stops at the first
// stage built on it.) One pass from the last stage back: a stage is only
// ever built on by later ones.
func stagesInImage(f *parser.File) map[*parser.Stage]bool {
	return parser.FileMemo(f, stagesInImageKey{}, computeStagesInImage)
}

type stagesInImageKey struct{}

func computeStagesInImage(f *parser.File) map[*parser.Stage]bool {
	in := make(map[*parser.Stage]bool, len(f.Stages))
	for i := len(f.Stages) - 1; i >= 0; i-- {
		s := f.Stages[i]
		in[s] = s.IsFinal
		for _, child := range f.BuiltOn(s) {
			if in[child] {
				in[s] = true
				break
			}
		}
	}
	return in
}

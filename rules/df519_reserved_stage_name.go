package rules

import (
	"fmt"

	"github.com/dflint/dflint/internal/shellcmd"
)

// reservedStageNames are the names BuildKit keeps for itself: `scratch` is
// the empty image and `context` the build context (COPY --from=context).
var reservedStageNames = map[string]bool{"scratch": true, "context": true}

var _ = register(&Rule{
	ID:       "DF519",
	Name:     "reserved-stage-name",
	Severity: Error,
	Summary:  "Stage named `scratch` or `context`",
	Aliases:  []string{"DL3063", "ReservedStageName"},
	Check:    checkReservedStageName,
})

func checkReservedStageName(p *Pass) {
	for _, s := range p.File.Stages {
		if !reservedStageNames[s.Name] {
			continue
		}
		start, end := s.From.Start, s.From.End
		if ws := shellcmd.ArgWords(s.From); len(ws) > 0 {
			start, end = ws[len(ws)-1].Start, ws[len(ws)-1].End
		}
		p.Report(start, end, fmt.Sprintf("stage name %q is reserved by BuildKit: rename the stage", s.Name), nil)
	}
}

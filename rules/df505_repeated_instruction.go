package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF505",
	Name:       "repeated-instruction",
	Severity:   Warning,
	Summary:    "More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage",
	Aliases:    []string{"DL4003", "DL4004", "DL3012", "MultipleInstructionsDisallowed"},
	Fix:        Safe,
	FixSummary: "delete the CMD, ENTRYPOINT or HEALTHCHECK lines that have no effect",
	Check:      checkRepeatedInstruction,
})

func checkRepeatedInstruction(p *Pass) {
	f := p.File
	for _, s := range f.Stages {
		last := map[string]*parser.Instruction{}
		for _, in := range s.Instructions {
			switch in.Name {
			case "cmd", "entrypoint", "healthcheck":
				last[in.Name] = in
			}
		}
		for _, in := range s.Instructions {
			l := last[in.Name]
			if l == nil || l == in {
				continue
			}
			kw := strings.ToUpper(in.Name)
			start, end := f.LinesRange(in.StartLine, in.EndLine)
			fix := &Fix{
				Title:         fmt.Sprintf("Delete this %s: the one on line %d replaces it", kw, l.StartLine),
				Applicability: Safe,
				Edits:         []Edit{{Start: start, End: end}},
			}
			msg := fmt.Sprintf("this %s has no effect: the %s on line %d in the same stage replaces it", kw, kw, l.StartLine)
			p.ReportInstruction(in, msg, fix)
		}
	}
}

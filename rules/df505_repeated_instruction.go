package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF505",
	Name:     "repeated-instruction",
	Severity: Warning,
	Summary:  "More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage",
	Aliases:  []string{"DL4003", "DL4004", "DL3012", "MultipleInstructionsDisallowed"},
	// hadolint has one code per instruction; BuildKit's check covers all three.
	Parts:      [][]string{{"DL4003"}, {"DL4004"}, {"DL3012"}},
	Fix:        Safe,
	FixSummary: "delete the CMD, ENTRYPOINT or HEALTHCHECK lines that have no effect",
	Check:      checkRepeatedInstruction,
})

// repeatedInstructionCodes are hadolint's codes for each instruction that
// DF505 reports (hadolint's src/Hadolint/Rule/DL4003.hs, DL4004.hs,
// DL3012.hs, read 2026-12-07).
var repeatedInstructionCodes = map[string]string{
	"cmd":         "DL4003",
	"entrypoint":  "DL4004",
	"healthcheck": "DL3012",
}

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
			p.ReportPart(repeatedInstructionCodes[in.Name], in.Start, in.End, msg, fix)
		}
	}
}

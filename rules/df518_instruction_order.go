package rules

import (
	"fmt"
	"strings"
)

var _ = register(&Rule{
	ID:       "DF518",
	Name:     "instruction-order",
	Severity: Error,
	Summary:  "An instruction other than ARG before the first FROM",
	Aliases:  []string{"DL3061"},
	Check:    checkInstructionOrder,
})

func checkInstructionOrder(p *Pass) {
	for _, in := range p.File.Instructions {
		if in.Name == "from" {
			return
		}
		if in.Name == "arg" {
			continue
		}
		p.ReportInstruction(in, fmt.Sprintf("%s before the first FROM: only ARG may come before FROM", strings.ToUpper(in.Name)), nil)
	}
}

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
	Description: `A Dockerfile starts with ` + "`FROM`" + `, optionally after parser directives, comments and
global ` + "`ARG`" + `s (which may only be used in ` + "`FROM`" + ` lines). Any other instruction before the
first ` + "`FROM`" + ` belongs to no stage, and BuildKit refuses to build the file ("no build stage
in current context").

Each such instruction is reported, as hadolint's DL3061 does; so is every instruction of a file
without ` + "`FROM`" + `.`,
	Bad:     "ENV APP=/app\nFROM alpine:3.20\n",
	Good:    "ARG ALPINE=3.20\nFROM alpine:${ALPINE}\nENV APP=/app\n",
	Aliases: []string{"DL3061"},
	Check:   checkInstructionOrder,
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

package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// DF003 reports the ARG and ENV values that dflint does not expand because
// they go past parser.Expander's limits. Their values are unknown to every
// other rule, which then say nothing about what reads them; without this
// finding that silence would look like a clean file.
const expansionLimitID = "DF003"

var _ = register(&Rule{
	ID:       expansionLimitID,
	Name:     "expansion-limit",
	Severity: Error,
	Summary:  "an ARG or ENV value that expands past 64 KiB, or past 1 MiB of expansion in the file",
	Check:    checkExpansionLimit,
})

func checkExpansionLimit(p *Pass) {
	past := append(append([]parser.ExpansionPastLimit(nil), p.File.ExpansionPastLimit...), shellcmd.ExpansionsPastLimit(p.File)...)
	for _, e := range past {
		in := e.Instruction
		p.ReportInstruction(in, fmt.Sprintf(
			"the value of `%s` expands past dflint's limit (%d KiB for one value, %d KiB for the whole file): "+
				"dflint treats it as unknown and checks nothing that reads it, and BuildKit, which has no limit, "+
				"may run out of memory building it; write the value out instead of building it from other variables",
			e.Name, parser.MaxExpandedLen>>10, parser.MaxExpansionWork>>10), nil)
	}
}

// reportWordsPastLimit reports the words of other instructions that rules
// asked to expand and that went past the limit. They are known only once
// the rules have run: the engine calls it after them.
func reportWordsPastLimit(p *Pass) {
	for _, e := range shellcmd.WordsPastLimit(p.File) {
		p.ReportInstruction(e.Instruction, fmt.Sprintf(
			"`%s` expands past dflint's limit (%d KiB for one value, %d KiB for the words of the whole file): "+
				"dflint treats it as unknown and checks nothing that depends on it; use shorter values, or fewer variables that repeat them",
			shortWord(e.Word), parser.MaxExpandedLen>>10, parser.MaxExpansionWork>>10), nil)
	}
}

// shortWord cuts a word for a message: it may be as long as a line.
func shortWord(w string) string {
	const max = 60
	if len(w) <= max {
		return w
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(w[cut]) {
		cut--
	}
	return w[:cut] + "…"
}

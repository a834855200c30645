package rules

import (
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF503",
	Name:     "cd-in-run",
	Severity: Warning,
	Summary:  "`cd` in RUN instead of WORKDIR",
	Aliases:  []string{"DL3003", "DS-0013"},
	Check:    checkCdInRun,
})

func checkCdInRun(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Name != "run" || in.Trigger != nil {
			continue
		}
		if cd := firstCall(in, "cd"); cd != nil {
			p.Report(cd.Start(), cd.End(), "use WORKDIR to switch to a directory instead of `cd` in RUN", nil)
		}
	}
}

// firstCall returns the instruction's first simple command with this name.
func firstCall(in *parser.Instruction, name string) *parser.Call {
	for _, c := range in.Calls() {
		if c.Name() == name {
			return c
		}
	}
	return nil
}

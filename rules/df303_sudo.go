package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF303",
	Name:     "sudo",
	Severity: Error,
	Summary:  "`sudo` in RUN",
	Aliases:  []string{"DL3004", "DS-0010"},
	Check:    checkSudo,
})

func checkSudo(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		if shellcmd.IsWindowsInstruction(in) {
			continue
		}
		if c := firstCall(in, "sudo"); c != nil {
			p.Report(c.Args[0].Start, c.Args[0].End, "do not use sudo in RUN: switch users with `USER root` before the step and back to the unprivileged user after it", nil)
		}
	}
}

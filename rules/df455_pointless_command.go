package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF455",
	Name:     "pointless-command",
	Severity: Info,
	Summary:  "a RUN runs an interactive or system command that does nothing in a build",
	Aliases:  []string{"DL3001"},
	Check:    checkPointlessCommand,
})

var pointlessCommands = shellcmd.Set("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig")

func checkPointlessCommand(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if n := c.Name(); pointlessCommands[n] {
				p.Report(c.Call.Start(), c.Call.End(), "`"+n+"` has no use in a build step: nothing runs, and there is no terminal", nil)
			}
		}
	}
}

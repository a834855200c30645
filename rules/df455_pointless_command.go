package rules

var _ = register(&Rule{
	ID:       "DF455",
	Name:     "pointless-command",
	Severity: Info,
	Summary:  "a RUN runs an interactive or system command that does nothing in a build",
	Aliases:  []string{"DL3001"},
	Check:    checkPointlessCommand,
})

var pointlessCommands = set("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig")

func checkPointlessCommand(p *Pass) {
	for in := range linuxRuns(p.File) {
		for _, c := range commandsIn(in) {
			if n := c.Name(); pointlessCommands[n] {
				p.Report(c.Call.Start(), c.Call.End(), "`"+n+"` has no use in a build step: nothing runs, and there is no terminal", nil)
			}
		}
	}
}

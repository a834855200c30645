package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF455",
	Name:     "pointless-command",
	Severity: Info,
	Summary:  "a RUN runs an interactive or system command that does nothing in a build",
	Description: `A RUN step builds a file system; there is no running system, no user and no
terminal. Commands for a live machine do nothing useful there: ` + "`ssh`" + `, ` + "`vim`" + `,
` + "`shutdown`" + `, ` + "`service`" + ` (the service does not keep running into the image), ` + "`ps`" + `,
` + "`free`" + `, ` + "`top`" + `, ` + "`kill`" + `, ` + "`mount`" + ` and ` + "`ifconfig`" + `. Start services from the
container's command, configure them with files, and install editors only in development images.

Reported, as in hadolint (plus ` + "`ifconfig`" + `): a command with one of those names in a RUN or
ONBUILD RUN (through wrappers, inside ` + "`sh -c '…'`" + ` and heredoc scripts); a name only looked
up (` + "`command -v ps`" + `) or given as an argument (` + "`apt-get install -y vim`" + `) is not. Windows
stages are not checked.`,
	Bad:     "FROM debian:12\nRUN service nginx start\n",
	Good:    "FROM debian:12\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
	Aliases: []string{"DL3001"},
	Check:   checkPointlessCommand,
})

var pointlessCommands = shellcmd.Set("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig")

func checkPointlessCommand(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		for _, c := range shellcmd.CommandsIn(in) {
			if n := c.Name(); pointlessCommands[n] {
				p.Report(c.Call.Start(), c.Call.End(), "`"+n+"` has no use in a build step: nothing runs, and there is no terminal", nil)
			}
		}
	}
}

package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF303",
	Name:     "sudo",
	Severity: Error,
	Summary:  "`sudo` in RUN",
	Description: `A ` + "`RUN`" + ` already runs as the stage's current ` + "`USER`" + `. ` + "`sudo`" + ` in it either
does nothing (the user is root), or needs a sudoers entry that lets the image's user become root
at any time, which defeats running as a non-root user; its TTY and environment handling also
makes builds behave differently from a shell. Switch users with ` + "`USER root`" + ` before the
steps that need root and ` + "`USER app`" + ` after them, or use ` + "`gosu`" + `/` + "`su-exec`" + ` in an
entrypoint when a running container must drop privileges.

Like hadolint's DL3004, every command named ` + "`sudo`" + ` that a RUN runs counts, also inside
` + "`sh -c '…'`" + ` and heredoc scripts and ` + "`ONBUILD RUN`" + ` triggers; one finding per RUN, at its
first ` + "`sudo`" + `. Installing the package (` + "`apt-get install sudo`" + `) is not reported. Windows
stages are skipped.`,
	Bad:     "FROM debian:12\nUSER app\nRUN sudo apt-get update\n",
	Good:    "FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n",
	Aliases: []string{"DL3004", "DS-0010"},
	Check:   checkSudo,
})

func checkSudo(p *Pass) {
	for in := range shellcmd.RunInstructions(p.File) {
		if shellcmd.IsWindowsInstruction(in) {
			continue
		}
		if c := firstCall(in, "sudo"); c != nil {
			p.Report(c.Args[0].Start, c.Args[0].End, "do not use sudo in RUN: switch users with `USER root` before the step and back to the unprivileged user after it", nil)
		}
	}
}

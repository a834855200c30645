package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF307",
	Name:     "exposes-ssh",
	Severity: Warning,
	Summary:  "`EXPOSE 22`: an SSH server in the container",
	Description: `Exposing port 22 means the container runs an SSH server: one more daemon with keys to
manage, a login path that bypasses the orchestrator's access control, and usually a sign that the
container is treated like a virtual machine. Use ` + "`docker exec`" + ` / ` + "`kubectl exec`" + ` to get
a shell, and ` + "`docker cp`" + ` or volumes to move files.

Reported for every ` + "`EXPOSE`" + ` (and ` + "`ONBUILD EXPOSE`" + `) of port 22, with any protocol
(` + "`22`" + `, ` + "`22/tcp`" + `), also through a variable whose value the Dockerfile sets
(` + "`ARG SSH_PORT=22`" + `). Port ranges (` + "`EXPOSE 20-30`" + `) are not reported.`,
	Bad:     "FROM debian:12\nEXPOSE 22\n",
	Good:    "FROM debian:12\nEXPOSE 8080\n",
	Aliases: []string{"DS-0004", "CKV_DOCKER_1"},
	Check:   checkExposesSSH,
})

func checkExposesSSH(p *Pass) {
	for in := range instructionsWithTriggers(p.File) {
		if in.Name != "expose" {
			continue
		}
		for _, w := range shellcmd.ArgWords(in) {
			expanded, ok := shellcmd.ExpandWord(in, w.Text)
			if !ok {
				continue
			}
			for _, spec := range strings.Fields(shellcmd.Unquote(expanded)) {
				_, _, container := splitExposeParts(spec)
				port, _, _ := strings.Cut(container, "/")
				if port == "22" {
					p.Report(w.Start, w.End, "port 22 is exposed: do not run an SSH server in the container; use `docker exec` or `kubectl exec` for a shell", nil)
					break
				}
			}
		}
	}
}

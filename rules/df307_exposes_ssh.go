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
	Aliases:  []string{"DS-0004", "CKV_DOCKER_1"},
	Check:    checkExposesSSH,
})

func checkExposesSSH(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
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

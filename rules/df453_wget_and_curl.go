package rules

import (
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF453",
	Name:     "wget-and-curl",
	Severity: Info,
	Summary:  "both `wget` and `curl` used in one stage",
	Description: `` + "`wget`" + ` and ` + "`curl`" + ` do the same job. A stage that uses both needs both installed,
which costs image size and doubles the tools to keep patched. Pick one (` + "`curl -fsSL`" + ` or
` + "`wget -qO-`" + `) and use it throughout the stage.

Reported, as in hadolint: the first RUN (or ONBUILD RUN) of a stage that runs ` + "`curl`" + ` when an
earlier command of the stage ran ` + "`wget`" + `, or the other way round (through wrappers, inside
` + "`sh -c '…'`" + ` and heredoc scripts), at the command that completes the pair. Each stage is
judged on its own. Windows stages are not checked.`,
	Bad:     "FROM debian:12\nRUN wget -q https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n",
	Good:    "FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n",
	Aliases: []string{"DL4001"},
	Check:   checkWgetAndCurl,
})

func checkWgetAndCurl(p *Pass) {
	seen := map[*parser.Stage]map[string]bool{}
	done := map[*parser.Stage]bool{}
	for in := range shellcmd.LinuxRuns(p.File) {
		st := in.Stage
		if done[st] {
			continue
		}
		if seen[st] == nil {
			seen[st] = map[string]bool{}
		}
		for _, c := range shellcmd.CommandsIn(in) {
			n := c.Name()
			if n != "curl" && n != "wget" {
				continue
			}
			seen[st][n] = true
			if seen[st]["curl"] && seen[st]["wget"] {
				p.Report(c.Call.Start(), c.Call.End(), "this stage uses both `wget` and `curl`: keep one of them for every download", nil)
				done[st] = true
				break
			}
		}
	}
}

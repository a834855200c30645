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
	Aliases:  []string{"DL4001"},
	Check:    checkWgetAndCurl,
})

func checkWgetAndCurl(p *Pass) {
	seen := map[*parser.Stage]map[string]bool{}
	done := map[*parser.Stage]bool{}
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
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

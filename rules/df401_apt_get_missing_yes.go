package rules

import (
	"strconv"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF401",
	Name:     "apt-get-missing-yes",
	Severity: Warning,
	Summary:  "`apt-get install` without `-y`",
	Description: `A build has no terminal: ` + "`apt-get install`" + ` asks "Do you want to continue?",
reads end-of-file and aborts as soon as the packages need more disk space or pull in
dependencies. ` + "`DEBIAN_FRONTEND=noninteractive`" + ` does not answer that question; ` + "`-y`" + ` does.

Reported: ` + "`apt-get install`" + ` and ` + "`apt install`" + ` (options before or after
` + "`install`" + `, behind ` + "`sudo`" + `, ` + "`env`" + ` and similar wrappers, inside ` + "`sh -c '…'`" + `
and heredoc scripts, in ONBUILD triggers) with none of ` + "`-y`" + `, ` + "`--yes`" + `,
` + "`--assume-yes`" + `, a combined ` + "`-qy`" + `, quiet level 2 (` + "`-qq`" + `, ` + "`-q=2`" + `,
` + "`--quiet=2`" + `, which implies yes) or ` + "`-o APT::Get::Assume-Yes=true`" + `. ` + "`--force-yes`" + `
does not count: it overrides safety checks, not the prompt. One finding per command.

The fix inserts ` + "` -y`" + ` after ` + "`install`" + `. Windows stages are not checked.`,
	Bad:        "FROM debian:12\nRUN apt-get update && apt-get install curl\n",
	Good:       "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
	Aliases:    []string{"DL3014", "DS-0021"},
	Fix:        Safe,
	FixSummary: "insert `-y` after `install`",
	Check:      checkAptGetMissingYes,
})

func checkAptGetMissingYes(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := shellcmd.AptInstall(c)
			if !ok || aptAssumesYes(c) {
				continue
			}
			at := c.WordEnd(sub)
			p.Report(c.Call.Start(), c.Call.End(), "`"+c.Name()+" install` without `-y` aborts at its confirmation prompt: add `-y`",
				&Fix{Title: "Add -y", Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: " -y"}}})
		}
	}
}

// aptAssumesYes tells whether an apt command answers its prompts itself.
func aptAssumesYes(c *shellcmd.Command) bool {
	opts, _ := c.Options(&shellcmd.AptSpec)
	quiet := 0
	for _, o := range opts {
		switch o.Name {
		case "-y", "--yes", "--assume-yes":
			return true
		case "-q", "--quiet":
			if o.HasValue {
				quiet, _ = strconv.Atoi(o.Value)
			} else {
				quiet++
			}
		}
	}
	if quiet >= 2 {
		return true
	}
	v, ok := shellcmd.AptConfig(c, "APT::Get::Assume-Yes")
	return ok && shellcmd.AptTrue(v)
}

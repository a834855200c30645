package rules

import (
	"strconv"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:         "DF401",
	Name:       "apt-get-missing-yes",
	Severity:   Warning,
	Summary:    "`apt-get install` without `-y`",
	Aliases:    []string{"DL3014", "DS-0021"},
	Fix:        Safe,
	FixSummary: "insert `-y` after `install`",
	Check:      checkAptGetMissingYes,
})

func checkAptGetMissingYes(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
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

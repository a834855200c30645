package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF444",
	Name:     "zypper-dist-upgrade",
	Severity: Warning,
	Summary:  "`zypper dist-upgrade` in a RUN",
	Aliases:  []string{"DL3035"},
	Check:    checkZypperDistUpgrade,
})

func checkZypperDistUpgrade(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "zypper" {
				continue
			}
			i, sub, ok := c.Subcommand(&shellcmd.ZypperSpec)
			if !ok || sub != "dist-upgrade" && sub != "dup" {
				continue
			}
			dry := false
			for _, w := range c.Args[i+1:] {
				if w.Value == "--dry-run" || w.Value == "-D" {
					dry = true
				}
			}
			if !dry {
				p.Report(c.Call.Start(), c.Call.End(), "`zypper "+sub+"` upgrades the whole distribution at build time: use a newer base image", nil)
			}
		}
	}
}

package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF404",
	Name:     "apt-upgrade",
	Severity: Info,
	Summary:  "`apt-get upgrade` or `dist-upgrade` in a RUN",
	Aliases:  []string{"DL3005"},
	Check:    checkAptUpgrade,
})

func checkAptUpgrade(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if n := c.Name(); n != "apt-get" && n != "apt" {
				continue
			}
			_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
			if !ok {
				continue
			}
			switch sub {
			case "upgrade", "dist-upgrade", "full-upgrade":
			default:
				continue
			}
			if c.HasOption(&shellcmd.AptSpec, "-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act") {
				continue
			}
			p.Report(c.Call.Start(), c.Call.End(), "`"+c.Name()+" "+sub+"` makes the image depend on the day it is built: use a newer base image, or upgrade named packages", nil)
		}
	}
}

package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF404",
	Name:     "apt-upgrade",
	Severity: Info,
	Summary:  "`apt-get upgrade` or `dist-upgrade` in a RUN",
	Description: `Upgrading every package of the base image inside a build makes the image depend on
the day it was built: two builds of the same Dockerfile get different packages, and the layer
holds a second copy of everything that changed. Security updates belong in the base image:
pull a newer tag (or digest) of it, or upgrade the few packages you need by name
(` + "`apt-get install --only-upgrade openssl`" + `).

Reported: ` + "`apt-get upgrade`" + `, ` + "`apt-get dist-upgrade`" + `, ` + "`apt upgrade`" + `,
` + "`apt full-upgrade`" + ` and ` + "`apt dist-upgrade`" + ` (behind wrappers, inside ` + "`sh -c '…'`" + ` and
heredoc scripts, in ONBUILD triggers), except simulations (` + "`-s`" + `, ` + "`--dry-run`" + `, …).
Windows stages are not checked.`,
	Bad:     "FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get install -y curl\n",
	Good:    "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
	Aliases: []string{"DL3005"},
	Check:   checkAptUpgrade,
})

func checkAptUpgrade(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
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

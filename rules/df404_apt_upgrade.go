package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

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
			idx, sub, ok := c.Subcommand(&shellcmd.AptSpec)
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
			p.Report(c.Call.Start(), c.Call.End(), aptUpgradeMessage(p.File.Source, c.Name(), sub, c.OperandsAfter(&shellcmd.AptSpec, idx)), nil)
		}
	}
}

// aptUpgradeMessage tells what to do instead. With package names, the
// command still upgrades every installed package (apt-get(8): upgrade
// "is used to install the newest versions of all packages currently
// installed"; the names are installed on top): `install --only-upgrade`
// upgrades only those.
func aptUpgradeMessage(src []byte, name, sub string, pkgs []parser.Word) string {
	if len(pkgs) == 0 {
		return "`" + name + " " + sub + "` makes the image depend on the day it is built: use a newer base image, or upgrade the packages you need by name with `" + name + " install --only-upgrade PKG`"
	}
	names := make([]string, len(pkgs))
	for i, w := range pkgs {
		names[i] = string(src[w.Start:w.End])
	}
	list := strings.Join(names, " ")
	return "`" + name + " " + sub + " " + list + "` upgrades every installed package, not only " + list + ": to upgrade just those, use `" + name + " install --only-upgrade " + list + "`"
}

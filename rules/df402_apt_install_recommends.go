package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF402",
	Name:     "apt-install-recommends",
	Severity: Info,
	Summary:  "`apt-get install` without `--no-install-recommends`",
	Description: `By default apt also installs the packages that the requested ones merely recommend:
documentation, optional tools, sometimes a whole desktop stack. In an image they cost space and
add attack surface. ` + "`--no-install-recommends`" + ` installs what the packages depend on and
nothing more; name the extras you need.

Reported: ` + "`apt-get install`" + ` and ` + "`apt install`" + ` (through wrappers, inside
` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD triggers) with neither
` + "`--no-install-recommends`" + ` nor ` + "`-o APT::Install-Recommends=false`" + `. One finding per
command.

The fix inserts ` + "` --no-install-recommends`" + ` after ` + "`install`" + `. It is unsafe: a program
may need a package that was only recommended, and the image changes. Windows stages are not checked.`,
	Bad:        "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
	Good:       "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
	Aliases:    []string{"DL3015", "DS-0029"},
	Fix:        Unsafe,
	FixSummary: "insert `--no-install-recommends` after `install`",
	Check:      checkAptInstallRecommends,
})

func checkAptInstallRecommends(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := shellcmd.AptInstall(c)
			if !ok || aptSkipsRecommends(c) {
				continue
			}
			at := c.WordEnd(sub)
			p.Report(c.Call.Start(), c.Call.End(), "`"+c.Name()+" install` also installs recommended packages: add `--no-install-recommends` and name the ones you need",
				&Fix{Title: "Add --no-install-recommends", Applicability: Unsafe, Edits: []Edit{{Start: at, End: at, NewText: " --no-install-recommends"}}})
		}
	}
}

// aptSkipsRecommends tells whether an apt command leaves recommended
// packages out.
func aptSkipsRecommends(c *shellcmd.Command) bool {
	opts, _ := c.Options(&shellcmd.AptSpec)
	for _, o := range opts {
		if o.Name == "--no-install-recommends" || o.Name == "--install-recommends" && o.HasValue && !shellcmd.AptTrue(o.Value) {
			return true
		}
	}
	v, ok := shellcmd.AptConfig(c, "APT::Install-Recommends")
	return ok && !shellcmd.AptTrue(strings.TrimSpace(v))
}

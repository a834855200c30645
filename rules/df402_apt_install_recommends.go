package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:         "DF402",
	Name:       "apt-install-recommends",
	Severity:   Info,
	Summary:    "`apt-get install` without `--no-install-recommends`",
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

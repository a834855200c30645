package rules

import "strings"

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
	for in := range linuxRuns(p.File) {
		for _, c := range commandsIn(in) {
			sub, ok := aptInstall(c)
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
func aptSkipsRecommends(c *shellCmd) bool {
	opts, _ := c.Options(&aptSpec)
	for _, o := range opts {
		if o.Name == "--no-install-recommends" || o.Name == "--install-recommends" && o.HasValue && !aptTrue(o.Value) {
			return true
		}
	}
	v, ok := aptConfig(c, "APT::Install-Recommends")
	return ok && !aptTrue(strings.TrimSpace(v))
}

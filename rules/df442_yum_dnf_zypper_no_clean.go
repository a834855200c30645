package rules

import (
	"path"
	"strings"
)

var _ = register(&Rule{
	ID:         "DF442",
	Name:       "yum-dnf-zypper-no-clean",
	Severity:   Info,
	Summary:    "yum, dnf, microdnf or zypper install without `clean all` in the same RUN",
	Aliases:    []string{"DL3032", "DL3040", "DL3036"},
	Fix:        Safe,
	FixSummary: "append `&& yum/dnf/microdnf clean all` or `&& zypper clean --all`",
	Check:      checkRpmNoClean,
})

func checkRpmNoClean(p *Pass) {
	for in := range linuxRuns(p.File) {
		if in.Parent == nil && !stageEndsInImage(in.Stage) {
			continue
		}
		first := map[string]*shellCmd{}
		last := map[string]*shellCmd{}
		cleaned := map[string]bool{
			"yum":    hasCacheMount(in, "/var/cache/yum", "/var/cache/dnf"),
			"zypper": hasCacheMount(in, "/var/cache/zypp"),
		}
		for _, c := range commandsIn(in) {
			if _, ok := rpmInstall(c); ok {
				fam := rpmFamily(c)
				if first[fam] == nil {
					first[fam] = c
				}
				last[fam] = c
			}
			if fam := rpmCleans(c); fam != "" {
				cleaned[fam] = true
			}
		}
		for _, fam := range []string{"yum", "zypper"} {
			c := first[fam]
			if c == nil || cleaned[fam] {
				continue
			}
			l := last[fam]
			cmd := l.Args[0].Value + " clean all"
			if fam == "zypper" {
				cmd = l.Args[0].Value + " clean --all"
			}
			if path.Base(l.Call.Args[0].Value) == "sudo" {
				cmd = "sudo " + cmd
			}
			var fix *Fix
			if e, ok := appendCommand(scriptOfCall(l.Call), cmd); ok {
				fix = &Fix{Title: "Clean the " + c.Name() + " cache at the end of the RUN", Applicability: Safe, Edits: []Edit{e}}
			}
			p.Report(c.Call.Start(), c.Call.End(), "the "+c.Name()+" cache stays in the image: end this RUN with `"+cmd+"`", fix)
		}
	}
}

// rpmCleans returns the family whose cache a command cleans: `yum clean
// all`, `zypper clean`, `rm -rf /var/cache/dnf`; "" for none.
func rpmCleans(c *shellCmd) string {
	switch fam := rpmFamily(c); fam {
	case "yum":
		i, sub, ok := c.Subcommand(&rpmYumSpec)
		if ok && sub == "clean" {
			for _, w := range c.Args[i+1:] {
				if w.Value == "all" {
					return fam
				}
			}
		}
		return ""
	case "zypper":
		_, sub, ok := c.Subcommand(&zypperSpec)
		if ok && (sub == "clean" || sub == "cc") {
			return fam
		}
		return ""
	}
	if c.Name() != "rm" {
		return ""
	}
	_, operands := c.Options(&noValueOptions)
	for _, i := range operands {
		for _, x := range expandBraces(c.Args[i].Value) {
			x = strings.TrimSuffix(strings.TrimRight(x, "/"), "/*")
			switch x {
			case "/var/cache/yum", "/var/cache/dnf", "/var/cache":
				return "yum"
			case "/var/cache/zypp":
				return "zypper"
			}
		}
	}
	return ""
}

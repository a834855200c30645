package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:         "DF442",
	Name:       "yum-dnf-zypper-no-clean",
	Severity:   Info,
	Summary:    "yum, dnf, microdnf or zypper install without `clean all` in the same RUN",
	Aliases:    []string{"DL3032", "DL3040", "DL3036"},
	Parts:      rpmParts(rpmNoClean),
	Fix:        Safe,
	FixSummary: "append `&& yum/dnf/microdnf clean all` or `&& zypper clean --all`",
	Check:      checkRpmNoClean,
})

func checkRpmNoClean(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		if in.Parent == nil && !stageEndsInImage(in.Stage) {
			continue
		}
		first := map[string]*shellcmd.Command{}
		last := map[string]*shellcmd.Command{}
		// A clean counts only after the family's last install: one before
		// it (`yum clean all && yum install …`) empties a cache the install
		// then fills again.
		cleaned := map[string]bool{}
		for _, c := range shellcmd.CommandsIn(in) {
			if shellcmd.RpmFillsCache(c) {
				fam := shellcmd.RpmFamily(c)
				if first[fam] == nil {
					first[fam] = c
				}
				last[fam] = c
				cleaned[fam] = false
			}
			if fam := rpmCleans(c); fam != "" {
				cleaned[fam] = true
			}
		}
		for _, fam := range []string{"yum", "zypper"} {
			c := first[fam]
			if c == nil || cleaned[fam] || shellcmd.RpmCacheMounted(in, fam) {
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
			if e, ok := shellcmd.AppendCommand(shellcmd.ScriptOfCall(l.Call), cmd); ok {
				fix = &Fix{Title: "Clean the " + c.Name() + " cache at the end of the RUN", Applicability: Safe, Edits: []Edit{e}}
			}
			p.ReportPart(rpmCode(c, rpmNoClean), c.Call.Start(), c.Call.End(), "the "+c.Name()+" cache stays in the image: end this RUN with `"+cmd+"`", fix)
		}
	}
}

// rpmCleans returns the family whose cache a command cleans: `yum clean
// all`, `zypper clean`, `rm -rf /var/cache/dnf` (or any of
// shellcmd.RpmCacheDirs); "" for none.
func rpmCleans(c *shellcmd.Command) string {
	switch fam := shellcmd.RpmFamily(c); fam {
	case "yum":
		i, sub, ok := c.Subcommand(&shellcmd.RpmYumSpec)
		if ok && sub == "clean" {
			for _, w := range c.Args[i+1:] {
				if w.Value == "all" {
					return fam
				}
			}
		}
		return ""
	case "zypper":
		_, sub, ok := c.Subcommand(&shellcmd.ZypperSpec)
		if ok && (sub == "clean" || sub == "cc") {
			return fam
		}
		return ""
	}
	if c.Name() != "rm" {
		return ""
	}
	_, operands := c.Options(&shellcmd.NoValueOptions)
	for _, i := range operands {
		for _, x := range shellcmd.ExpandBraces(c.Args[i].Value) {
			x = strings.TrimSuffix(strings.TrimRight(x, "/"), "/*")
			if x == "/var/cache" {
				return "yum"
			}
			for fam, dirs := range shellcmd.RpmCacheDirs {
				for _, d := range dirs {
					// `rm -rf /var/cache/libdnf5*` (hadolint's example) removes
					// the directory too.
					if x == d || x == d+"*" {
						return fam
					}
				}
			}
		}
	}
	return ""
}

package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:         "DF405",
	Name:       "apt-instead-of-apt-get",
	Severity:   Warning,
	Summary:    "`apt` in a RUN instead of `apt-get`",
	Aliases:    []string{"DL3027"},
	Fix:        Safe,
	FixSummary: "rename the command `apt` to `apt-get`",
	Check:      checkAptInsteadOfAptGet,
})

// aptGetSubcommands are the apt subcommands that apt-get has too, with the
// same meaning.
var aptGetSubcommands = shellcmd.Set("update", "upgrade", "install", "remove", "purge", "autoremove", "autopurge",
	"dist-upgrade", "clean", "autoclean", "build-dep", "source", "download", "check", "satisfy", "changelog")

func checkAptInsteadOfAptGet(p *Pass) {
	src := p.File.Source
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "apt" {
				continue
			}
			var fix *Fix
			w := c.Args[0]
			_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
			if ok && aptGetSubcommands[sub] && w.End >= 3 && string(src[w.End-3:w.End]) == "apt" {
				fix = &Fix{Title: "Use apt-get", Applicability: Safe, Edits: []Edit{{Start: w.End, End: w.End, NewText: "-get"}}}
			}
			msg := "`apt` has no stable command-line interface for scripts: use `apt-get`"
			if ok && !aptGetSubcommands[sub] {
				msg = "`apt " + sub + "` has no stable command-line interface for scripts: use `apt-get` or `apt-cache`"
			}
			p.Report(c.Call.Start(), c.Call.End(), msg, fix)
		}
	}
}

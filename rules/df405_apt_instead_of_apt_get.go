package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF405",
	Name:     "apt-instead-of-apt-get",
	Severity: Warning,
	Summary:  "`apt` in a RUN instead of `apt-get`",
	Description: `` + "`apt`" + ` is the command for people at a terminal: its output and behaviour may change
between releases, and it warns "apt does not have a stable CLI interface. Use with caution in
scripts." Scripts and Dockerfiles should use ` + "`apt-get`" + ` (and ` + "`apt-cache`" + ` for
queries), whose interface is stable.

Reported: every command that runs ` + "`apt`" + ` (also ` + "`/usr/bin/apt`" + `, behind ` + "`sudo`" + `,
` + "`env`" + ` and similar wrappers, inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD
triggers), whatever its subcommand. Windows stages are not checked.

The fix renames the command word to ` + "`apt-get`" + ` when the subcommand is one that
` + "`apt-get`" + ` has with the same meaning (` + "`install`" + `, ` + "`update`" + `, ` + "`upgrade`" + `,
` + "`remove`" + `, ` + "`purge`" + `, ` + "`autoremove`" + `, ` + "`clean`" + `, …). ` + "`apt list`" + `,
` + "`apt search`" + `, ` + "`apt show`" + ` (` + "`apt-cache`" + ` territory) and ` + "`apt full-upgrade`" + ` are
reported without a fix.`,
	Bad:        "FROM debian:12\nRUN apt update && apt install -y curl\n",
	Good:       "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
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
	for in := range shellcmd.LinuxRuns(p.File) {
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

package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF407",
	Name:     "apt-unpinned",
	Severity: Info,
	OptIn:    true,
	Summary:  "apt packages installed without `=version`",
	Description: `Without a version, ` + "`apt-get install curl`" + ` installs whatever the mirror has on
the day of the build: two builds of the same Dockerfile may differ, and a new release can break
the image without any change to it. Pin the versions you depend on
(` + "`apt-get install -y curl=7.88.1-10+deb12u8`" + `) and update them on purpose. Pins fail once
the mirror drops the version, which is why this rule is opt-in.

Reported: ` + "`apt-get install`" + ` / ` + "`apt install`" + ` (behind wrappers, inside ` + "`sh -c '…'`" + ` and
heredoc scripts, in ONBUILD triggers) naming a package with no ` + "`=version`" + `. As in hadolint, a
release (` + "`pkg/bookworm-backports`" + `), a local ` + "`.deb`" + ` file or path, and a word made only of
a variable (` + "`$PACKAGES`" + `, whose value is not known) count as pinned. One finding per command,
naming the packages. Windows stages are not checked.`,
	Bad:     "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
	Good:    "FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8\n",
	Aliases: []string{"DL3008"},
	Check:   checkAptUnpinned,
})

func checkAptUnpinned(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := shellcmd.AptInstall(c)
			if !ok {
				continue
			}
			var loose []string
			for _, w := range c.OperandsAfter(&shellcmd.AptSpec, sub) {
				if !aptPinned(p.File, w) {
					loose = append(loose, shellcmd.WordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "apt packages without a pinned version: "+shellcmd.QuotedList(loose)+"; use `name=version`", nil)
			}
		}
	}
}

// aptPinned tells whether an apt package operand selects a version.
func aptPinned(f *parser.File, w parser.Word) bool {
	text := string(f.Source[w.Start:w.End])
	if !w.Literal && !strings.ContainsAny(shellcmd.LiteralPrefix(w.Word), "abcdefghijklmnopqrstuvwxyz0123456789") {
		return true // only a variable: not known
	}
	v := w.Value
	if !w.Literal {
		v = text
	}
	return strings.Contains(v, "=") || strings.Contains(v, "/") || strings.HasSuffix(v, ".deb")
}

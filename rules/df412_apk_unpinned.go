package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF412",
	Name:     "apk-unpinned",
	Severity: Info,
	OptIn:    true,
	Summary:  "apk packages installed without a version",
	Description: `Without a version, ` + "`apk add curl`" + ` installs whatever the Alpine mirror has on the day
of the build: two builds of the same Dockerfile may differ. Pin the versions you depend on
(` + "`apk add curl=8.9.1-r0`" + `, or ` + "`curl~8.9`" + ` for a release line) and update them on purpose.
Alpine keeps only the latest revision of each package in a branch, so exact pins break often,
which is why this rule is opt-in.

Reported: ` + "`apk add`" + ` (through wrappers, inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD
triggers) naming a package with no version constraint (` + "`=`" + `, ` + "`~`" + `, ` + "`<`" + `, ` + "`>`" + `). Local
` + "`.apk`" + ` files, paths, the name given to ` + "`--virtual`" + ` and a word made only of a variable
count as pinned. One finding per command, naming the packages. Windows stages are not checked.`,
	Bad:     "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
	Good:    "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
	Aliases: []string{"DL3018"},
	Check:   checkApkUnpinned,
})

func checkApkUnpinned(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, name := shellcmd.ApkSub(c)
			if name != "add" {
				continue
			}
			var loose []string
			for _, w := range c.OperandsAfter(&shellcmd.ApkSpec, sub) {
				if !apkPinned(p.File, w) {
					loose = append(loose, shellcmd.WordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "apk packages without a pinned version: "+shellcmd.QuotedList(loose)+"; use `name=version`", nil)
			}
		}
	}
}

func apkPinned(f *parser.File, w parser.Word) bool {
	if shellcmd.OnlyVariable(w) {
		return true
	}
	v := w.Value
	if !w.Literal {
		v = string(f.Source[w.Start:w.End])
	}
	return strings.ContainsAny(v, "=~<>/") || strings.HasSuffix(v, ".apk")
}

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
	Aliases:  []string{"DL3018"},
	Check:    checkApkUnpinned,
})

func checkApkUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
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

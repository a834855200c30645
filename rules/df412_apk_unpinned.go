package rules

import (
	"strings"

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
	for in := range linuxRuns(p.File) {
		for _, c := range commandsIn(in) {
			sub, name := apkSub(c)
			if name != "add" {
				continue
			}
			var loose []string
			for _, w := range c.operandsAfter(&apkSpec, sub) {
				if !apkPinned(p.File, w) {
					loose = append(loose, wordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "apk packages without a pinned version: "+quotedList(loose)+"; use `name=version`", nil)
			}
		}
	}
}

func apkPinned(f *parser.File, w parser.Word) bool {
	if onlyVariable(w) {
		return true
	}
	v := w.Value
	if !w.Literal {
		v = string(f.Source[w.Start:w.End])
	}
	return strings.ContainsAny(v, "=~<>/") || strings.HasSuffix(v, ".apk")
}

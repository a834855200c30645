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
	Aliases:  []string{"DL3008"},
	Check:    checkAptUnpinned,
})

func checkAptUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
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

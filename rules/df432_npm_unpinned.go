package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF432",
	Name:     "npm-unpinned",
	Severity: Warning,
	Summary:  "`npm install pkg` without a version",
	Aliases:  []string{"DL3016"},
	Check:    checkNpmUnpinned,
})

func checkNpmUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := shellcmd.NpmInstall(c)
			if !ok {
				continue
			}
			var loose []string
			for _, w := range c.OperandsAfter(&shellcmd.NpmSpec, sub) {
				if !npmPinned(p.File, w) {
					loose = append(loose, shellcmd.WordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "npm packages without a pinned version: "+shellcmd.QuotedList(loose)+"; use `name@version`", nil)
			}
		}
	}
}

func npmPinned(f *parser.File, w parser.Word) bool {
	if shellcmd.OnlyVariable(w) {
		return true
	}
	v := w.Value
	if !w.Literal {
		v = string(f.Source[w.Start:w.End])
	}
	for _, s := range []string{"git://", "git+ssh://", "git+http://", "git+https://", "github:"} {
		if strings.HasPrefix(v, s) {
			return strings.Contains(v, "#")
		}
	}
	for _, s := range []string{".tar", ".tar.gz", ".tgz"} {
		if strings.HasSuffix(v, s) {
			return true
		}
	}
	for _, s := range []string{"/", "./", "../", "~/", "http://", "https://", "file:"} {
		if strings.HasPrefix(v, s) {
			return true
		}
	}
	if strings.HasPrefix(v, "@") {
		_, v, _ = strings.Cut(v, "/")
	}
	return strings.Contains(v, "@")
}

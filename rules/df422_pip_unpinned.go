package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF422",
	Name:     "pip-unpinned",
	Severity: Warning,
	Summary:  "`pip install name` without a version, requirements file or constraints",
	Aliases:  []string{"DL3013"},
	Check:    checkPipUnpinned,
})

func checkPipUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			pip, ok := shellcmd.AsPip(c)
			if !ok || pip.Env["PIP_CONSTRAINT"] != "" || shellcmd.EnvNonEmpty(in, "PIP_CONSTRAINT") {
				continue
			}
			sub, name, ok := pip.Subcommand(&shellcmd.PipSpec)
			if !ok || name != "install" || pip.HasOption(&shellcmd.PipSpec, "-r", "--requirement", "-c", "--constraint") {
				continue
			}
			ops := pip.OperandsAfter(&shellcmd.PipSpec, sub)
			local := false
			for _, w := range ops {
				if w.Value == "." {
					local = true
				}
			}
			if local {
				continue
			}
			var loose []string
			for _, w := range ops {
				if !pipPinned(p.File, w) {
					loose = append(loose, shellcmd.WordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "pip packages without a pinned version: "+shellcmd.QuotedList(loose)+"; use `name==version` or a requirements file", nil)
			}
		}
	}
}

var pipVCS = []string{"git+", "hg+", "svn+", "bzr+", "git:"}

func pipPinned(f *parser.File, w parser.Word) bool {
	if shellcmd.OnlyVariable(w) {
		return true
	}
	v := w.Value
	if !w.Literal {
		v = string(f.Source[w.Start:w.End])
	}
	for _, s := range []string{"==", ">=", "<=", "!=", "~=", "<", ">"} {
		if strings.Contains(v, s) {
			return true
		}
	}
	for _, s := range []string{".whl", ".tar.gz", ".zip", ".tgz", ".tar.bz2"} {
		if strings.HasSuffix(v, s) {
			return true
		}
	}
	for _, s := range pipVCS {
		if strings.HasPrefix(v, s) {
			// The ref follows the repository: git+ssh://git@host/repo.git@v1.
			return strings.Contains(v[strings.LastIndex(v, "/")+1:], "@")
		}
	}
	return strings.Contains(v, "/") || strings.HasPrefix(v, ".")
}

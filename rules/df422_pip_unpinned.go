package rules

import (
	"strings"

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
	for in := range linuxRuns(p.File) {
		for _, c := range commandsIn(in) {
			pip, ok := asPip(c)
			if !ok || pip.Env["PIP_CONSTRAINT"] != "" || envNonEmpty(in, "PIP_CONSTRAINT") {
				continue
			}
			sub, name, ok := pip.Subcommand(&pipSpec)
			if !ok || name != "install" || pip.HasOption(&pipSpec, "-r", "--requirement", "-c", "--constraint") {
				continue
			}
			ops := pip.operandsAfter(&pipSpec, sub)
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
					loose = append(loose, wordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "pip packages without a pinned version: "+quotedList(loose)+"; use `name==version` or a requirements file", nil)
			}
		}
	}
}

var pipVCS = []string{"git+", "hg+", "svn+", "bzr+", "git:"}

func pipPinned(f *parser.File, w parser.Word) bool {
	if onlyVariable(w) {
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

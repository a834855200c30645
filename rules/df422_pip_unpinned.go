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
	Description: `Without a version, ` + "`pip install flask`" + ` installs whatever PyPI has on the day of the
build: two builds of the same Dockerfile may differ, and a new major release can break the image
without any change to it. Pin the version (` + "`flask==3.0.3`" + `), or install from a requirements
or lock file (` + "`pip install -r requirements.txt`" + `), or give a constraints file
(` + "`-c constraints.txt`" + `).

Reported, as in hadolint: ` + "`pip install`" + ` (also ` + "`pip3`" + `, ` + "`python -m pip`" + `, through
wrappers, inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD triggers) naming a package with
no version specifier (` + "`==`" + `, ` + "`>=`" + `, ` + "`<=`" + `, ` + "`<`" + `, ` + "`>`" + `, ` + "`!=`" + `, ` + "`~=`" + `), unless
the command uses ` + "`-r`" + `/` + "`--requirement`" + `, ` + "`-c`" + `/` + "`--constraint`" + ` (or ` + "`PIP_CONSTRAINT`" + `
is set) or installs ` + "`.`" + `. Wheels and sdists (` + "`.whl`" + `, ` + "`.tar.gz`" + `, ` + "`.zip`" + `), paths,
local directories, URLs, VCS URLs with ` + "`@ref`" + `, the value of ` + "`-e`" + ` and a word made only of a
variable count as pinned. One finding per command, naming the packages.`,
	Bad:     "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n",
	Good:    "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
	Aliases: []string{"DL3013"},
	Check:   checkPipUnpinned,
})

func checkPipUnpinned(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
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

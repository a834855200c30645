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
			tool, ops, ok := pipInstallOperands(c)
			if !ok || c.Env["PIP_CONSTRAINT"] != "" || shellcmd.EnvNonEmpty(in, "PIP_CONSTRAINT") {
				continue
			}
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
				p.Report(c.Call.Start(), c.Call.End(), tool+" packages without a pinned version: "+shellcmd.QuotedList(loose)+"; use `name==version` or a requirements file", nil)
			}
		}
	}
}

// pipInstallOperands returns the package words of `pip install` (also
// `python -m pip install`) and of `pipx install`, with the tool's name for
// the message. ok is false for other commands, and for a pip install from a
// requirements or constraints file, and for `pipx install --spec`.
func pipInstallOperands(c *shellcmd.Command) (tool string, ops []parser.Word, ok bool) {
	if c.Name() == "pipx" {
		sub, name, ok := c.Subcommand(&pipxSpec)
		if !ok || name != "install" || c.HasOption(&pipxSpec, "--spec") {
			// Old pipx installs --spec's value under the name given:
			// not read.
			return "", nil, false
		}
		_, operands := c.Options(&pipxSpec)
		for _, i := range operands {
			if i > sub {
				ops = append(ops, c.Args[i])
			}
		}
		return "pipx", ops, true
	}
	pip, ok := shellcmd.AsPip(c)
	if !ok {
		return "", nil, false
	}
	sub, name, ok := pip.Subcommand(&shellcmd.PipSpec)
	if !ok || name != "install" || pip.HasOption(&shellcmd.PipSpec, "-r", "--requirement", "-c", "--constraint") {
		return "", nil, false
	}
	return "pip", pip.OperandsAfter(&shellcmd.PipSpec, sub), true
}

// pipxSpec lists the options of `pipx install` that take a value in the
// next word (pipx 1.7 `pipx install --help`, and --spec of pipx before
// 1.0; read 2026-12-07). pipx's -e (editable) takes none, unlike pip's.
var pipxSpec = shellcmd.OptSpec{
	ShortValue: "i",
	LongValue:  shellcmd.Set("--index-url", "--python", "--suffix", "--preinstall", "--pip-args", "--spec"),
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

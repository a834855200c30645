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

// pipxInstallSpec is the option syntax of `pipx install` (pipx 1.7
// `pipx install --help`, checked 2026-12-07): the options that take their
// value in the next word.
var pipxInstallSpec = shellcmd.OptSpec{
	ShortValue: "i",
	LongValue:  shellcmd.Set("--python", "--pip-args", "--suffix", "--index-url", "--spec", "--preinstall", "--backend"),
}

func checkPipUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() == "pipx" {
				checkPipxUnpinned(p, c)
				continue
			}
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

// checkPipxUnpinned reports `pipx install name` without a version: pipx
// installs each application in its own environment, from the same index
// as pip, so the newest release is taken at build time.
func checkPipxUnpinned(p *Pass, c *shellcmd.Command) {
	sub, name, ok := c.Subcommand(&pipxInstallSpec)
	if !ok || name != "install" {
		return
	}
	specs := c.OperandsAfter(&pipxInstallSpec, sub)
	if v, ok := c.OptionValue(&pipxInstallSpec, "--spec"); ok {
		// The spec, not the package name, is what pip installs.
		specs = []parser.Word{{Value: v, Literal: true}}
	}
	var loose []string
	for _, w := range specs {
		if !pipPinned(p.File, w) {
			loose = append(loose, shellcmd.WordText(w))
		}
	}
	if len(loose) > 0 {
		p.Report(c.Call.Start(), c.Call.End(), "pipx packages without a pinned version: "+shellcmd.QuotedList(loose)+"; use `name==version`", nil)
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

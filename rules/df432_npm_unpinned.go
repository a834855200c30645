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
	Description: `Without a version, ` + "`npm install -g typescript`" + ` installs whatever the registry tags
` + "`latest`" + ` on the day of the build: two builds of the same Dockerfile may differ, and a new major
release can break the image. Pin the version (` + "`typescript@5.6.3`" + `), or install the project's
dependencies from its lock file (` + "`npm ci`" + `).

Reported, as in hadolint: ` + "`npm install`" + ` (also ` + "`npm i`" + `, ` + "`npm add`" + `; through wrappers,
inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD triggers) naming a package with no
` + "`@version`" + ` or tag (a scoped name needs one after its ` + "`@scope/name`" + `). Git URLs with a
` + "`#ref`" + `, tarballs (` + "`.tgz`" + `, ` + "`.tar.gz`" + `, ` + "`.tar`" + `), paths and a word made only of a variable
count as pinned. ` + "`npm install`" + ` with no package installs from ` + "`package.json`" + ` and is not
reported here (see DF431). One finding per command, naming the packages.`,
	Bad:     "FROM node:22-slim\nRUN npm install -g typescript\n",
	Good:    "FROM node:22-slim\nRUN npm install -g typescript@5.6.3\n",
	Aliases: []string{"DL3016"},
	Check:   checkNpmUnpinned,
})

func checkNpmUnpinned(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
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

package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:       "DF421",
	Name:     "pip-no-cache-dir",
	Severity: Info,
	Summary:  "`pip install` without `--no-cache-dir`",
	Description: `pip keeps every wheel it downloads or builds in its cache (` + "`~/.cache/pip`" + `), which
in an image is dead weight, often larger than the packages themselves. ` + "`--no-cache-dir`" + `
turns the cache off.

Reported: ` + "`pip install`" + `, ` + "`pip3 install`" + `, ` + "`python3 -m pip install`" + ` (through
wrappers, inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD triggers) without
` + "`--no-cache-dir`" + `, unless ` + "`PIP_NO_CACHE_DIR`" + ` is set for the command (ENV or ARG in the
stage or a stage it is built on, ` + "`PIP_NO_CACHE_DIR=1 pip …`" + `, ` + "`env`" + `, or an
` + "`export`" + ` earlier in the RUN) or the RUN mounts a cache or tmpfs on the pip cache
(` + "`/root/.cache`" + `, ` + "`/root/.cache/pip`" + `). pip turns the cache off for any value of
` + "`PIP_NO_CACHE_DIR`" + ` it accepts, even ` + "`0`" + ` and ` + "`false`" + ` (a historical quirk it keeps),
so any non-empty value counts. Abbreviations pip accepts (` + "`--no-cache`" + `) count. ` + "`pipx`" + `, ` + "`pipenv`" + ` and ` + "`uv pip`" + ` have caches of their
own and are not reported.

` + "`pip install --upgrade pip`" + ` is reported too, like hadolint does: it downloads a wheel into
the cache like any other install, and the fix costs nothing. One finding per command.

The fix inserts ` + "` --no-cache-dir`" + ` after ` + "`install`" + `.`,
	Bad:        "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n",
	Good:       "FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n",
	Aliases:    []string{"DL3042"},
	Fix:        Safe,
	FixSummary: "insert `--no-cache-dir` after `install`",
	Check:      checkPipNoCacheDir,
})

func checkPipNoCacheDir(p *Pass) {
	for in := range shellcmd.RunInstructions(p.File) {
		if hasPipCacheMount(in) {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			pip, ok := shellcmd.AsPip(c)
			if !ok || pip.Env["PIP_NO_CACHE_DIR"] != "" || shellcmd.EnvNonEmpty(in, "PIP_NO_CACHE_DIR") || exportsVariable(in, "PIP_NO_CACHE_DIR") {
				continue
			}
			sub, name, ok := pip.Subcommand(&shellcmd.PipSpec)
			if !ok || name != "install" || pipNoCacheOption(pip) {
				continue
			}
			at := pip.WordEnd(sub)
			p.Report(c.Call.Start(), c.Call.End(), "`pip install` keeps the downloaded packages in its cache in the image: add `--no-cache-dir`",
				&Fix{Title: "Add --no-cache-dir", Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: " --no-cache-dir"}}})
		}
	}
}

// pipNoCacheOption tells whether the command gives --no-cache-dir, also
// abbreviated: pip's option parser accepts any unambiguous prefix, and
// `--no-cache` is a common spelling.
func pipNoCacheOption(c *shellcmd.Command) bool {
	opts, _ := c.Options(&shellcmd.PipSpec)
	for _, o := range opts {
		if len(o.Name) >= len("--no-cach") && strings.HasPrefix("--no-cache-dir", o.Name) {
			return true
		}
	}
	return false
}

// exportsVariable tells whether a RUN's script exports the variable with a
// non-empty value (`export NAME=value`).
func exportsVariable(in *parser.Instruction, name string) bool {
	found := false
	for _, s := range in.Scripts() {
		if s.AST == nil {
			continue
		}
		syntax.Walk(s.AST, func(n syntax.Node) bool {
			d, ok := n.(*syntax.DeclClause)
			if !ok || d.Variant == nil || d.Variant.Value != "export" {
				return !found
			}
			for _, a := range d.Args {
				if a.Name != nil && a.Name.Value == name && a.Value != nil {
					if v, ok := parser.WordLiteral(a.Value); ok && v != "" {
						found = true
					}
				}
			}
			return !found
		})
	}
	return found
}

// hasPipCacheMount tells whether the RUN mounts a cache or tmpfs where pip
// keeps its cache (root's, or any ~/.cache or …/pip directory).
func hasPipCacheMount(in *parser.Instruction) bool {
	if shellcmd.HasCacheMount(in, "/root/.cache/pip") {
		return true
	}
	for _, m := range shellcmd.RunMounts(in) {
		if (m.Type == "cache" || m.Type == "tmpfs") && (strings.HasSuffix(m.Target, "/.cache") || strings.HasSuffix(m.Target, "/pip")) {
			return true
		}
	}
	return false
}

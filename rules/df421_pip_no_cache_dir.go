package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:         "DF421",
	Name:       "pip-no-cache-dir",
	Severity:   Info,
	Summary:    "`pip install` without `--no-cache-dir`",
	Aliases:    []string{"DL3042"},
	Fix:        Safe,
	FixSummary: "insert `--no-cache-dir` after `install`",
	Check:      checkPipNoCacheDir,
})

func checkPipNoCacheDir(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
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

package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
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
	inImage := stagesInImage(p.File)
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		// The cache of a stage that no image is made of is thrown away
		// with the stage (distroless's python3-requirements build and
		// build-venv).
		if in.Parent == nil && !inImage[in.Stage] || hasPipCacheMount(in) {
			continue
		}
		cmds := shellcmd.CommandsIn(in)
		for _, c := range cmds {
			pip, ok := shellcmd.AsPip(c)
			if !ok || pip.Env["PIP_NO_CACHE_DIR"] != "" || shellcmd.EnvNonEmpty(in, "PIP_NO_CACHE_DIR") || exportsVariable(in, "PIP_NO_CACHE_DIR") {
				continue
			}
			sub, name, ok := pip.Subcommand(&shellcmd.PipSpec)
			if !ok || name != "install" || pipNoCacheOption(pip) || pipCacheClearedAfter(in, pip, cmds) {
				continue
			}
			at := pip.WordEnd(sub)
			p.Report(c.Call.Start(), c.Call.End(), "`pip install` keeps the downloaded packages in its cache in the image: add `--no-cache-dir`",
				&Fix{Title: "Add --no-cache-dir", Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: " --no-cache-dir"}}})
		}
	}
}

// pipCacheClearedAfter tells whether the RUN empties pip's cache after the
// install, in the same layer: `pip cache purge`, or an rm of the default
// cache directory (~/.cache/pip, /root/.cache/pip when the RUN runs as
// root, or ~/.cache). An rm counts only while the cache is where pip puts
// it by default (no --cache-dir, PIP_CACHE_DIR or XDG_CACHE_HOME). A
// cleanup after `||` runs only on failure, and one in a later RUN leaves
// the cache in this layer: neither counts.
func pipCacheClearedAfter(in *parser.Instruction, install *shellcmd.Command, cmds []*shellcmd.Command) bool {
	defaultDir := !pipCacheMoved(in, install)
	for _, c := range cmds {
		if c.Call.Start() <= install.Call.Start() || runsOnFailure(c) {
			continue
		}
		if pip, ok := shellcmd.AsPip(c); ok {
			if sub, name, ok := pip.Subcommand(&shellcmd.PipSpec); ok && name == "cache" {
				if ops := pip.OperandsAfter(&shellcmd.PipSpec, sub); len(ops) > 0 && ops[0].Literal && ops[0].Value == "purge" {
					return true
				}
			}
			continue
		}
		if defaultDir && removesPipCacheDir(in, c) {
			return true
		}
	}
	return false
}

// pipCacheMoved tells whether pip's cache is not in ~/.cache/pip for this
// install: --cache-dir, or PIP_CACHE_DIR or XDG_CACHE_HOME set.
func pipCacheMoved(in *parser.Instruction, install *shellcmd.Command) bool {
	if _, ok := install.OptionValue(&shellcmd.PipSpec, "--cache-dir"); ok {
		return true
	}
	for _, v := range []string{"PIP_CACHE_DIR", "XDG_CACHE_HOME"} {
		if install.Env[v] != "" || shellcmd.EnvNonEmpty(in, v) || exportsVariable(in, v) {
			return true
		}
	}
	return false
}

// removesPipCacheDir tells whether a command is an rm of the home
// directory's pip cache (or of all of ~/.cache).
func removesPipCacheDir(in *parser.Instruction, c *shellcmd.Command) bool {
	if c.Name() != "rm" {
		return false
	}
	_, operands := c.Options(&shellcmd.NoValueOptions)
	for _, i := range operands {
		w := c.Args[i]
		text := w.Value
		if !w.Literal {
			// $HOME is not literal: read the word as written.
			text = string(in.File.Source[w.Start:w.End])
			text = strings.Trim(text, `"`)
		}
		for _, x := range shellcmd.ExpandBraces(text) {
			x = strings.TrimRight(x, "/")
			x = strings.TrimSuffix(x, "/*")
			var rest string
			switch {
			case strings.HasPrefix(x, "~/"):
				rest = x[1:]
			case strings.HasPrefix(x, "$HOME/"):
				rest = x[len("$HOME"):]
			case strings.HasPrefix(x, "${HOME}/"):
				rest = x[len("${HOME}"):]
			case strings.HasPrefix(x, "/root/") && runsAsRoot(in):
				rest = x[len("/root"):]
			default:
				continue
			}
			if rest == "/.cache" || rest == "/.cache/pip" {
				return true
			}
		}
	}
	return false
}

// runsAsRoot tells whether no USER before the instruction, in its stage
// chain, names a user other than root (for an ONBUILD trigger, no USER of
// the chain: it runs as the user the image ends with). A base image's own
// USER is not known here: most run as root, and a rule that cannot tell
// reports less.
func runsAsRoot(in *parser.Instruction) bool {
	trigger := in.Parent != nil
	if trigger {
		in = in.Parent
	}
	for _, s := range in.Stage.Chain() {
		for i := len(s.Instructions) - 1; i >= 0; i-- {
			x := s.Instructions[i]
			if s == in.Stage && x.Index >= in.Index && !trigger {
				continue
			}
			if u, ok := x.Command.(*instructions.UserCommand); ok {
				name, _, _ := strings.Cut(u.User, ":")
				return name == "root" || name == "0"
			}
		}
	}
	return true
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

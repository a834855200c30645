package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF431",
	Name:       "npm-install-not-ci",
	Severity:   Info,
	Summary:    "`npm install` where a lock file is copied in: use `npm ci`",
	Fix:        Unsafe,
	FixSummary: "replace `npm install` by `npm ci` (with `--omit=dev` in the final stage when nothing builds after it)",
	Check:      checkNpmInstallNotCI,
})

var npmLockFiles = []string{"package-lock.json", "npm-shrinkwrap.json"}

func checkNpmInstallNotCI(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		cmds := shellcmd.CommandsIn(in)
		for ci, c := range cmds {
			sub, ok := shellcmd.NpmInstall(c)
			if !ok || len(c.OperandsAfter(&shellcmd.NpmSpec, sub)) > 0 || c.HasOption(&shellcmd.NpmSpec, "-g", "--global") || c.HasOption(&shellcmd.NpmSpec, "--location") {
				continue
			}
			if !lockFileCopied(in) {
				continue
			}
			text := "ci"
			if in.Stage != nil && in.Stage.IsFinal && !npmChoosesDeps(c) && !buildsAfter(in, cmds[ci+1:]) {
				text = "ci --omit=dev"
			}
			w := c.Args[sub]
			p.Report(c.Call.Start(), c.Call.End(), "the lock file is copied in: `npm "+text+"` installs exactly what it names, `npm "+w.Value+"` may not",
				&Fix{Title: "Use npm " + text, Applicability: Unsafe, Edits: []Edit{{Start: w.Start, End: w.End, NewText: text}}})
		}
	}
}

// lockFileCopied tells whether an npm lock file is in the stage when the
// RUN runs: copied by an earlier COPY/ADD of the stage chain, or bind
// mounted by the RUN.
func lockFileCopied(in *parser.Instruction) bool {
	for _, fl := range in.Flags() {
		v, ok := strings.CutPrefix(fl, "--mount=")
		if !ok {
			continue
		}
		for _, field := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(field, "=")
			if (k == "source" || k == "src" || k == "target") && matchesLockFile(val) {
				return true
			}
		}
	}
	for x := range in.Stage.ChainInstructions() {
		if x.Index >= in.Index && x.Stage == in.Stage {
			break
		}
		if x.Trigger != nil {
			if in.Parent == nil {
				continue // runs in the image built FROM this one
			}
			x = x.Trigger
		}
		for _, s := range x.ContextSources() {
			if matchesLockFile(s) {
				return true
			}
		}
	}
	return false
}

func matchesLockFile(src string) bool {
	base := path.Base(strings.Trim(src, `"'`))
	for _, l := range npmLockFiles {
		if ok, _ := path.Match(base, l); ok {
			return true
		}
	}
	return false
}

// npmChoosesDeps tells whether an npm install already says which
// dependency groups to install.
func npmChoosesDeps(c *shellcmd.Command) bool {
	if _, ok := c.Env["NODE_ENV"]; ok {
		return true
	}
	opts, _ := c.Options(&shellcmd.NpmSpec)
	for _, o := range opts {
		switch o.Name {
		case "--production", "--omit", "--only", "--include", "--dev", "--also":
			return true
		}
	}
	return envHas(c, "NODE_ENV")
}

func envHas(c *shellcmd.Command, name string) bool {
	if c.Call.Script == nil || c.Call.Script.Instruction == nil {
		return false
	}
	_, ok := shellcmd.EnvBefore(c.Call.Script.Instruction).Get(name)
	return ok
}

// buildsAfter tells whether a command after an install, in the rest of the
// RUN or in a later RUN of the stage, runs a build that may need the
// development dependencies.
func buildsAfter(in *parser.Instruction, rest []*shellcmd.Command) bool {
	return slices.ContainsFunc(rest, runsBuild) || shellcmd.AnyLaterRun(in, npmBuildKey{}, func(x *parser.Instruction) bool {
		return slices.ContainsFunc(shellcmd.CommandsIn(x), runsBuild)
	})
}

// npmBuildKey keys the index of RUNs that run a build.
type npmBuildKey struct{}

// runsBuild tells whether a command runs a build that may need the
// development dependencies.
func runsBuild(c *shellcmd.Command) bool {
	switch c.Name() {
	case "npx", "yarn", "node", "pnpm", "tsc", "ng", "vite", "webpack":
		return true
	case "npm":
		if _, sub, ok := c.Subcommand(&shellcmd.NpmSpec); ok && sub != "cache" && sub != "config" && sub != "prune" {
			return true
		}
	}
	return false
}

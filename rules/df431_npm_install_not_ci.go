package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF431",
	Name:     "npm-install-not-ci",
	Severity: Info,
	Summary:  "`npm install` where a lock file is copied in: use `npm ci`",
	Description: `` + "`npm install`" + ` resolves the dependency ranges of ` + "`package.json`" + ` again and may
install other versions than the lock file names (and rewrite it). ` + "`npm ci`" + ` installs exactly
what ` + "`package-lock.json`" + ` says, fails when it disagrees with ` + "`package.json`" + `, starts from
an empty ` + "`node_modules`" + ` and is faster: it is the command for builds. In the final stage,
` + "`npm ci --omit=dev`" + ` also leaves the development dependencies out of the image.

Reported: ` + "`npm install`" + ` / ` + "`npm i`" + ` without package names and without ` + "`-g`" + ` (through
wrappers, inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD triggers) in a stage into which
an earlier COPY or ADD (in the stage or a stage it is built FROM), or a bind mount of the RUN,
brings ` + "`package-lock.json`" + ` or ` + "`npm-shrinkwrap.json`" + ` (by name or by a pattern such as
` + "`package*.json`" + `). A lock file that only comes with ` + "`COPY . .`" + ` is not known and is not
reported. Windows stages are not checked.

The fix (unsafe: the installed versions may change to the locked ones, and ` + "`npm ci`" + ` fails
without a lock file) replaces ` + "`install`" + ` by ` + "`ci`" + `, and adds ` + "`--omit=dev`" + ` in the final
stage when the command does not already choose (` + "`--production`" + `, ` + "`--omit`" + `, ` + "`--only`" + `,
` + "`NODE_ENV`" + `) and nothing after it in the stage runs ` + "`npm run`" + `, ` + "`npx`" + `, ` + "`yarn`" + ` or
` + "`node`" + ` (a build that may need the development dependencies).`,
	Bad:        "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	Good:       "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	Fix:        Unsafe,
	FixSummary: "replace `npm install` by `npm ci` (with `--omit=dev` in the final stage when nothing builds after it)",
	Check:      checkNpmInstallNotCI,
})

var npmLockFiles = []string{"package-lock.json", "npm-shrinkwrap.json"}

func checkNpmInstallNotCI(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
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
		var srcs []string
		switch c := x.Command.(type) {
		case *instructions.CopyCommand:
			if c.From != "" {
				continue
			}
			srcs = c.SourcePaths
		case *instructions.AddCommand:
			srcs = c.SourcePaths
		}
		for _, s := range srcs {
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
	cmds := append([]*shellcmd.Command{}, rest...)
	for _, x := range shellcmd.LaterRuns(in) {
		cmds = append(cmds, shellcmd.CommandsIn(x)...)
	}
	for _, c := range cmds {
		switch c.Name() {
		case "npx", "yarn", "node", "pnpm", "tsc", "ng", "vite", "webpack":
			return true
		case "npm":
			if _, sub, ok := c.Subcommand(&shellcmd.NpmSpec); ok && sub != "cache" && sub != "config" && sub != "prune" {
				return true
			}
		}
	}
	return false
}

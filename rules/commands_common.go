package rules

// Command lines of RUN, CMD and ENTRYPOINT as argument vectors, with the
// wrappers that do not change what runs (exec, env, npx, bundle exec,
// python -m, …) taken off, so that rules can ask "is this `pip install -r`"
// or "is this `flask run`" in one place. Used by DF201, DF202 and DF510.

import (
	"path"
	"regexp"
	"strings"

	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// command is one simple command: its words (a word with expansions is
// "$") and the variables assigned in front of it (`RAILS_ENV=x rails s`).
type command struct {
	Argv []string
	Env  map[string]string
}

// nonLiteral stands for a word whose value depends on expansions.
const nonLiteral = "$"

// commandsOf returns the simple commands an instruction runs, normalised
// with unwrap. Shell form is read from the shell syntax tree (including
// `sh -c '…'` strings); exec form is one command, and when it runs a shell
// with -c the script string is read as well.
func commandsOf(in *parser.Instruction) []command {
	x := in
	if in.Trigger != nil {
		x = in.Trigger
	}
	var out []command
	if x.IsJSONForm() {
		argv := x.Args()
		if len(argv) == 0 {
			return nil
		}
		out = append(out, unwrap(command{Argv: append([]string(nil), argv...)}))
		if parser.IsPOSIXShell(argv[0]) {
			for i := 1; i+1 < len(argv); i++ {
				if strings.HasPrefix(argv[i], "-") && strings.HasSuffix(argv[i], "c") && !strings.HasPrefix(argv[i], "--") {
					out = append(out, parseScriptCommands(argv[i+1])...)
					break
				}
			}
		}
		return out
	}
	for _, c := range in.Calls() {
		cmd := command{Env: map[string]string{}}
		for _, w := range c.Args {
			if w.Literal {
				cmd.Argv = append(cmd.Argv, w.Value)
			} else {
				cmd.Argv = append(cmd.Argv, nonLiteral)
			}
		}
		for _, a := range c.Expr.Assigns {
			if a.Name != nil && a.Value != nil {
				if v, ok := parser.WordLiteral(a.Value); ok {
					cmd.Env[a.Name.Value] = v
				}
			}
		}
		if len(cmd.Argv) > 0 {
			out = append(out, unwrap(cmd))
		}
	}
	return out
}

// parseScriptCommands reads the commands of a script string found in an
// exec-form argument (["sh", "-c", "…"]). It is for detection only: the
// words carry no file offsets.
func parseScriptCommands(src string) []command {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		return nil
	}
	var out []command
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		cmd := command{Env: map[string]string{}}
		for _, w := range call.Args {
			if v, ok := parser.WordLiteral(w); ok {
				cmd.Argv = append(cmd.Argv, v)
			} else {
				cmd.Argv = append(cmd.Argv, nonLiteral)
			}
		}
		for _, a := range call.Assigns {
			if a.Name != nil && a.Value != nil {
				if v, ok := parser.WordLiteral(a.Value); ok {
					cmd.Env[a.Name.Value] = v
				}
			}
		}
		out = append(out, unwrap(cmd))
		return true
	})
	return out
}

var pythonExe = regexp.MustCompile(`^python[0-9.]*$`)

// unwrap takes off the wrappers that run another command unchanged and
// reduces argv[0] to its base name: `exec env A=1 npx --yes next dev`
// becomes `next dev` with A=1; `python3 -m flask run` becomes `flask run`
// (`python -m http.server` becomes `http.server`).
func unwrap(c command) command {
	if c.Env == nil {
		c.Env = map[string]string{}
	}
	a := c.Argv
	for len(a) > 0 {
		name := path.Base(a[0])
		switch {
		case name == "exec" || name == "nohup" || name == "time" || name == "nice" || name == "command" || name == "sudo":
			a = skipFlags(a[1:])
		case name == "env":
			a = a[1:]
			for len(a) > 0 && (strings.Contains(a[0], "=") || strings.HasPrefix(a[0], "-")) {
				if k, v, ok := strings.Cut(a[0], "="); ok && !strings.HasPrefix(a[0], "-") {
					c.Env[k] = v
				}
				a = a[1:]
			}
		case name == "dumb-init" || name == "tini" || name == "tini-static":
			a = skipFlags(a[1:])
		case name == "gosu" || name == "su-exec":
			if len(a) < 2 {
				return command{Argv: a, Env: c.Env}
			}
			a = a[2:]
		case name == "npx" || name == "pnpx" || name == "bunx":
			a = skipFlags(a[1:])
		case (name == "bundle" || name == "pnpm" || name == "yarn") && len(a) > 1 && a[1] == "exec",
			(name == "poetry" || name == "pipenv" || name == "uv" || name == "pdm" || name == "rye" || name == "hatch") && len(a) > 1 && a[1] == "run":
			a = skipFlags(a[2:])
		case pythonExe.MatchString(name):
			i := 1
			for i < len(a) && strings.HasPrefix(a[i], "-") && a[i] != "-m" {
				i++
			}
			if i+1 < len(a) && a[i] == "-m" {
				a = a[i+1:]
				continue
			}
			return command{Argv: append([]string{name}, a[1:]...), Env: c.Env}
		default:
			return command{Argv: append([]string{name}, a[1:]...), Env: c.Env}
		}
	}
	return command{Argv: a, Env: c.Env}
}

// skipFlags drops leading -flags (and a "--" that ends them).
func skipFlags(a []string) []string {
	for len(a) > 0 && strings.HasPrefix(a[0], "-") {
		if a[0] == "--" {
			return a[1:]
		}
		a = a[1:]
	}
	return a
}

// name is argv[0], "" for an empty command.
func (c command) name() string {
	if len(c.Argv) == 0 {
		return ""
	}
	return c.Argv[0]
}

// positional returns the arguments after argv[0] that are not flags.
// Flags that take a value are not known here, so the value of `-r file`
// counts as positional; callers look at flags themselves.
func (c command) positional() []string {
	if len(c.Argv) < 2 {
		return nil // an empty command (name() is "") has no arguments either
	}
	var out []string
	for _, a := range c.Argv[1:] {
		if !strings.HasPrefix(a, "-") {
			out = append(out, a)
		}
	}
	return out
}

// sub is the first positional argument (the subcommand), "" if none.
func (c command) sub() string {
	if p := c.positional(); len(p) > 0 {
		return p[0]
	}
	return ""
}

// has tells whether one of the words is exactly one of the given flags,
// or starts with "flag=".
func (c command) has(flags ...string) bool {
	for _, a := range c.Argv[1:] {
		for _, f := range flags {
			if a == f || strings.HasPrefix(a, f+"=") {
				return true
			}
		}
	}
	return false
}

// runScript returns the package.json script a command runs: `npm run dev`,
// `yarn dev`, `pnpm run dev`, `bun run dev` give "dev"; `npm start` gives
// "start". ok is false for other commands.
func (c command) runScript() (string, bool) {
	switch c.name() {
	case "npm", "pnpm", "bun", "yarn":
	default:
		return "", false
	}
	p := c.positional()
	if len(p) == 0 {
		return "", false
	}
	switch p[0] {
	case "run", "run-script":
		if len(p) > 1 {
			return p[1], true
		}
		return "", false
	case "start", "test":
		return p[0], true
	}
	if c.name() == "yarn" || c.name() == "pnpm" || c.name() == "bun" {
		switch p[0] {
		case "install", "add", "remove", "i", "ci", "global", "cache", "config", "exec", "dlx", "x", "create", "init", "link", "upgrade", "up", "update", "why", "info", "set", "workspace", "workspaces", "dedupe", "prune", "fetch", "audit", "outdated", "pack", "publish", "version", "rebuild", "store", "patch":
			return "", false
		}
		return p[0], true
	}
	return "", false
}

// commandInstructions are the CMD and ENTRYPOINT that decide what the final
// image runs: the last ENTRYPOINT of the stage chain, and the last CMD
// unless an ENTRYPOINT set after it (in a later stage) reset it, or the
// ENTRYPOINT is in shell form (which ignores CMD).
func commandInstructions(final *parser.Stage) (entrypoint, cmd *parser.Instruction) {
	for _, in := range chainInstructions(final) {
		switch in.Name {
		case "entrypoint":
			if entrypoint == nil || in.Stage != entrypoint.Stage {
				// An ENTRYPOINT set on top of an earlier stage resets the
				// CMD inherited from it.
				if cmd != nil && cmd.Stage != in.Stage {
					cmd = nil
				}
			}
			entrypoint = in
		case "cmd":
			cmd = in
		}
	}
	if entrypoint != nil && !entrypoint.IsJSONForm() {
		cmd = nil
	}
	return entrypoint, cmd
}

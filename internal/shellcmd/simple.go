package shellcmd

// Command lines of RUN, CMD and ENTRYPOINT as argument vectors, seen through
// their wrappers, so that rules can ask "is this `pip install -r`" or "is
// this `flask run`" in one place. Used by DF201, DF202 and DF510. The
// wrappers are those of command.go (StripWrappers); this view adds the
// exec form, and the runners of ReadSimple.

import (
	"path"
	"strings"

	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// Simple is one simple command: its words (a word with expansions is
// "$") and the variables assigned in front of it (`RAILS_ENV=x rails s`).
// A command whose program cannot be named (its name has expansions, or
// a wrapper runs nothing) is the single word "$".
type Simple struct {
	Argv []string
	Env  map[string]string
}

// NonLiteral stands for a word whose value depends on expansions.
const NonLiteral = "$"

// SimpleCommandsOf returns the simple commands an instruction runs, read with
// ReadSimple. Shell form is read from the shell syntax tree (including
// `sh -c '…'` strings); exec form is one command, and when it runs a shell
// with -c the script string is read as well. They are read once per
// instruction and shared: do not modify them.
func SimpleCommandsOf(in *parser.Instruction) []Simple {
	return parser.Memo(in, commandsOfKey{}, func(in *parser.Instruction) []Simple {
		out := readCommands(in)
		return out[:len(out):len(out)] // a caller's append copies
	})
}

type commandsOfKey struct{}

func readCommands(in *parser.Instruction) []Simple {
	x := in
	if in.Trigger != nil {
		x = in.Trigger
	}
	var out []Simple
	if x.IsJSONForm() {
		argv := x.Args()
		if len(argv) == 0 {
			return nil
		}
		words := make([]parser.Word, len(argv))
		for i, a := range argv {
			words[i] = parser.Word{Value: a, Literal: true}
		}
		out = append(out, ReadSimple(words, map[string]string{}))
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
	out = make([]Simple, 0, len(in.Calls()))
	for _, c := range in.Calls() {
		if len(c.Args) > 0 {
			out = append(out, ReadSimple(c.Args, AssignedEnv(c.Expr.Assigns)))
		}
	}
	return out
}

// parseScriptCommands reads the commands of a script string found in an
// exec-form argument (["sh", "-c", "…"]). It is for detection only: the
// words carry no file offsets.
func parseScriptCommands(src string) []Simple {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		return nil
	}
	var out []Simple
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		words := make([]parser.Word, len(call.Args))
		for i, w := range call.Args {
			v, lit := parser.WordLiteral(w)
			words[i] = parser.Word{Word: w, Value: v, Literal: lit}
		}
		out = append(out, ReadSimple(words, AssignedEnv(call.Assigns)))
		return true
	})
	return out
}

// ReadSimple takes off the wrappers (StripWrappers) and the runners
// (throughRunner) in front of a command and reduces argv[0] to its base
// name: `exec env A=1 npx --yes next dev` becomes `next dev` with A=1;
// `python3 -m flask run` becomes `flask run` (`python -m http.server`
// becomes `http.server`).
func ReadSimple(args []parser.Word, env map[string]string) Simple {
	for {
		cmd, withEnv, ok := StripWrappers(args, env)
		env = withEnv
		if !ok {
			return Simple{Argv: []string{NonLiteral}, Env: env}
		}
		next, isRunner := throughRunner(cmd)
		if !isRunner {
			argv := make([]string, len(cmd))
			for i, w := range cmd {
				argv[i] = w.Value
				if !w.Literal {
					argv[i] = NonLiteral
				}
			}
			argv[0] = path.Base(argv[0])
			return Simple{Argv: argv, Env: env}
		}
		if len(next) == 0 {
			return Simple{Env: env}
		}
		args = next
	}
}

// throughRunner returns the command that a runner runs: `npx next dev`,
// `bundle exec rails s`, `poetry run uvicorn`, `python -m flask run`. These
// are not in the wrapper table, and the package-manager rules (viewCall) do
// not look through them, because they choose which program runs (a
// package's binary, a module) rather than run a given command unchanged:
// `python -m pip` must stay python for asPip, and their options are not
// read, only skipped. For detecting what a CMD or RUN does, the program
// they pick is what counts. ok is false when cmd is not a runner.
func throughRunner(cmd []parser.Word) (next []parser.Word, ok bool) {
	name := path.Base(cmd[0].Value)
	sub := ""
	if len(cmd) > 1 {
		sub = cmd[1].Value
	}
	switch {
	case name == "npx" || name == "pnpx" || name == "bunx":
		return skipFlags(cmd[1:]), true
	case (name == "bundle" || name == "pnpm" || name == "yarn") && sub == "exec",
		(name == "poetry" || name == "pipenv" || name == "uv" || name == "pdm" || name == "rye" || name == "hatch") && sub == "run":
		return skipFlags(cmd[2:]), true
	case IsPythonName(name):
		if i, ok := PythonModule(cmd); ok {
			return cmd[i:], true
		}
	}
	return nil, false
}

// skipFlags drops leading -flags (and a "--" that ends them).
func skipFlags(a []parser.Word) []parser.Word {
	for len(a) > 0 && strings.HasPrefix(a[0].Value, "-") {
		if a[0].Value == "--" {
			return a[1:]
		}
		a = a[1:]
	}
	return a
}

// Name is argv[0], "" for an empty command.
func (c Simple) Name() string {
	if len(c.Argv) == 0 {
		return ""
	}
	return c.Argv[0]
}

// Positional returns the arguments after argv[0] that are not flags.
// Flags that take a value are not known here, so the value of `-r file`
// counts as positional; callers look at flags themselves.
func (c Simple) Positional() []string {
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

// Sub is the first positional argument (the subcommand), "" if none.
func (c Simple) Sub() string {
	if len(c.Argv) < 2 {
		return ""
	}
	for _, a := range c.Argv[1:] {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

// Has tells whether one of the words is exactly one of the given flags,
// or starts with "flag=".
func (c Simple) Has(flags ...string) bool {
	for _, a := range c.Argv[1:] {
		for _, f := range flags {
			if a == f || strings.HasPrefix(a, f+"=") {
				return true
			}
		}
	}
	return false
}

// RunScript returns the package.json script a command runs: `npm run dev`,
// `yarn dev`, `pnpm run dev`, `bun run dev` give "dev"; `npm start` gives
// "start". ok is false for other commands.
func (c Simple) RunScript() (string, bool) {
	switch c.Name() {
	case "npm", "pnpm", "bun", "yarn":
	default:
		return "", false
	}
	p := c.Positional()
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
	if c.Name() == "yarn" || c.Name() == "pnpm" || c.Name() == "bun" {
		switch p[0] {
		case "install", "add", "remove", "i", "ci", "global", "cache", "config", "exec", "dlx", "x", "create", "init", "link", "upgrade", "up", "update", "why", "info", "set", "workspace", "workspaces", "dedupe", "prune", "fetch", "audit", "outdated", "pack", "publish", "version", "rebuild", "store", "patch":
			return "", false
		}
		return p[0], true
	}
	return "", false
}

// CommandInstructions are the CMD and ENTRYPOINT that decide what the final
// image runs: the last ENTRYPOINT of the stage chain, and the last CMD
// unless an ENTRYPOINT set after it (in a later stage) reset it, or the
// ENTRYPOINT is in shell form (which ignores CMD).
func CommandInstructions(final *parser.Stage) (entrypoint, cmd *parser.Instruction) {
	last := parser.ChainFold(final, commandsKey{}, imageCommands{}, imageCommands.then)
	entrypoint, cmd = last.entrypoint, last.cmd
	if entrypoint != nil && !entrypoint.IsJSONForm() {
		cmd = nil
	}
	return entrypoint, cmd
}

// commandsKey keys the imageCommands kept per stage.
type commandsKey struct{}

// imageCommands are the ENTRYPOINT and CMD in effect at the end of a stage,
// before a shell-form ENTRYPOINT drops the CMD. They are kept per stage
// (parser.ChainFold): rules ask for every stage, and a walk of each
// stage's whole chain would be quadratic in a chain of stages.
type imageCommands struct{ entrypoint, cmd *parser.Instruction }

// then is the commands after the instructions of s, on top of c.
func (c imageCommands) then(s *parser.Stage) imageCommands {
	for _, in := range s.Instructions {
		switch in.Name {
		case "entrypoint":
			if c.entrypoint == nil || in.Stage != c.entrypoint.Stage {
				// An ENTRYPOINT set on top of an earlier stage resets the
				// CMD inherited from it.
				if c.cmd != nil && c.cmd.Stage != in.Stage {
					c.cmd = nil
				}
			}
			c.entrypoint = in
		case "cmd":
			c.cmd = in
		}
	}
	return c
}

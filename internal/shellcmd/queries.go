package shellcmd

// Questions several rules and rewrites ask of a command: is it a build, what
// does it install, which ecosystem; and the edit that deletes one line of a
// heredoc script.

import (
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// PlainWord returns the value of a word that means the same as a JSON
// string: literal text and quotes, no expansions, globs, braces, tildes,
// and no backslashes outside single quotes.
func PlainWord(w *syntax.Word) (string, bool) {
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			// A backslash outside quotes is an escape the reader may not
			// have meant (`C:\app` runs as `C:app`): leave it to them.
			if strings.ContainsAny(x.Value, "*?[{~\\") {
				return "", false
			}
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				if l, ok := q.(*syntax.Lit); !ok || strings.Contains(l.Value, `\`) {
					return "", false
				}
			}
		}
	}
	return parser.WordLiteral(w)
}

// PlainCommand reads a shell-form instruction whose script is one simple
// command made only of plain words (PlainWord): no assignments in front,
// no redirections, not negated or in the background. It returns the
// script, the command and its words, a leading `exec` dropped (`exec`
// with options stays). ok is false for anything else. DF501's exec-form
// fix and DF201's split read CMD and ENTRYPOINT this way.
func PlainCommand(in *parser.Instruction) (s *parser.Script, call *syntax.CallExpr, argv []string, ok bool) {
	scripts := in.Scripts()
	if len(scripts) != 1 || scripts[0].AST == nil || len(scripts[0].AST.Stmts) != 1 {
		return nil, nil, nil, false
	}
	s = scripts[0]
	st := s.AST.Stmts[0]
	call, isCall := st.Cmd.(*syntax.CallExpr)
	if !isCall || len(call.Assigns) > 0 || len(st.Redirs) > 0 || st.Negated || st.Background {
		return nil, nil, nil, false
	}
	for _, w := range call.Args {
		v, plain := PlainWord(w)
		if !plain {
			return nil, nil, nil, false
		}
		argv = append(argv, v)
	}
	if len(argv) > 1 && argv[0] == "exec" && !strings.HasPrefix(argv[1], "-") {
		argv = argv[1:]
	}
	return s, call, argv, true
}

// IsBuildCommand recognises the build step of the toolchains DF201 knows.
func IsBuildCommand(c Simple) bool {
	switch c.Name() {
	case "go":
		return c.Sub() == "build" || (c.Sub() == "install" && !HasVersionedPackage(c))
	case "cargo":
		return c.Sub() == "build" || (c.Sub() == "install" && c.Has("--path"))
	case "mvn", "mvnw", "gradle", "gradlew":
		for _, a := range c.Positional() {
			switch a {
			case "package", "install", "verify", "build", "assemble", "bootJar", "jar", "shadowJar", "installDist", "quarkusBuild":
				return true
			}
		}
	case "dotnet":
		return c.Sub() == "publish" || c.Sub() == "build"
	case "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake", "ninja", "javac":
		return true
	case "swift":
		return c.Sub() == "build"
	}
	return false
}

// HasVersionedPackage tells whether `go install` names pkg@version: that
// installs a tool, it does not build the project.
func HasVersionedPackage(c Simple) bool {
	for _, a := range c.Positional()[1:] {
		if strings.Contains(a, "@") {
			return true
		}
	}
	return false
}

// InstalledPackages returns the package operands of an install command and
// the apk --virtual group name, if any.
func InstalledPackages(c *Command) (pkgs []parser.Word, group string) {
	switch c.Name() {
	case "apt-get", "apt":
		if sub, ok := AptInstall(c); ok {
			return c.OperandsAfter(&AptSpec, sub), ""
		}
	case "apk":
		sub, name := ApkSub(c)
		if name == "add" {
			if v, ok := c.OptionValue(&ApkSpec, "--virtual", "-t"); ok {
				group = v
			}
			return c.OperandsAfter(&ApkSpec, sub), group
		}
	default:
		if sub, ok := RpmInstall(c); ok {
			return c.OperandsAfter(RpmSpec(c), sub), ""
		}
	}
	return nil, ""
}

// InstallEcosystem tells whether a command installs (or builds with) a
// project's dependencies from its manifest, and for which ecosystem.
// Installing named packages (`pip install flask`, `npm install -g serve`)
// does not read the manifest and does not count.
func InstallEcosystem(c Simple) (string, bool) {
	name, sub := c.Name(), c.Sub()
	switch {
	case IsPipName(name):
		if sub != "install" {
			return "", false
		}
		if c.Has("-r", "--requirement", "-e", "--editable", "-c") {
			return "python", true
		}
		for _, a := range c.Positional()[1:] {
			if a == "." || strings.HasPrefix(a, "./") || strings.HasPrefix(a, ".[") {
				return "python", true
			}
		}
	case name == "pipenv":
		return "python", sub == "install" || sub == "sync"
	case name == "poetry":
		return "python", sub == "install"
	case name == "pdm":
		return "python", sub == "install" || sub == "sync"
	case name == "uv":
		if sub == "sync" {
			return "python", true
		}
		if sub == "pip" {
			return InstallEcosystem(Simple{Argv: c.Argv[1:]})
		}
	case name == "npm":
		switch sub {
		case "ci", "clean-install":
			return "node", true
		case "install", "i":
			return "node", len(c.Positional()) == 1 && !c.Has("-g", "--global")
		}
	case name == "yarn":
		return "node", (sub == "" || sub == "install") && !c.Has("global")
	case name == "pnpm" || name == "bun":
		return "node", (sub == "install" || sub == "i") && len(c.Positional()) == 1 && !c.Has("-g", "--global")
	case name == "go":
		switch sub {
		case "build":
			return "go", true
		case "mod":
			p := c.Positional()
			return "go", len(p) > 1 && (p[1] == "download" || p[1] == "tidy" || p[1] == "vendor")
		case "get", "install":
			return "go", !HasVersionedPackage(c) && len(c.Positional()) > 1
		}
	case name == "bundle":
		return "ruby", sub == "" || sub == "install"
	case name == "mvn" || name == "mvnw" || name == "gradle" || name == "gradlew":
		return "java", len(c.Positional()) > 0
	case name == "cargo":
		return "rust", sub == "build" || sub == "fetch" || (sub == "install" && c.Has("--path"))
	case name == "composer" || name == "composer.phar":
		return "php", sub == "install" || sub == "update"
	case name == "dotnet":
		return "dotnet", sub == "restore" || sub == "build" || sub == "publish"
	case name == "mix":
		return "elixir", sub == "deps.get"
	}
	return "", false
}

// DeleteScriptLine deletes a statement that has a line of a heredoc script
// to itself, line terminator included.
func DeleteScriptLine(s *parser.Script, st *syntax.Stmt) (edit.Edit, bool) {
	if s.Heredoc == nil || st.Semicolon.IsValid() {
		return edit.Edit{}, false
	}
	top := false
	for _, x := range s.AST.Stmts {
		top = top || x == st
	}
	if !top {
		return edit.Edit{}, false
	}
	f := s.Instruction.File
	start, end := s.Offset(st.Pos()), EndOffset(s, StmtEnd(st))
	line, _ := f.Position(start)
	endLine, _ := f.Position(end)
	if line != endLine || strings.TrimSpace(string(f.Source[f.LineStart(line):start])) != "" ||
		strings.TrimSpace(string(f.Source[end:f.LineEnd(line)])) != "" {
		return edit.Edit{}, false
	}
	from, to := f.LinesRange(line, line)
	return edit.Edit{Start: from, End: to}, true
}

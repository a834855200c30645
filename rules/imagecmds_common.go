package rules

// What DF605–DF607 share: whether a command of a RUN is guarded (run only
// when a test says the tool is there, or allowed to fail), whether the
// stage puts a tool or package in place before a command, and how messages
// name the image.

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// guardedCall tells whether a command runs only under a condition or may
// fail without failing the RUN: inside if, case, a loop or a function
// (multi-distribution scripts test for the tool or the distribution first),
// on either side of `||` (`apt-get install x || apk add x`, `… || true`),
// or after `&&` behind a look-up (`command -v apk && apk add x`,
// `[ -f /etc/alpine-release ] && …`). The rules then say nothing.
func guardedCall(c *parser.Call) bool {
	if c.Script == nil || c.Script.AST == nil || c.Stmt == nil {
		return false
	}
	var stack []syntax.Node
	guarded, found := false, false
	syntax.Walk(c.Script.AST, func(n syntax.Node) bool {
		if found {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if n == syntax.Node(c.Stmt) {
			found = true
			guarded = guardedPath(stack, n)
			return false
		}
		stack = append(stack, n)
		return true
	})
	// A Walk that returns false for a node does not call f(nil) for it;
	// the stack is not read after the statement is found.
	if guarded {
		return true
	}
	if parent := c.Script.Parent; parent != nil {
		at := c.Script.OffsetAt(0)
		for _, pc := range c.Script.Instruction.Calls() {
			if pc.Script == parent && pc.Start() <= at && at < pc.End() {
				return guardedCall(pc)
			}
		}
	}
	return false
}

// guardedPath reads the ancestors of a statement, outermost first.
func guardedPath(stack []syntax.Node, leaf syntax.Node) bool {
	for i, n := range stack {
		child := leaf
		if i+1 < len(stack) {
			child = stack[i+1]
		}
		switch x := n.(type) {
		case *syntax.IfClause, *syntax.CaseClause, *syntax.WhileClause, *syntax.ForClause, *syntax.FuncDecl:
			return true
		case *syntax.BinaryCmd:
			if x.Op == syntax.OrStmt {
				return true
			}
			if x.Op == syntax.AndStmt && child == syntax.Node(x.Y) && hasLookup(x.X) {
				return true
			}
		}
	}
	return false
}

// lookupCommands test whether a tool or a file is there.
var lookupCommands = map[string]bool{"command": true, "which": true, "type": true, "hash": true, "test": true, "[": true}

// hasLookup tells whether a statement tests for a tool or a distribution.
func hasLookup(st *syntax.Stmt) bool {
	found := false
	syntax.Walk(st, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.TestClause:
			found = true
		case *syntax.CallExpr:
			if len(x.Args) > 0 {
				if name, ok := shellcmd.PlainWord(x.Args[0]); ok && lookupCommands[path.Base(name)] {
					found = true
				}
			}
		case *syntax.Word:
			if lit := x.Lit(); strings.Contains(lit, "release") || strings.Contains(lit, "debian_version") {
				found = true
			}
		}
		return !found
	})
	return found
}

// stageHasBefore tells whether the stage of in (and the stages it is built
// on) installs one of pkgs, or copies a file named one of files, before the
// file offset at in in (or in an earlier instruction).
func stageHasBefore(in *parser.Instruction, at int, pkgs, files []string) bool {
	if in.Stage == nil {
		return false
	}
	// The earlier instructions' answer is kept per stage chain
	// (parser.FirstBefore): DF605 and DF606 ask it for every command they
	// report, and a walk of the chain each time is quadratic.
	key := providersKey{strings.Join(pkgs, "\x00") + "\x01" + strings.Join(files, "\x00")}
	if parser.FirstBefore(in, key, func(x *parser.Instruction) bool { return provides(x, -1, pkgs, files) }) != nil {
		return true
	}
	return provides(in, at, pkgs, files)
}

// providersKey keys the first instruction of a stage chain that provides
// one of a list of packages or files.
type providersKey struct{ lists string }

// provides tells whether x (the trigger, for an ONBUILD) installs one of
// pkgs, or copies a file named one of files, before the file offset at
// (anywhere when at is negative).
func provides(x *parser.Instruction, at int, pkgs, files []string) bool {
	if x.Trigger != nil {
		x = x.Trigger
	}
	switch x.Name {
	case "run":
		for _, c := range shellcmd.CommandsIn(x) {
			if at >= 0 && c.Call.Start() >= at {
				break
			}
			ps, _ := shellcmd.InstalledPackages(c)
			for _, p := range ps {
				if p.Literal && containsString(pkgs, packageName(p.Value)) {
					return true
				}
			}
		}
	case "copy", "add":
		for _, a := range x.Args() {
			if containsString(files, path.Base(a)) {
				return true
			}
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// packageName is a package operand without its version or release
// (apk's name=1.2, name>1.2, name~1.2, name@edge; apt's name=1.2,
// name/bookworm-backports, name:amd64).
func packageName(w string) string {
	if i := strings.IndexAny(w, "=<>~@/:"); i > 0 {
		return w[:i]
	}
	return w
}

// standardPath tells whether a command is run by name or from a directory
// where distributions install their tools: a tool run from elsewhere
// (/tmp/apk.static, a mounted /mnt/sbin/apk) is one the Dockerfile brings.
func standardPath(argv0 string) bool {
	if !strings.Contains(argv0, "/") {
		return true
	}
	switch path.Dir(argv0) {
	case "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin":
		return true
	}
	return false
}

// imageFactsFor is the facts of the image the instruction's stage runs on,
// when the data knows its OS; ok is false otherwise and for Windows.
func imageFactsFor(p *Pass, in *parser.Instruction) (images.Info, *parser.Stage, bool) {
	stage := in.Stage
	if stage == nil && in.Parent != nil {
		stage = in.Parent.Stage
	}
	if stage == nil {
		return images.Info{}, nil, false
	}
	info, ok := stageFacts(p, stage)
	if !ok || info.OS == images.OSUnknown {
		return images.Info{}, nil, false
	}
	return info, stage.RootImage(), true
}

// osNames name an OS family in messages.
var osNames = map[images.OS]string{
	images.Debian: "Debian", images.Ubuntu: "Ubuntu", images.Alpine: "Alpine", images.RHEL: "RHEL",
	images.Fedora: "Fedora", images.AmazonLinux: "Amazon Linux", images.SUSE: "SUSE", images.AzureLinux: "Azure Linux",
	images.Wolfi: "Wolfi", images.Distroless: "distroless", images.BusyBox: "BusyBox", images.NoOS: "an empty",
}

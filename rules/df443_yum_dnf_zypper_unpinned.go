package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:       "DF443",
	Name:     "yum-dnf-zypper-unpinned",
	Severity: Info,
	OptIn:    true,
	Summary:  "yum, dnf, microdnf or zypper packages installed without a version",
	Aliases:  []string{"DL3033", "DL3041", "DL3037"},
	Parts:    rpmParts(rpmUnpinned),
	Check:    checkRpmUnpinned,
})

func checkRpmUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if sub, ok := shellcmd.RpmModuleInstall(c); ok {
				var loose []string
				for _, w := range c.OperandsAfter(&shellcmd.RpmYumSpec, sub) {
					if !rpmModuleStreamPinned(w) {
						loose = append(loose, shellcmd.WordText(w))
					}
				}
				if len(loose) > 0 {
					p.Report(c.Call.Start(), c.Call.End(), c.Name()+" modules without a stream: "+shellcmd.QuotedList(loose)+"; name one with `module:stream`", nil)
				}
				continue
			}
			sub, ok := shellcmd.RpmInstall(c)
			if !ok {
				continue
			}
			var loose []string
			for _, w := range c.OperandsAfter(shellcmd.RpmSpec(c), sub) {
				if !rpmPinned(in, c, w) {
					loose = append(loose, shellcmd.WordText(w))
				}
			}
			if len(loose) > 0 {
				p.ReportPart(rpmCode(c, rpmUnpinned), c.Call.Start(), c.Call.End(), c.Name()+" packages without a pinned version: "+shellcmd.QuotedList(loose), nil)
			}
		}
	}
}

// rpmModuleStreamPinned tells whether a `dnf module install` operand names
// a stream (`nodejs:20`, `nodejs:20/minimal`): without one dnf installs the
// default stream, which changes between releases. A word made only of a
// variable is not known and passes.
func rpmModuleStreamPinned(w parser.Word) bool {
	if shellcmd.OnlyVariable(w) {
		return true
	}
	if w.Literal {
		return strings.Contains(w.Value, ":")
	}
	return strings.Contains(shellcmd.LiteralPrefix(w.Word), ":") || wordHasCommandSubst(w)
}

// rpmPinned tells whether a package operand selects a version. The text as
// written decides first (shellcmd.RpmPinned); a word whose version can only
// come from a variable (`git-core-${version}`) counts as pinned only when
// every variable in it is defined: an ARG or ENV of the stage (or of the
// stages it is built on) before the RUN, or an assignment earlier in the
// RUN's script. An undefined variable expands to nothing, and the install
// takes whatever version the repository has.
func rpmPinned(in *parser.Instruction, c *shellcmd.Command, w parser.Word) bool {
	if w.Literal || shellcmd.OnlyVariable(w) {
		return shellcmd.RpmPinned(in.File, w)
	}
	if shellcmd.RpmPinned(in.File, literalParts(w)) {
		return true
	}
	if wordHasCommandSubst(w) {
		return true // `pkg-$(cat VERSION)`: not known, not reported
	}
	names, defaulted := wordParams(w)
	if len(names) == 0 {
		return defaulted
	}
	for _, name := range names {
		if !definedBefore(in, c.Call, name) {
			return false
		}
	}
	return true
}

// literalParts returns the word with its expansions dropped, as a literal
// word: what the text says about a version without the variables.
func literalParts(w parser.Word) parser.Word {
	var b strings.Builder
	for _, part := range w.Word.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			b.WriteString(x.Value)
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				if l, ok := q.(*syntax.Lit); ok {
					b.WriteString(l.Value)
				}
			}
		}
	}
	return parser.Word{Value: b.String(), Literal: true}
}

// wordParams lists the variables a word reads, in order. One with a
// default (`${version:-1.2}`) is left out, since it has a value either way;
// defaulted tells whether there was one.
func wordParams(w parser.Word) (names []string, defaulted bool) {
	syntax.Walk(w.Word, func(n syntax.Node) bool {
		pe, ok := n.(*syntax.ParamExp)
		if !ok || pe.Param == nil {
			return true
		}
		if pe.Exp != nil && pe.Exp.Word != nil && (pe.Exp.Op == syntax.DefaultUnset || pe.Exp.Op == syntax.DefaultUnsetOrNull) {
			defaulted = true
			return false
		}
		names = append(names, pe.Param.Value)
		return true
	})
	return names, defaulted
}

func wordHasCommandSubst(w parser.Word) bool {
	found := false
	syntax.Walk(w.Word, func(n syntax.Node) bool {
		switch n.(type) {
		case *syntax.CmdSubst, *syntax.ArithmExp:
			found = true
		}
		return !found
	})
	return found
}

// definedBefore tells whether a variable is set before a command runs, as
// far as the Dockerfile tells: an ARG (with or without a default: the
// value then comes from --build-arg) or ENV earlier in the stage's chain,
// or an assignment (`v=1`, `export v=1`, `for v in …`, `read v`) earlier
// in the command's script or in the scripts it is nested in (`sh -c`).
func definedBefore(in *parser.Instruction, call *parser.Call, name string) bool {
	for sc, pos := call.Script, call.Expr.Pos(); sc != nil; sc = sc.Parent {
		if assignedBefore(sc, pos, name) {
			return true
		}
		// In the script that runs this one through `sh -c`: anywhere,
		// since the word's position there is not kept.
		if sc.Parent != nil {
			pos = endOfScript(sc.Parent)
		}
	}
	at, stage := in.Index, in.Stage
	if in.Parent != nil {
		at, stage = in.Parent.Index, in.Parent.Stage
	}
	if stage == nil {
		return false
	}
	for x := range stage.ChainInstructions() {
		if x.Index >= at {
			break
		}
		cmd := x.Command
		if x.Trigger != nil {
			if in.Parent == nil {
				continue // an ONBUILD's ENV applies in the images built on this one
			}
			cmd = x.Trigger.Command
		}
		switch cmd := cmd.(type) {
		case *instructions.ArgCommand:
			for _, kv := range cmd.Args {
				if kv.Key == name {
					return true
				}
			}
		case *instructions.EnvCommand:
			for _, kv := range cmd.Env {
				if kv.Key == name {
					return true
				}
			}
		}
	}
	return false
}

func endOfScript(sc *parser.Script) syntax.Pos {
	if sc.AST == nil {
		return syntax.Pos{}
	}
	return sc.AST.End()
}

// assignedBefore tells whether a script assigns a variable before pos.
func assignedBefore(sc *parser.Script, pos syntax.Pos, name string) bool {
	if sc == nil || sc.AST == nil {
		return false
	}
	found := false
	syntax.Walk(sc.AST, func(n syntax.Node) bool {
		if found || n == nil || n.Pos().Offset() >= pos.Offset() {
			return false
		}
		switch x := n.(type) {
		case *syntax.DeclClause:
			for _, a := range x.Args {
				found = found || a.Name != nil && a.Name.Value == name
			}
		case *syntax.CallExpr:
			if len(x.Args) == 0 {
				for _, a := range x.Assigns {
					found = found || a.Name != nil && a.Name.Value == name
				}
			} else if v, ok := parser.WordLiteral(x.Args[0]); ok && v == "read" {
				for _, arg := range x.Args[1:] {
					if v, ok := parser.WordLiteral(arg); ok && v == name {
						found = true
					}
				}
			}
		case *syntax.WordIter:
			found = x.Name != nil && x.Name.Value == name
		}
		return !found
	})
	return found
}

package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:         "DF509",
	Name:       "consecutive-run",
	Severity:   Info,
	OptIn:      true,
	Summary:    "Consecutive RUNs that could be one layer",
	Aliases:    []string{"DL3059"},
	Fix:        Unsafe,
	FixSummary: "join the RUN to the previous one with `&&`",
	Check:      checkConsecutiveRun,
})

// As hadolint's DL3059 (src/Hadolint/Rule/DL3059.hs, read 2026-12-07): a
// RUN that chains two or more commands was most likely split from its
// neighbours on purpose, so neither it nor the RUN next to it is reported.
// (DL3059 says "more than 2", but counts each command twice: ShellCheck's
// syntax tree holds it as a redirection node around a simple-command node,
// and getCommand answers for both.)
const maxJoinableCommands = 1

func checkConsecutiveRun(p *Pass) {
	var prev *parser.Instruction
	for _, in := range p.File.Instructions {
		if in.Name != "run" || in.Trigger != nil {
			prev = nil
			continue
		}
		if prev != nil && sameFlags(prev, in) && commandCount(prev) <= maxJoinableCommands && commandCount(in) <= maxJoinableCommands {
			p.ReportInstruction(in, fmt.Sprintf("RUN directly after the RUN on line %d: consider joining them into one layer", prev.StartLine), joinRunFix(prev, in))
		}
		prev = in
	}
}

func sameFlags(a, b *parser.Instruction) bool {
	fa, fb := a.Flags(), b.Flags()
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if fa[i] != fb[i] {
			return false
		}
	}
	return true
}

// commandCount is the number of commands of a RUN as DL3059 counts them:
// the simple commands that name a program (not bare assignments such as
// `A=1`), including those in command substitutions, but not those inside
// an `sh -c '…'` string, which ShellCheck sees as one word. An exec-form
// RUN is one command.
func commandCount(in *parser.Instruction) int {
	if in.IsJSONForm() {
		return 1
	}
	n := 0
	for _, s := range in.Scripts() {
		if s.Parent != nil || s.AST == nil {
			continue
		}
		syntax.Walk(s.AST, func(node syntax.Node) bool {
			if c, ok := node.(*syntax.CallExpr); ok && len(c.Args) > 0 {
				n++
			}
			return true
		})
	}
	return n
}

// joinRunFix joins b onto a: ` && \` at the end of a's command line, blank
// lines between dropped, b's keyword and flags replaced by an indent.
func joinRunFix(a, b *parser.Instruction) *Fix {
	f := a.File
	if a.IsJSONForm() || b.IsJSONForm() || len(a.Heredocs()) > 0 || len(b.Heredocs()) > 0 {
		return nil
	}
	sa, sb := a.Scripts(), b.Scripts()
	if len(sa) != 1 || len(sb) != 1 || sa[0].AST == nil || sb[0].AST == nil {
		return nil
	}
	la := a.Logical()
	args := strings.TrimRight(la.Args(), " \t")
	if args == "" || strings.ContainsRune(args, '#') || strings.HasSuffix(args, ";") || strings.HasSuffix(args, "&") {
		return nil
	}
	if len(sa[0].AST.Stmts) == 0 || sa[0].AST.Stmts[len(sa[0].AST.Stmts)-1].Background {
		return nil
	}
	if len(sb[0].AST.Stmts) != 1 || !isAndChain(sb[0].AST.Stmts[0]) {
		return nil
	}
	end := la.FileOffset(la.ArgsStart+len(args)-1) + 1
	edits := []Edit{{Start: end, End: end, NewText: " && " + string(f.Escape)}}
	for line := a.EndLine + 1; line < b.StartLine; line++ {
		text := strings.TrimSpace(string(f.Line(line)))
		if strings.Contains(text, "ignore=") || strings.Contains(text, "check=") {
			// An ignore comment above b would end up inside the joined
			// RUN and stop meaning what it says.
			return nil
		}
		if len(text) == 0 {
			// Blank lines go; a run of them is one deletion, so that it
			// reaches from a's line end to the next line it keeps.
			s, e := f.LinesRange(line, line)
			if last := &edits[len(edits)-1]; last.NewText == "" && last.End == s {
				last.End = e
			} else {
				edits = append(edits, Edit{Start: s, End: e})
			}
		}
	}
	lb := b.Logical()
	edits = append(edits, Edit{Start: f.LineStart(b.StartLine), End: lb.FileOffset(lb.ArgsStart), NewText: "    "})
	return &Fix{
		Title:         fmt.Sprintf("Join this RUN to the one on line %d", a.StartLine),
		Applicability: Unsafe,
		Edits:         edits,
	}
}

// isAndChain tells whether a statement is a simple command or an `&&`
// chain of them (pipelines allowed: they bind tighter than `&&`), so that
// `prev && stmt` means "prev, then stmt".
func isAndChain(st *syntax.Stmt) bool {
	if st.Background || st.Coprocess || st.Negated || len(st.Redirs) > 0 && st.Cmd == nil {
		return false
	}
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		return true
	case *syntax.BinaryCmd:
		return (c.Op == syntax.AndStmt || c.Op == syntax.Pipe) && isAndChain(c.X) && isAndChain(c.Y)
	}
	return false
}

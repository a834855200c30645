package parser

import (
	"path"
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

// Script is shell source taken from a Dockerfile (a RUN's command line, a
// heredoc body, or the string of an `sh -c '…'` inside one) with its syntax
// tree and the file offset of every source byte.
type Script struct {
	Instruction *Instruction
	// Source is the shell text as the shell sees it.
	Source string
	// AST is nil when Err is set.
	AST *syntax.File
	Err error
	// Heredoc is set when the script is a heredoc body run as a script.
	Heredoc *HeredocBody
	// Parent is the script holding the `sh -c` word this one came from.
	Parent *Script

	offsets []int // offsets[i] is the file offset of Source[i]; one extra at the end
}

// Offset maps a position in the script to a file offset.
func (s *Script) Offset(p syntax.Pos) int { return s.OffsetAt(int(p.Offset())) }

// OffsetAt maps an index of Source (0..len(Source)) to a file offset.
func (s *Script) OffsetAt(i int) int {
	if i < 0 {
		i = 0
	}
	if i >= len(s.offsets) {
		i = len(s.offsets) - 1
	}
	return s.offsets[i]
}

// End is the file offset just past the script's last byte.
func (s *Script) End() int { return s.offsets[len(s.offsets)-1] }

// posixShells are the shells whose syntax mvdan.cc/sh understands.
var posixShells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "ksh": true, "mksh": true, "zsh": true, "busybox": true}

// IsPOSIXShell tells whether argv[0] names a POSIX-like shell.
func IsPOSIXShell(argv0 string) bool {
	return posixShells[path.Base(strings.ToLower(argv0))]
}

// Scripts returns the shell scripts of a shell-form RUN, CMD or ENTRYPOINT
// (or of such an ONBUILD trigger): the command line and, when a heredoc is
// run as a script, its body. It is empty for the exec (JSON) form, for
// other instructions, and when
// the active SHELL is not a POSIX shell (PowerShell, cmd). Each script is
// parsed once.
func (in *Instruction) Scripts() []*Script {
	in.scriptsOnce.Do(func() { in.scripts = in.buildScripts() })
	return in.scripts
}

func (in *Instruction) buildScripts() []*Script {
	if in.Trigger != nil {
		return in.Trigger.Scripts()
	}
	var shellForm bool
	switch c := in.Command.(type) {
	case *instructions.RunCommand:
		shellForm = c.PrependShell
	case *instructions.CmdCommand:
		shellForm = c.PrependShell
	case *instructions.EntrypointCommand:
		shellForm = c.PrependShell
	}
	if !shellForm || len(in.Shell) == 0 || !IsPOSIXShell(in.Shell[0]) {
		return nil
	}
	lg := in.Logical()
	bodies := in.Heredocs()
	var b scriptBuilder
	size := len(lg.Text) - lg.ArgsStart + 2 // the command line, its newline and the end
	for _, h := range bodies {
		size += in.File.LineEnd(h.TerminatorLine) - h.Start + 1
	}
	b.grow(size)
	b.add(lg.Text[lg.ArgsStart:], lg.Offsets[lg.ArgsStart:len(lg.Offsets)-1])
	end := lg.Offsets[len(lg.Offsets)-1]
	for _, h := range bodies {
		// The bodies follow the command line as they would in a shell
		// script, so that the heredoc operators parse.
		b.synthetic('\n', end)
		b.addRaw(in.File.Source, h.Start, in.File.LineEnd(h.TerminatorLine))
		end = in.File.LineEnd(h.TerminatorLine)
	}
	b.synthetic('\n', end)
	main := b.script(in, end)
	out := []*Script{main}
	if main.AST == nil || len(bodies) == 0 {
		return out
	}
	if !heredocIsScript(main.AST) {
		return out
	}
	for i := range bodies {
		h := &bodies[i]
		body := string(in.File.Source[h.Start:h.End])
		if strings.HasPrefix(body, "#!") {
			first, _, _ := strings.Cut(body, "\n")
			interp := strings.Fields(strings.TrimPrefix(first, "#!"))
			if len(interp) == 0 {
				continue
			}
			prog := interp[0]
			if path.Base(prog) == "env" && len(interp) > 1 {
				prog = interp[1]
			}
			if !IsPOSIXShell(prog) {
				continue
			}
		}
		var hb scriptBuilder
		hb.grow(h.End - h.Start + 1)
		hb.addRaw(in.File.Source, h.Start, h.End)
		s := hb.script(in, h.End)
		s.Heredoc = h
		out = append(out, s)
	}
	return out
}

// heredocIsScript tells whether the command line runs its heredoc as a shell
// script: `RUN <<EOF` alone, or `RUN bash <<EOF` (a shell reading stdin).
func heredocIsScript(f *syntax.File) bool {
	if len(f.Stmts) != 1 {
		return false
	}
	st := f.Stmts[0]
	if st.Cmd == nil {
		return true
	}
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	name, ok := WordLiteral(call.Args[0])
	if !ok || !IsPOSIXShell(name) {
		return false
	}
	for _, a := range call.Args[1:] {
		if v, _ := WordLiteral(a); v == "-c" {
			return false
		}
	}
	for _, r := range st.Redirs {
		if (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) && (r.N == nil || r.N.Value == "0") {
			return true
		}
	}
	return false
}

// scriptBuilder assembles shell source with its offset table.
type scriptBuilder struct {
	src  strings.Builder
	offs []int
}

// grow makes room for n bytes (and their offsets) in one allocation
// rather than in a doubling per append.
func (b *scriptBuilder) grow(n int) {
	b.src.Grow(n)
	b.offs = make([]int, 0, n)
}

func (b *scriptBuilder) add(text string, offs []int) {
	b.src.WriteString(text)
	b.offs = append(b.offs, offs...)
}

// addRaw adds file bytes [start,end), dropping the '\r' of CRLF endings.
func (b *scriptBuilder) addRaw(src []byte, start, end int) {
	for i := start; i < end; i++ {
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			// The newline stands for the whole "\r\n": an edit at the end
			// of the line goes before the '\r'.
			b.src.WriteByte('\n')
			b.offs = append(b.offs, i)
			i++
			continue
		}
		b.src.WriteByte(src[i])
		b.offs = append(b.offs, i)
	}
}

// synthetic adds a byte that is not in the file, mapped to offset at.
func (b *scriptBuilder) synthetic(c byte, at int) {
	b.src.WriteByte(c)
	b.offs = append(b.offs, at)
}

// shellParsers hands out parsers for one script at a time (a syntax.Parser
// is not safe for concurrent use, and is reusable once done: pooling them
// saves the 2 KiB of buffers each holds). Bash is the most permissive
// dialect: scripts written for dash parse with it, and so do the bash-isms
// of files that set `SHELL ["/bin/bash", "-c"]`.
var shellParsers = sync.Pool{New: func() any {
	return syntax.NewParser(syntax.Variant(syntax.LangBash), syntax.KeepComments(false))
}}

func (b *scriptBuilder) script(in *Instruction, end int) *Script {
	s := &Script{Instruction: in, Source: b.src.String(), offsets: append(b.offs, end)}
	p := shellParsers.Get().(*syntax.Parser)
	f, err := p.Parse(strings.NewReader(s.Source), "")
	shellParsers.Put(p)
	if err != nil {
		s.Err = err
	} else {
		s.AST = f
	}
	return s
}

// WordLiteral returns the value of a word made only of literal text and
// quotes (no expansions): `apt-get`, `'a b'`, `"-y"`. ok is false otherwise.
func WordLiteral(w *syntax.Word) (string, bool) {
	if w == nil {
		return "", false
	}
	if len(w.Parts) == 1 {
		// Most words are one plain or single-quoted part: no copy.
		switch x := w.Parts[0].(type) {
		case *syntax.Lit:
			return unescapeLit(x.Value), true
		case *syntax.SglQuoted:
			if !x.Dollar {
				return x.Value, true
			}
		}
	}
	var sb strings.Builder
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			sb.WriteString(unescapeLit(x.Value))
		case *syntax.SglQuoted:
			if x.Dollar {
				return "", false
			}
			sb.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok {
					return "", false
				}
				sb.WriteString(l.Value)
			}
		default:
			return "", false
		}
	}
	return sb.String(), true
}

func unescapeLit(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

// Call is one simple command found in a script.
type Call struct {
	Script *Script
	Expr   *syntax.CallExpr
	// Stmt is the statement the command belongs to.
	Stmt *syntax.Stmt
	Args []Word
}

// Word is one argument of a Call.
type Word struct {
	*syntax.Word
	// Value is the literal value; "" when Literal is false.
	Value string
	// Literal is false when the word has expansions ($X, $(…), globs kept).
	Literal bool
	// Start and End are the word's byte range in the file.
	Start, End int
}

// Name is the command's base name ("apt-get" for /usr/bin/apt-get), or ""
// when the command word is not literal.
func (c *Call) Name() string {
	if len(c.Args) == 0 || !c.Args[0].Literal {
		return ""
	}
	return path.Base(c.Args[0].Value)
}

// Start and End are the call's byte range in the file.
func (c *Call) Start() int { return c.Script.Offset(c.Expr.Pos()) }
func (c *Call) End() int   { return c.Script.Offset(c.Expr.End()) }

// Calls lists every simple command of the instruction's scripts in source
// order, including the commands inside `sh -c '…'` strings and command
// substitutions.
//
// The list is built once and shared by every rule: do not modify it.
func (in *Instruction) Calls() []*Call {
	in.callsOnce.Do(func() {
		for _, s := range in.Scripts() {
			in.calls = append(in.calls, s.Calls()...)
		}
	})
	return in.calls
}

// Calls lists the script's simple commands in source order, descending into
// `sh -c` strings whose text is literal.
func (s *Script) Calls() []*Call {
	if s.AST == nil {
		return nil
	}
	var out []*Call
	var stmt *syntax.Stmt
	syntax.Walk(s.AST, func(n syntax.Node) bool {
		switch x := n.(type) {
		case *syntax.Stmt:
			stmt = x
		case *syntax.CallExpr:
			c := &Call{Script: s, Expr: x, Stmt: stmt, Args: make([]Word, 0, len(x.Args))}
			for _, w := range x.Args {
				v, ok := WordLiteral(w)
				c.Args = append(c.Args, Word{Word: w, Value: v, Literal: ok, Start: s.Offset(w.Pos()), End: s.Offset(w.End())})
			}
			out = append(out, c)
			if inner := s.shellDashC(c); inner != nil {
				out = append(out, inner.Calls()...)
			}
		}
		return true
	})
	return out
}

// shellDashC parses the string of `sh -c 'script'` as a nested script when
// the word's text maps one to one onto the file (single quotes, or plain
// double quotes and bare words without backslashes).
func (s *Script) shellDashC(c *Call) *Script {
	if !IsPOSIXShell(c.Name()) {
		return nil
	}
	for i := 1; i+1 < len(c.Args); i++ {
		if c.Args[i].Value != "-c" {
			continue
		}
		w := c.Args[i+1].Word
		if len(w.Parts) != 1 {
			return nil
		}
		var start int
		var text string
		switch p := w.Parts[0].(type) {
		case *syntax.SglQuoted:
			if p.Dollar {
				return nil
			}
			start, text = int(p.Pos().Offset())+1, p.Value
		case *syntax.DblQuoted:
			if len(p.Parts) != 1 {
				return nil
			}
			l, ok := p.Parts[0].(*syntax.Lit)
			if !ok || strings.Contains(l.Value, "\\") {
				return nil
			}
			start, text = int(l.Pos().Offset()), l.Value
		case *syntax.Lit:
			if strings.Contains(p.Value, "\\") {
				return nil
			}
			start, text = int(p.Pos().Offset()), p.Value
		default:
			return nil
		}
		// The shell's lexer drops some bytes (NUL) from a word's value;
		// nest only when the value is the source text byte for byte, so
		// that every position maps back onto the file.
		if start+len(text) > len(s.Source) || s.Source[start:start+len(text)] != text {
			return nil
		}
		var b scriptBuilder
		b.grow(len(text) + 1)
		for j := range len(text) { // every byte: ranging over the string would step by rune
			b.offs = append(b.offs, s.OffsetAt(start+j))
		}
		b.src.WriteString(text)
		inner := b.script(s.Instruction, s.OffsetAt(start+len(text)))
		inner.Parent = s
		return inner
	}
	return nil
}

package parser_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/fuzzseed"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// FuzzParse checks the model Parse builds on any input: it never panics, a
// parse error names a line, and a parsed file's instructions lie in the
// text in order, each from the start of its first line to the end of its
// last, with nothing but blank and comment lines between them; logical
// lines, comments and directives point at the bytes they hold.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzseed.Dockerfiles(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		pf := parser.Parse("Dockerfile", src)
		if err := checkModel(pf); err != nil {
			t.Fatalf("%v\ninput: %q", err, src)
		}
	})
}

// FuzzShellMapping checks the map from shell positions back to the file:
// every byte of every script of every RUN, CMD and ENTRYPOINT (heredoc
// bodies and `sh -c` strings included) maps inside its instruction, in
// order, onto the same byte in the file (a newline the shell needs but the
// file does not have maps to a line end); and the file text of every word
// of every command is the word's shell source when the word spans no
// removed continuation.
func FuzzShellMapping(f *testing.F) {
	for _, s := range fuzzseed.Dockerfiles(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		pf := parser.Parse("Dockerfile", src)
		if pf.Err != nil {
			return
		}
		for _, in := range pf.Instructions {
			for _, x := range []*parser.Instruction{in, in.Trigger} {
				if x == nil {
					continue
				}
				if err := checkScripts(x); err != nil {
					t.Fatalf("%s on line %d: %v\ninput: %q", x.Keyword, x.StartLine, err, src)
				}
			}
		}
	})
}

func checkModel(f *parser.File) error {
	src := f.Source
	if !bytes.Equal(src, f.Source) || f.Path != "Dockerfile" {
		return fmt.Errorf("path or source not kept")
	}
	// Lines: starts increase and Position inverts LineStart.
	for n := 1; n <= f.LineCount(); n++ {
		s, e := f.LineStart(n), f.LineEnd(n)
		if s < 0 || s > e || e > len(src) || (n > 1 && f.LineStart(n-1) >= s) {
			return fmt.Errorf("line %d spans [%d,%d) in %d bytes", n, s, e, len(src))
		}
		if l, c := f.Position(s); l != n || c != 1 {
			return fmt.Errorf("Position(LineStart(%d)) = %d:%d", n, l, c)
		}
		if bytes.ContainsRune(f.Line(n), '\n') {
			return fmt.Errorf("line %d holds a newline", n)
		}
	}
	if f.Err != nil {
		if f.Err.Line < 1 || f.Err.Message == "" {
			return fmt.Errorf("parse error without line or message: %+v", f.Err)
		}
		return nil
	}
	covered := make([]bool, f.LineCount()+2)
	prevEnd := -1
	for i, in := range f.Instructions {
		if in.Index != i || in.File != f {
			return fmt.Errorf("instruction %d: Index %d", i, in.Index)
		}
		if in.StartLine < 1 || in.StartLine > in.EndLine || in.EndLine > f.LineCount() {
			return fmt.Errorf("instruction %d: lines %d-%d of %d", i, in.StartLine, in.EndLine, f.LineCount())
		}
		wantStart := f.LineStart(in.StartLine)
		if in.StartLine == 1 && f.HasBOM {
			wantStart += 3
		}
		if in.Start != wantStart || in.End != f.LineEnd(in.EndLine) {
			return fmt.Errorf("instruction %d (lines %d-%d): range [%d,%d), want [%d,%d)", i, in.StartLine, in.EndLine, in.Start, in.End, wantStart, f.LineEnd(in.EndLine))
		}
		if in.Start <= prevEnd {
			return fmt.Errorf("instruction %d starts at %d, before the previous one ends (%d)", i, in.Start, prevEnd)
		}
		prevEnd = in.End
		for n := in.StartLine; n <= in.EndLine; n++ {
			covered[n] = true
		}
		lg := in.Logical()
		kw := lg.FileOffset(lg.KeywordStart)
		if in.Keyword == "" || kw+len(in.Keyword) > len(src) || !strings.EqualFold(string(src[kw:kw+len(in.Keyword)]), in.Keyword) || !strings.HasPrefix(in.Name, strings.ToLower(in.Keyword)) {
			return fmt.Errorf("instruction %d: keyword %q, name %q, text %q", i, in.Keyword, in.Name, in.Text())
		}
		if t := in.Trigger; t != nil && (t.Start != in.Start || t.End != in.End || t.Parent != in) {
			return fmt.Errorf("instruction %d: trigger range [%d,%d) differs from its ONBUILD's", i, t.Start, t.End)
		}
		for _, x := range []*parser.Instruction{in, in.Trigger} {
			if x == nil {
				continue
			}
			if err := checkLogical(x); err != nil {
				return fmt.Errorf("instruction %d (line %d): %v", i, in.StartLine, err)
			}
			for _, h := range x.Heredocs() {
				if h.Start < in.Start || h.Start > h.End || h.End > in.End+1 {
					return fmt.Errorf("instruction %d: heredoc %s body [%d,%d) outside [%d,%d)", i, h.Heredoc.Name, h.Start, h.End, in.Start, in.End)
				}
			}
		}
	}
	// Between instructions there are only blank lines and comments.
	for n := 1; n <= f.LineCount(); n++ {
		if covered[n] {
			continue
		}
		line := f.Line(n)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		t := bytes.TrimLeft(line, " \t\r\v\f")
		if len(t) > 0 && t[0] != '#' {
			return fmt.Errorf("line %d is in no instruction and is not blank or a comment: %q", n, line)
		}
	}
	for _, c := range f.Comments {
		if c.Start < 0 || c.Start >= c.End && c.Start >= len(src) || c.End > len(src) || src[c.Start] != '#' {
			return fmt.Errorf("comment on line %d: range [%d,%d) does not start at '#'", c.Line, c.Start, c.End)
		}
		if l, _ := f.Position(c.Start); l != c.Line {
			return fmt.Errorf("comment says line %d, its offset is on line %d", c.Line, l)
		}
	}
	for _, d := range f.Directives {
		if d.Start < 0 || d.Start > d.End || d.End != f.LineEnd(d.Line) {
			return fmt.Errorf("directive %s on line %d: range [%d,%d)", d.Name, d.Line, d.Start, d.End)
		}
	}
	for _, s := range f.Stages {
		if s.From == nil || s.From.Stage != s || len(s.Instructions) == 0 || s.Instructions[0] != s.From {
			return fmt.Errorf("stage %d does not start with its FROM", s.Index)
		}
		for _, in := range s.Instructions {
			if in.Stage != s {
				return fmt.Errorf("stage %d lists the %s on line %d, which names another stage", s.Index, in.Keyword, in.StartLine)
			}
		}
	}
	return nil
}

// checkLogical checks that every byte of the logical line is the file's
// byte at its offset, and that offsets increase inside the instruction.
func checkLogical(in *parser.Instruction) error {
	lg := in.Logical()
	src := in.File.Source
	if len(lg.Offsets) != len(lg.Text)+1 {
		return fmt.Errorf("logical line: %d offsets for %d bytes", len(lg.Offsets), len(lg.Text))
	}
	if lg.KeywordStart > lg.ArgsStart || lg.ArgsStart > len(lg.Text) {
		return fmt.Errorf("logical line: keyword at %d, args at %d, of %d bytes", lg.KeywordStart, lg.ArgsStart, len(lg.Text))
	}
	for i := 0; i < len(lg.Text); i++ {
		o := lg.Offsets[i]
		if o < in.Start || o >= in.End || src[o] != lg.Text[i] {
			return fmt.Errorf("logical byte %d (%q) maps to offset %d, outside [%d,%d) or another byte", i, lg.Text[i], o, in.Start, in.End)
		}
		if lg.Offsets[i+1] <= o {
			return fmt.Errorf("logical offsets go back at byte %d", i)
		}
	}
	if last := lg.Offsets[len(lg.Text)]; last < in.Start || last > in.End {
		return fmt.Errorf("logical end offset %d outside [%d,%d]", last, in.Start, in.End)
	}
	return nil
}

func checkScripts(in *parser.Instruction) error {
	src := in.File.Source
	lo, hi := in.Start, in.End
	if in.Parent != nil {
		lo, hi = in.Parent.Start, in.Parent.End
	}
	for _, s := range in.Scripts() {
		if err := checkScript(s, src, lo, hi); err != nil {
			return err
		}
	}
	for _, c := range in.Calls() {
		if err := checkScript(c.Script, src, lo, hi); err != nil {
			return fmt.Errorf("script of a nested command: %v", err)
		}
		for _, w := range c.Args {
			if w.Start < lo || w.Start > w.End || w.End > hi {
				return fmt.Errorf("word %q maps to [%d,%d), outside [%d,%d)", w.Value, w.Start, w.End, lo, hi)
			}
			text := c.Script.Source[w.Word.Pos().Offset():w.Word.End().Offset()]
			if w.End-w.Start == len(text) && string(src[w.Start:w.End]) != text {
				return fmt.Errorf("word %q: file text %q differs", text, src[w.Start:w.End])
			}
			if w.Start != c.Script.Offset(w.Word.Pos()) {
				return fmt.Errorf("word %q: Start %d, Offset(Pos) %d", text, w.Start, c.Script.Offset(w.Word.Pos()))
			}
		}
	}
	return nil
}

func checkScript(s *parser.Script, src []byte, lo, hi int) error {
	lg := s.Instruction.Logical()
	logicalEnd := lg.Offsets[len(lg.Text)]
	prev := -1
	for i := 0; i <= len(s.Source); i++ {
		o := s.OffsetAt(i)
		if o < lo || o > hi || o < prev {
			return fmt.Errorf("script byte %d of %q maps to %d: outside [%d,%d] or before %d", i, s.Source, o, lo, hi, prev)
		}
		prev = o
		if i == len(s.Source) {
			break
		}
		c := s.Source[i]
		switch {
		case o < len(src) && src[o] == c:
		case c == '\n' && (o == len(src) || src[o] == '\r' || src[o] == '\n' || o == logicalEnd || (i > 0 && o == s.OffsetAt(i-1)+1)):
			// A line end the shell needs: CRLF as one newline, or the
			// newline added after the command line (at the end of the
			// logical line) and after heredoc bodies.
		default:
			return fmt.Errorf("script byte %d %q maps to offset %d, which holds %q", i, c, o, byteAt(src, o))
		}
	}
	if s.AST == nil {
		return nil
	}
	var err error
	syntax.Walk(s.AST, func(n syntax.Node) bool {
		if n == nil || err != nil {
			return err == nil
		}
		p, e := n.Pos(), n.End()
		if !p.IsValid() || !e.IsValid() {
			return true
		}
		if int(p.Offset()) > int(e.Offset()) || int(e.Offset()) > len(s.Source) {
			err = fmt.Errorf("%T spans [%d,%d) of a %d-byte script", n, p.Offset(), e.Offset(), len(s.Source))
		} else if s.Offset(p) > s.Offset(e) {
			err = fmt.Errorf("%T maps to [%d,%d)", n, s.Offset(p), s.Offset(e))
		}
		return err == nil
	})
	return err
}

func byteAt(src []byte, o int) string {
	if o < 0 || o >= len(src) {
		return "EOF"
	}
	return string(src[o])
}

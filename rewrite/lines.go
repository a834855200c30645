package rewrite

// Edits that add, move or remove whole instructions (DF202's and DF301's
// fixes): new lines take the indentation of the instruction they sit next
// to, the file's line terminator and the keyword case of the file, and an
// instruction moves together with the comment lines directly above it (its
// doc comment, ignore and `# check=` comments).

import (
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
)

// blockStart is the file offset where an instruction's block starts: its
// first comment line directly above, or its own first line (after a BOM).
func blockStart(in *parser.Instruction) int {
	f := in.File
	line := in.StartLine
	if cs := f.CommentsAbove(in); len(cs) > 0 {
		line = cs[0].Line
	}
	start := f.LineStart(line)
	if line == 1 && f.HasBOM {
		start += 3
	}
	return start
}

// BlockEnd is the file offset just past an instruction's last line
// terminator (the end of the file when its last line has none).
func BlockEnd(in *parser.Instruction) int {
	f := in.File
	if in.EndLine < f.LineCount() {
		return f.LineStart(in.EndLine + 1)
	}
	return len(f.Source)
}

// InstructionIndent is the run of spaces and tabs the instruction's first
// line starts with.
func InstructionIndent(in *parser.Instruction) string {
	line := string(in.File.Line(in.StartLine))
	if in.StartLine == 1 && in.File.HasBOM {
		line = strings.TrimPrefix(line, "\uFEFF")
	}
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}

// KeywordLike writes an instruction keyword in the case the file uses for
// ref's keyword: lower case when ref's is, else upper case.
func KeywordLike(ref *parser.Instruction, kw string) string {
	if ref.Keyword == strings.ToLower(ref.Keyword) {
		return strings.ToLower(kw)
	}
	return strings.ToUpper(kw)
}

// LinesText joins instruction lines, each indented and terminated the way
// the file does it.
func LinesText(ref *parser.Instruction, lines ...string) string {
	var sb strings.Builder
	indent, nl := InstructionIndent(ref), ref.File.NewlineStyle()
	for _, l := range lines {
		sb.WriteString(indent + l + nl)
	}
	return sb.String()
}

// InsertLinesBefore returns the edit that puts new instruction lines above
// the instruction and its comments.
func InsertLinesBefore(in *parser.Instruction, lines ...string) edit.Edit {
	at := blockStart(in)
	return edit.Edit{Start: at, End: at, NewText: LinesText(in, lines...)}
}

// InsertAfter returns the edit that puts text (whole lines, each ending in
// a terminator) after the instruction. When the instruction ends the file
// without a final newline, the text goes after a new terminator and loses
// its own last one, so that the file still ends without a newline.
func InsertAfter(in *parser.Instruction, text string) edit.Edit {
	f := in.File
	at := BlockEnd(in)
	if at == len(f.Source) && !strings.HasSuffix(string(f.Source), "\n") {
		nl := f.NewlineStyle()
		text = nl + strings.TrimSuffix(text, nl)
		if strings.HasSuffix(string(f.Source), "\r") {
			at-- // a last line that ends in a bare CR keeps it last
		}
	}
	return edit.Edit{Start: at, End: at, NewText: text}
}

// BlockText is an instruction with its comments above and its line
// terminator, as written: what a move deletes and inserts elsewhere.
func BlockText(in *parser.Instruction) string {
	t := string(in.File.Source[blockStart(in):BlockEnd(in)])
	if !strings.HasSuffix(t, "\n") {
		t += in.File.NewlineStyle()
	}
	return t
}

// DeleteBlock returns the edit that removes an instruction with its
// comments above and its line terminator.
// When blank lines surround it, the blank line after it goes too, so that
// the move leaves one blank line, not two.
func DeleteBlock(in *parser.Instruction) edit.Edit {
	f := in.File
	e := edit.Edit{Start: blockStart(in), End: BlockEnd(in)}
	first, _ := f.Position(e.Start)
	after := in.EndLine + 1
	if first > 1 && after < f.LineCount() && blankLine(f, first-1) && blankLine(f, after) && !blankLine(f, after+1) {
		e.End = f.LineStart(after + 1)
	}
	return e
}

// blankLine tells whether line n holds only spaces and tabs.
func blankLine(f *parser.File, n int) bool {
	return strings.TrimSpace(string(f.Line(n))) == ""
}

// FlagsText is the instruction's --flags as written on its logical line,
// each with a leading space (" --chown=app:app --link"), or "".
func FlagsText(in *parser.Instruction) string {
	var sb strings.Builder
	for _, fl := range in.Flags() {
		sb.WriteString(" " + fl)
	}
	return sb.String()
}

// PlainPath tells whether a path can be written in a shell-form COPY or
// RUN without quoting: no spaces, quotes, variables or globs.
func PlainPath(p string) bool {
	if p == "" {
		return false
	}
	for _, r := range p {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case strings.ContainsRune("._-/+@:=,", r):
		default:
			return false
		}
	}
	return true
}

// EndsInContinuation tells whether the instruction is still open at its
// end: the last line of its logical line ends with the escape character,
// and nothing after it closed it (BuildKit carries blank lines and comment
// lines, however indented, into a continuation). Text inserted after it
// would join it. An instruction with heredocs ends at its last terminator.
func EndsInContinuation(in *parser.Instruction) bool {
	if in.Node != nil && len(in.Node.Heredocs) > 0 {
		return false
	}
	f := in.File
	// As BuildKit reads the line: without its terminator, then with the
	// escape character last but for spaces and tabs, and not escaped
	// itself.
	line := strings.TrimRight(string(f.Line(in.Logical().EndLine)), "\r\n")
	line = strings.TrimRight(line, " \t")
	esc := string(f.Escape)
	return strings.HasSuffix(line, esc) && !strings.HasSuffix(line, esc+esc)
}

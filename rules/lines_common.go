package rules

// Edits that add, move or remove whole instructions (DF202's and DF301's
// fixes): new lines take the indentation of the instruction they sit next
// to, the file's line terminator and the keyword case of the file, and an
// instruction moves together with the comment lines directly above it (its
// doc comment, ignore and `# check=` comments).

import (
	"path"
	"strings"

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

// blockEnd is the file offset just past an instruction's last line
// terminator (the end of the file when its last line has none).
func blockEnd(in *parser.Instruction) int {
	f := in.File
	if in.EndLine < f.LineCount() {
		return f.LineStart(in.EndLine + 1)
	}
	return len(f.Source)
}

// instructionIndent is the run of spaces and tabs the instruction's first
// line starts with.
func instructionIndent(in *parser.Instruction) string {
	line := string(in.File.Line(in.StartLine))
	if in.StartLine == 1 && in.File.HasBOM {
		line = strings.TrimPrefix(line, "\uFEFF")
	}
	return line[:len(line)-len(strings.TrimLeft(line, " \t"))]
}

// keywordLike writes an instruction keyword in the case the file uses for
// ref's keyword: lower case when ref's is, else upper case.
func keywordLike(ref *parser.Instruction, kw string) string {
	if ref.Keyword == strings.ToLower(ref.Keyword) {
		return strings.ToLower(kw)
	}
	return strings.ToUpper(kw)
}

// linesText joins instruction lines, each indented and terminated the way
// the file does it.
func linesText(ref *parser.Instruction, lines ...string) string {
	var sb strings.Builder
	indent, nl := instructionIndent(ref), ref.File.NewlineStyle()
	for _, l := range lines {
		sb.WriteString(indent + l + nl)
	}
	return sb.String()
}

// insertLinesBefore returns the edit that puts new instruction lines above
// the instruction and its comments.
func insertLinesBefore(in *parser.Instruction, lines ...string) Edit {
	at := blockStart(in)
	return Edit{Start: at, End: at, NewText: linesText(in, lines...)}
}

// insertAfter returns the edit that puts text (whole lines, each ending in
// a terminator) after the instruction. When the instruction ends the file
// without a final newline, the text goes after a new terminator and loses
// its own last one, so that the file still ends without a newline.
func insertAfter(in *parser.Instruction, text string) Edit {
	f := in.File
	at := blockEnd(in)
	if at == len(f.Source) && !strings.HasSuffix(string(f.Source), "\n") {
		nl := f.NewlineStyle()
		text = nl + strings.TrimSuffix(text, nl)
		if strings.HasSuffix(string(f.Source), "\r") {
			at-- // a last line that ends in a bare CR keeps it last
		}
	}
	return Edit{Start: at, End: at, NewText: text}
}

// blockText is an instruction with its comments above and its line
// terminator, as written: what a move deletes and inserts elsewhere.
func blockText(in *parser.Instruction) string {
	t := string(in.File.Source[blockStart(in):blockEnd(in)])
	if !strings.HasSuffix(t, "\n") {
		t += in.File.NewlineStyle()
	}
	return t
}

// deleteBlock returns the edit that removes an instruction with its
// comments above and its line terminator.
// When blank lines surround it, the blank line after it goes too, so that
// the move leaves one blank line, not two.
func deleteBlock(in *parser.Instruction) Edit {
	f := in.File
	e := Edit{Start: blockStart(in), End: blockEnd(in)}
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

// flagsText is the instruction's --flags as written on its logical line,
// each with a leading space (" --chown=app:app --link"), or "".
func flagsText(in *parser.Instruction) string {
	var sb strings.Builder
	for _, fl := range in.Flags() {
		sb.WriteString(" " + fl)
	}
	return sb.String()
}

// workdirAt returns the working directory an instruction runs in, from the
// WORKDIRs of its stage chain. A path that no WORKDIR made absolute is
// relative to the base image's own working directory, which dflint does not
// know: it is returned as "@base" joined with the relative part, so that two
// such directories still compare. ok is false when a WORKDIR has a variable
// without a known value.
func workdirAt(in *parser.Instruction) (dir string, ok bool) {
	dir = "@base"
	for x := range in.Stage.ChainInstructions() {
		if x == in || x.Stage == in.Stage && x.Index >= in.Index {
			break
		}
		if x.Name != "workdir" || x.Trigger != nil {
			continue
		}
		args := x.Args()
		if len(args) == 0 {
			continue
		}
		w, ok := expandWord(x, args[0])
		if !ok {
			return "", false
		}
		dir = joinDir(dir, w)
	}
	return dir, true
}

// joinDir resolves p against dir the way WORKDIR and COPY destinations
// are resolved ("@base" stands for the image's unknown directory).
func joinDir(dir, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

// plainPath tells whether a path can be written in a shell-form COPY or
// RUN without quoting: no spaces, quotes, variables or globs.
func plainPath(p string) bool {
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

// endsInContinuation tells whether the instruction's last line ends with
// the escape character, or the instruction ends in blank lines that a
// continuation carried into it: text inserted after it would join it.
func endsInContinuation(in *parser.Instruction) bool {
	f := in.File
	if in.EndLine > in.StartLine && blankLine(f, in.EndLine) {
		return true
	}
	line := strings.TrimRight(string(f.Line(in.EndLine)), " \t\r\n")
	return strings.HasSuffix(line, string(f.Escape))
}

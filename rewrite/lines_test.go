package rewrite

import (
	"testing"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
)

// The line edits of lines.go, on small files: each test applies the edit
// and compares the whole output, so that the offsets, the line
// terminators and the indentation are all checked.

func parseLines(t *testing.T, src string) *parser.File {
	t.Helper()
	f := parser.Parse("Dockerfile", []byte(src))
	if f.Err != nil {
		t.Fatalf("%q: %v", src, f.Err)
	}
	return f
}

func applyOne(t *testing.T, f *parser.File, e edit.Edit) string {
	t.Helper()
	out, err := Apply(f.Source, []edit.Edit{e})
	if err != nil {
		t.Fatalf("%+v: %v", e, err)
	}
	return string(out)
}

func TestInsertLinesBefore(t *testing.T) {
	tests := []struct {
		src   string
		index int // of the instruction in f.Instructions
		lines []string
		want  string
	}{
		// Above the comment block directly above, with the instruction's
		// indentation on every line.
		{"FROM a\n# install\n  RUN b\n", 1, []string{"COPY x .", "ENV Y=1"},
			"FROM a\n  COPY x .\n  ENV Y=1\n# install\n  RUN b\n"},
		// A blank line breaks the comment block: the comment stays above.
		{"FROM a\n# note\n\nRUN b\n", 1, []string{"COPY x ."},
			"FROM a\n# note\n\nCOPY x .\nRUN b\n"},
		// The file's CRLF terminates the new lines.
		{"FROM a\r\nRUN b\r\n", 1, []string{"COPY x ."},
			"FROM a\r\nCOPY x .\r\nRUN b\r\n"},
		// Before line 1 of a file with a BOM: after the BOM.
		{"\ufeffFROM a\n", 0, []string{"ARG V=1"},
			"\ufeffARG V=1\nFROM a\n"},
	}
	for _, tt := range tests {
		f := parseLines(t, tt.src)
		if got := applyOne(t, f, InsertLinesBefore(f.Instructions[tt.index], tt.lines...)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestInsertAfter(t *testing.T) {
	tests := []struct {
		src  string
		text string
		want string
	}{
		// After the instruction's last line, continuation lines included.
		{"FROM a\nRUN b \\\n  && c\nCMD d\n", "USER x\n", "FROM a\nRUN b \\\n  && c\nUSER x\nCMD d\n"},
		// At the end of a file without a final newline: the text goes
		// after a new terminator and loses its own last one.
		{"FROM a\nRUN b", "USER x\n", "FROM a\nRUN b\nUSER x"},
		{"FROM a\r\nRUN b", "USER x\r\n", "FROM a\r\nRUN b\r\nUSER x"},
		// A last line ending in a bare CR keeps the CR last.
		{"FROM a\r\nRUN b\r", "USER x\r\n", "FROM a\r\nRUN b\r\nUSER x\r"},
	}
	for _, tt := range tests {
		f := parseLines(t, tt.src)
		if got := applyOne(t, f, InsertAfter(f.Instructions[1], tt.text)); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestDeleteBlockAndBlockText(t *testing.T) {
	tests := []struct {
		src        string
		index      int
		wantDelete string
		wantText   string
	}{
		// The comments directly above go with the instruction.
		{"FROM a\n# the sources\nCOPY . .\nRUN b\n", 1,
			"FROM a\nRUN b\n", "# the sources\nCOPY . .\n"},
		// Between blank lines, the blank line after it goes too.
		{"FROM a\n\nCOPY . .\n\nRUN b\n", 1,
			"FROM a\n\nRUN b\n", "COPY . .\n"},
		// Two blank lines after it: only its own line goes (one blank
		// line is not the last before an instruction).
		{"FROM a\n\nCOPY . .\n\n\nRUN b\n", 1,
			"FROM a\n\n\n\nRUN b\n", "COPY . .\n"},
		// The last line of a file without a final newline: BlockText
		// ends it with the file's terminator.
		{"FROM a\r\nCOPY . .", 1,
			"FROM a\r\n", "COPY . .\r\n"},
		// A continued instruction goes whole.
		{"FROM a\nCOPY --chown=app \\\n  . .\nRUN b\n", 1,
			"FROM a\nRUN b\n", "COPY --chown=app \\\n  . .\n"},
	}
	for _, tt := range tests {
		f := parseLines(t, tt.src)
		in := f.Instructions[tt.index]
		if got := applyOne(t, f, DeleteBlock(in)); got != tt.wantDelete {
			t.Errorf("%q: DeleteBlock gives %q, want %q", tt.src, got, tt.wantDelete)
		}
		if got := BlockText(in); got != tt.wantText {
			t.Errorf("%q: BlockText = %q, want %q", tt.src, got, tt.wantText)
		}
	}
}

func TestBlockEndAndIndent(t *testing.T) {
	f := parseLines(t, "\ufeff  FROM a\n\tRUN b \\\n\t  c\nCMD d")
	for i, want := range []struct {
		end    int
		indent string
	}{
		{len("\ufeff  FROM a\n"), "  "},
		{len("\ufeff  FROM a\n\tRUN b \\\n\t  c\n"), "\t"},
		{len(f.Source), ""},
	} {
		in := f.Instructions[i]
		if got := BlockEnd(in); got != want.end {
			t.Errorf("instruction %d: BlockEnd = %d, want %d", i, got, want.end)
		}
		if got := InstructionIndent(in); got != want.indent {
			t.Errorf("instruction %d: InstructionIndent = %q, want %q", i, got, want.indent)
		}
	}
}

func TestKeywordLikeAndFlagsText(t *testing.T) {
	f := parseLines(t, "from a\nCopy --chown=app:app --link . /app\nRUN b\n")
	if got := KeywordLike(f.Instructions[0], "USER"); got != "user" {
		t.Errorf("lower-case FROM: %q", got)
	}
	if got := KeywordLike(f.Instructions[1], "user"); got != "USER" {
		t.Errorf("mixed-case Copy: %q", got)
	}
	if got := FlagsText(f.Instructions[1]); got != " --chown=app:app --link" {
		t.Errorf("FlagsText = %q", got)
	}
	if got := FlagsText(f.Instructions[2]); got != "" {
		t.Errorf("FlagsText without flags = %q", got)
	}
	if got := LinesText(f.Instructions[2], "A", "B"); got != "A\nB\n" {
		t.Errorf("LinesText = %q", got)
	}
}

func TestEndsInContinuation(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"FROM a\nRUN b\n", false},
		{"FROM a\nRUN b \\\n  && c\n", false},
		// A continuation on the last line of the file.
		{"FROM a\nRUN b \\", true},
		// Trailing blank lines a continuation carried into the RUN.
		{"FROM a\nRUN b \\\n\n", true},
		// A comment line the continuation carried in, at the end of the
		// file (a fuzz finding: DF301's USER joined the FROM).
		{"FROM python\\\n#", true},
		{"FROM a\nRUN b \\\n  # why\n  && c\n", false},
		// Comment lines indented with any white space BuildKit skips
		// (issue 17: DF301's USER joined the RUN), blank lines after them.
		{"FROM a\nRUN b \\\n\f# why\n", true},
		{"FROM a\nRUN b \\\n\v# why\n\n", true},
		{"FROM a\nRUN b \\\n\u00a0# why\n", true},
		{"FROM a\r\nRUN b \\\r\n\t# why\r\n", true},
		// An escaped escape character does not continue; a heredoc ends
		// at its terminator.
		{"FROM a\nRUN echo b\\\\\n", false},
		{"FROM a\nRUN <<EOF\nb \\\nEOF\n", false},
		// The file's escape character is the one that continues.
		{"# escape=`\nFROM a\nRUN b `", true},
		{"# escape=`\nFROM a\nRUN b \\\n", false},
	}
	for _, tt := range tests {
		f := parseLines(t, tt.src)
		if got := EndsInContinuation(f.Instructions[len(f.Instructions)-1]); got != tt.want {
			t.Errorf("%q: %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestPlainPath(t *testing.T) {
	for p, want := range map[string]bool{
		"requirements.txt": true, "web/package-lock.json": true, "a_b-c+d@e:f=g,h": true, "/abs/path": true,
		"": false, "a b": false, "$HOME": false, "*.csproj": false, "a'b": false, "a\"b": false, "a\\b": false, "ä": false,
	} {
		if got := PlainPath(p); got != want {
			t.Errorf("PlainPath(%q) = %v, want %v", p, got, want)
		}
	}
}

package rewrite

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// diffContext is the number of unchanged lines around each change, as in
// `diff -u` and `git diff`.
const diffContext = 3

// UnifiedDiff returns the unified diff that turns old into new, with
// `--- a/PATH` and `+++ b/PATH` headers, so that `git apply` and `patch -p1`
// accept it from the directory path is relative to: give a relative path
// (an absolute one ends up as a//abs/path, which git apply refuses). It is
// nil when old and new are equal.
//
// Lines are split after "\n" only, so a CRLF line keeps its "\r" and the
// patch recreates it byte for byte; a last line without a newline gets the
// `\ No newline at end of file` marker.
func UnifiedDiff(path string, old, new []byte) []byte {
	if bytes.Equal(old, new) {
		return nil
	}
	ops := lineOps(string(old), string(new))

	var b bytes.Buffer
	name := diffPath(path)
	// Like git, end a name that holds a space with a tab: GNU patch reads
	// a name up to the first whitespace otherwise, git up to the tab.
	tab := ""
	if strings.Contains(name, " ") {
		tab = "\t"
	}
	fmt.Fprintf(&b, "--- %s%s\n+++ %s%s\n", quotePath("a/"+name), tab, quotePath("b/"+name), tab)
	// oldBefore[i] and newBefore[i] count the old and new lines before op i.
	oldBefore := make([]int, len(ops)+1)
	newBefore := make([]int, len(ops)+1)
	for i, op := range ops {
		oldBefore[i+1], newBefore[i+1] = oldBefore[i], newBefore[i]
		if op.kind != '+' {
			oldBefore[i+1]++
		}
		if op.kind != '-' {
			newBefore[i+1]++
		}
	}
	for _, h := range hunks(ops) {
		writeHunk(&b, ops[h.from:h.to], oldBefore[h.from], newBefore[h.from])
	}
	return b.Bytes()
}

// diffPath turns the name a file is reported under into the path in the
// patch headers: slash-separated, without a leading "./".
func diffPath(path string) string {
	p := filepath.ToSlash(filepath.Clean(path))
	return strings.TrimPrefix(p, "./")
}

// quotePath quotes a header path the way git does (C-style, in double
// quotes) when it holds a quote, a backslash, a control character or a byte
// that is not UTF-8; git apply and GNU patch both read that form. Other
// paths, spaces included, are written as they are.
func quotePath(p string) string {
	needs := !utf8.ValidString(p)
	for i := 0; i < len(p) && !needs; i++ {
		if c := p[i]; c < 0x20 || c == 0x7f || c == '"' || c == '\\' {
			needs = true
		}
	}
	if !needs {
		return p
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if c < 0x20 || c >= 0x7f {
				b.WriteString(`\` + strconv.FormatInt(int64(c)+0o1000, 8)[1:])
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// lineOp is one line of the diff: ' ' kept, '-' removed, '+' added. Text
// includes the line's "\n" (and "\r" before it) when it has one.
type lineOp struct {
	kind byte
	text string
}

// lineOps diffs old and new line by line with diffmatchpatch's line mode:
// every distinct line becomes one rune, the runes are diffed, and the runes
// are turned back into lines.
func lineOps(old, new string) []lineOp {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToRunes(old, new)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines)
	var ops []lineOp
	for _, d := range diffs {
		var kind byte
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			kind = ' '
		case diffmatchpatch.DiffDelete:
			kind = '-'
		case diffmatchpatch.DiffInsert:
			kind = '+'
		}
		for _, l := range splitLines(d.Text) {
			ops = append(ops, lineOp{kind, l})
		}
	}
	return ops
}

// splitLines splits after every "\n"; the last line may lack one.
func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// span is a range of ops that forms one hunk.
type span struct{ from, to int }

// hunks groups the changed lines into hunks with diffContext lines of
// context on each side; changes separated by at most twice that many
// unchanged lines share a hunk, as in GNU diff.
func hunks(ops []lineOp) []span {
	var out []span
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		from := max(0, i-diffContext)
		// Extend past this change and any change that follows within
		// 2*diffContext unchanged lines.
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
				continue
			}
			if j-end >= 2*diffContext {
				break
			}
		}
		to := min(len(ops), end+diffContext)
		out = append(out, span{from, to})
		i = end
	}
	return out
}

// writeHunk writes one hunk whose first op follows oldBefore old lines and
// newBefore new lines.
func writeHunk(b *bytes.Buffer, h []lineOp, oldBefore, newBefore int) {
	oldN, newN := 0, 0
	for _, op := range h {
		if op.kind != '+' {
			oldN++
		}
		if op.kind != '-' {
			newN++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(oldBefore, oldN), hunkRange(newBefore, newN))
	for _, op := range h {
		b.WriteByte(op.kind)
		b.WriteString(op.text)
		if !strings.HasSuffix(op.text, "\n") {
			b.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange is "start,count"; an empty range names the line before it
// (0 at the top of the file), as diff -u does.
func hunkRange(before, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", before)
	}
	return fmt.Sprintf("%d,%d", before+1, n)
}

// LineHunk is one run of changed lines between an old and a new text, with
// no context: old lines OldFrom..OldTo (1-based, inclusive) become New.
// When the run only inserts, OldTo is OldFrom-1 and New goes before line
// OldFrom (after the last line when OldFrom is one past it).
type LineHunk struct {
	OldFrom, OldTo int
	// New are the new lines, each with its line break ("\n", or "\r\n")
	// when it has one.
	New []string
}

// LineHunks diffs old and new line by line (the diff UnifiedDiff writes,
// without context) and returns the runs of changed lines in order. Lines
// are split after "\n" only, as in UnifiedDiff.
func LineHunks(old, new []byte) []LineHunk {
	if bytes.Equal(old, new) {
		return nil
	}
	var out []LineHunk
	line := 1 // the old line the next op is at
	var cur *LineHunk
	for _, op := range lineOps(string(old), string(new)) {
		switch op.kind {
		case ' ':
			cur = nil
			line++
		case '-':
			if cur == nil {
				out = append(out, LineHunk{OldFrom: line, OldTo: line - 1})
				cur = &out[len(out)-1]
			}
			cur.OldTo = line
			line++
		case '+':
			if cur == nil {
				out = append(out, LineHunk{OldFrom: line, OldTo: line - 1})
				cur = &out[len(out)-1]
			}
			cur.New = append(cur.New, op.text)
		}
	}
	return out
}

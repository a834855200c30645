package lsp

import (
	"unicode/utf16"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Position encodings the server speaks (LSP 3.17 positionEncoding). UTF-16
// is the protocol's default and what every client understands; UTF-8 is
// offered when the client lists it, since dflint's offsets are bytes.
const (
	encodingUTF16 = "utf-16"
	encodingUTF8  = "utf-8"
)

// lines indexes a document's text for offset ↔ position conversion. LSP
// lines end at "\n", "\r\n" or "\r"; Dockerfiles use the first two, and a
// lone "\r" is kept inside its line as BuildKit does.
type lines struct {
	text   []byte
	starts []int
	utf8   bool
}

func newLines(text []byte, encoding string) *lines {
	l := &lines{text: text, starts: []int{0}, utf8: encoding == encodingUTF8}
	for i, b := range text {
		if b == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// position converts a byte offset to an LSP position: a 0-based line and a
// character offset in the negotiated encoding's code units.
func (l *lines) position(offset int) protocol.Position {
	offset = min(max(offset, 0), len(l.text))
	line := 0
	for lo, hi := 0, len(l.starts)-1; lo <= hi; {
		mid := (lo + hi) / 2
		if l.starts[mid] <= offset {
			line, lo = mid, mid+1
		} else {
			hi = mid - 1
		}
	}
	seg := l.text[l.starts[line]:offset]
	if l.utf8 {
		return protocol.Position{Line: uint32(line), Character: uint32(len(seg))}
	}
	return protocol.Position{Line: uint32(line), Character: uint32(utf16Units(seg))}
}

// offset converts an LSP position back to a byte offset. A character past
// the end of the line means the end of the line (the protocol says so); a
// line past the end means the end of the text.
func (l *lines) offset(p protocol.Position) int {
	if int(p.Line) >= len(l.starts) {
		return len(l.text)
	}
	start := l.starts[p.Line]
	end := len(l.text)
	if int(p.Line)+1 < len(l.starts) {
		end = l.starts[p.Line+1] - 1 // the "\n"
		if end > start && l.text[end-1] == '\r' {
			end--
		}
	}
	if l.utf8 {
		return min(start+int(p.Character), end)
	}
	units := int(p.Character)
	i := start
	for i < end && units > 0 {
		r, size := utf8.DecodeRune(l.text[i:end])
		n := max(1, utf16.RuneLen(r))
		if n > units {
			break // inside a surrogate pair: stay before the character
		}
		units -= n
		i += size
	}
	return i
}

func (l *lines) rangeOf(start, end int) protocol.Range {
	return protocol.Range{Start: l.position(start), End: l.position(max(start, end))}
}

func utf16Units(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		n += max(1, utf16.RuneLen(r))
	}
	return n
}

// Package visible makes untrusted text safe to print for people: to a
// terminal, or to a CI log that reads its lines for commands. Dockerfile
// lines, file names and registry errors can hold escape sequences that
// recolour, move or clear the terminal, carriage returns that overwrite
// what was printed, line breaks that start a line of the attacker's
// choosing (a GitHub workflow command), and bidirectional overrides that
// show text in another order than it is read (CVE-2021-42574). String turns
// each of those into a visible escape and keeps everything else.
//
// The escapes are Go's: \x1b for a byte, \u202e for a character. A
// backslash is not escaped, so the result is for reading, not for decoding:
// formats for programs (json, sarif, …) carry the exact text.
package visible

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String returns s with every control character except tab written as a
// visible escape:
//
//   - C0 controls (U+0000–U+001F) and DEL (U+007F) as \xHH (\x1b, \x0d, \x0a);
//   - C1 controls (U+0080–U+009F), which some terminals obey like ESC [, as
//     \u0080–\u009f;
//   - the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069) as \u202a–\u2069;
//   - each byte that is not valid UTF-8 as \xHH (a lone 0x9b byte is CSI to
//     a terminal in 8-bit mode).
//
// Tab is content (it indents Dockerfile lines, and the text format lines up
// its underline with it) and moves only the cursor, so it stays.
func String(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r) && r < utf8.RuneSelf:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Bytes is String for a byte slice.
func Bytes(b []byte) string { return String(string(b)) }

// firstUnsafe is the index of the first byte String changes, or -1: most
// text has none and is returned as it is.
func firstUnsafe(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if unsafeRune(rune(c)) {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// unsafeRune tells whether r is a control or bidi character String escapes.
func unsafeRune(r rune) bool {
	switch {
	case r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

package visible

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"FROM alpine:3.20", "FROM alpine:3.20"},
		{"\tRUN make\t# tabs stay", "\tRUN make\t# tabs stay"},
		{"naïve ünïcode, 日本語, emoji 🐳", "naïve ünïcode, 日本語, emoji 🐳"},
		{"RUN echo \x1b[31mred\x1b[0m", `RUN echo \x1b[31mred\x1b[0m`},
		{"ok\rgone", `ok\x0dgone`},
		{"x\n::error file=a::b", `x\x0a::error file=a::b`},
		{"nul\x00 bell\x07 del\x7f", `nul\x00 bell\x07 del\x7f`},
		{"c1 \u009b31m csi and \u0085 nel", `c1 \u009b31m csi and \u0085 nel`},
		{"bidi \u202eevil\u202c \u2066iso\u2069", `bidi \u202eevil\u202c \u2066iso\u2069`},
		{"bad \x9b utf-8 \xff", `bad \x9b utf-8 \xff`},
		// Backslashes are not escaped: the output is for reading.
		{`printf '\x1b'`, `printf '\x1b'`},
	} {
		got := String(c.in)
		if got != c.want {
			t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
		}
		if Bytes([]byte(c.in)) != c.want {
			t.Errorf("Bytes(%q) differs from String", c.in)
		}
	}
}

// Whatever the input, the output has no byte a terminal or a log reader
// acts on, and is valid UTF-8.
func TestStringLeavesNoControls(t *testing.T) {
	var all strings.Builder
	for b := 0; b < 256; b++ {
		all.WriteByte(byte(b))
	}
	for r := rune(0x80); r < 0x3000; r++ {
		all.WriteRune(r)
	}
	got := String(all.String())
	if !utf8.ValidString(got) {
		t.Fatalf("output is not valid UTF-8")
	}
	for _, r := range got {
		if r != '\t' && unsafeRune(r) {
			t.Fatalf("output keeps %U", r)
		}
	}
}

// FuzzString: no input leaves a control character in the output, the
// output is valid UTF-8, and text without one comes back unchanged.
func FuzzString(f *testing.F) {
	for _, s := range []string{"FROM alpine", "\x1b[2J\r\n::error::x", "\u202e\xff\u009b", "\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q is not valid UTF-8", s, got)
		}
		for _, r := range got {
			if unsafeRune(r) {
				t.Fatalf("String(%q) = %q keeps %U", s, got, r)
			}
		}
		if firstUnsafe(s) < 0 && got != s {
			t.Fatalf("String(%q) changed safe text to %q", s, got)
		}
	})
}

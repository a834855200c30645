package parser

import "testing"

func TestLinesRange(t *testing.T) {
	tests := []struct {
		src         string
		first, last int
		// want is the text the range covers.
		want string
	}{
		{"FROM a\nRUN b\nCMD c\n", 2, 2, "RUN b\n"},
		{"FROM a\nRUN b\nCMD c\n", 1, 2, "FROM a\nRUN b\n"},
		// The last line: to the end of the file, its terminator included.
		{"FROM a\nRUN b\nCMD c\n", 3, 3, "CMD c\n"},
		{"FROM a\nRUN b\nCMD c\n", 1, 3, "FROM a\nRUN b\nCMD c\n"},
		// Without a final newline there is none to take.
		{"FROM a\nRUN b", 2, 2, "RUN b"},
		{"FROM a\r\nRUN b\r\nCMD c\r\n", 2, 2, "RUN b\r\n"},
		// A BOM stays out of line 1's range.
		{"\ufeffFROM a\nRUN b\n", 1, 1, "FROM a\n"},
		{"\ufeffFROM a\nRUN b\n", 1, 2, "FROM a\nRUN b\n"},
		// A blank line and a continuation are lines like any other.
		{"FROM a\n\nRUN b \\\n  c\n", 2, 3, "\nRUN b \\\n"},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		start, end := f.LinesRange(tt.first, tt.last)
		if start < 0 || end > len(tt.src) || start > end {
			t.Errorf("%q lines %d-%d: range [%d, %d) is out of the file", tt.src, tt.first, tt.last, start, end)
			continue
		}
		if got := tt.src[start:end]; got != tt.want {
			t.Errorf("%q lines %d-%d: [%d, %d) covers %q, want %q", tt.src, tt.first, tt.last, start, end, got, tt.want)
		}
	}
	// The offsets themselves, for the BOM case.
	f := mustParse(t, "\ufeffFROM a\nRUN b\n")
	if start, end := f.LinesRange(1, 1); start != 3 || end != 10 {
		t.Errorf("BOM: [%d, %d), want [3, 10)", start, end)
	}
}

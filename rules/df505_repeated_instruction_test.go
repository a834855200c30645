package rules

import (
	"context"
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestDF505RepeatedInstruction(t *testing.T) {
	runCases(t, "DF505", []ruleCase{
		{name: "two CMD", src: "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n", want: 1},
		{name: "three CMD", src: "FROM alpine:3.20\nCMD a\nRUN true\nCMD b\nCMD c\n", want: 2},
		{name: "two ENTRYPOINT", src: "FROM alpine:3.20\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", want: 1},
		{name: "two HEALTHCHECK", src: "FROM alpine:3.20\nHEALTHCHECK CMD true\nHEALTHCHECK NONE\n", want: 1},
		{name: "one of each", src: "FROM alpine:3.20\nENTRYPOINT [\"a\"]\nCMD [\"b\"]\nHEALTHCHECK CMD true\n", want: 0},
		{name: "one per stage", src: "FROM alpine:3.20 AS a\nCMD [\"a\"]\nFROM alpine:3.20\nCMD [\"b\"]\n", want: 0},
		{name: "ONBUILD CMD not counted", src: "FROM alpine:3.20\nONBUILD CMD [\"a\"]\nCMD [\"b\"]\n", want: 0},
	})
}

func TestDF505Fix(t *testing.T) {
	tests := []struct{ src, want string }{
		{"FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n", "FROM alpine:3.20\nCMD [\"b\"]\n"},
		{"FROM alpine:3.20\r\nCMD a \\\r\n  b\r\nRUN x\r\nCMD c", "FROM alpine:3.20\r\nRUN x\r\nCMD c"},
		{"FROM alpine:3.20\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\nENTRYPOINT x\nENTRYPOINT [\"y\"]\n", "FROM alpine:3.20\nHEALTHCHECK NONE\nENTRYPOINT [\"y\"]\n"},
	}
	for _, tt := range tests {
		got := df5ApplyFixes(t, tt.src, "DF505")
		if got != tt.want {
			t.Errorf("fix of %q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

// df5ApplyFixes applies the fixes of every finding of the rule at once,
// the way one round of the fix engine does (edits of different findings do
// not overlap in these tests).
func df5ApplyFixes(t *testing.T, src, id string) string {
	t.Helper()
	e, err := NewEngine(Options{Select: []string{id}, NoBuildKit: true, Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	var edits []Edit
	for _, fd := range fs {
		if fd.RuleID == id && fd.Fix != nil {
			edits = append(edits, fd.Fix.Edits...)
		}
	}
	return df5ApplyEdits(t, src, edits)
}

// df5ApplyEdits applies non-overlapping edits to src.
func df5ApplyEdits(t *testing.T, src string, edits []Edit) string {
	t.Helper()
	df5SortEdits(edits)
	out, prev := "", 0
	for _, e := range edits {
		if e.Start < prev {
			t.Fatalf("overlapping edits: %+v", edits)
		}
		out += src[prev:e.Start] + e.NewText
		prev = e.End
	}
	return out + src[prev:]
}

func df5SortEdits(edits []Edit) {
	for i := 1; i < len(edits); i++ {
		for j := i; j > 0 && (edits[j].Start < edits[j-1].Start || edits[j].Start == edits[j-1].Start && edits[j].End < edits[j-1].End); j-- {
			edits[j], edits[j-1] = edits[j-1], edits[j]
		}
	}
}

package rules

import (
	"strings"
	"testing"

	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

func TestDF511InstructionCasing(t *testing.T) {
	runCases(t, "DF511", []ruleCase{
		{name: "all upper", src: "FROM alpine:3.20 AS b\nRUN a\nCMD [\"x\"]\n", want: 0},
		{name: "all lower", src: "from alpine:3.20 as b\nrun a\ncmd [\"x\"]\n", want: 0, noVariants: true},
		{name: "one lower", src: "FROM alpine:3.20\nRUN a\nrun b\n", want: 1, noVariants: true},
		{name: "one upper among lower", src: "from alpine:3.20\nrun a\nRUN b\n", want: 1, noVariants: true},
		{name: "mixed keyword", src: "FROM alpine:3.20\nRun a\n", want: 1, noVariants: true},
		{name: "tie is upper", src: "FROM alpine:3.20\nrun a\n", want: 1, noVariants: true},
		{name: "as lower with FROM upper", src: "FROM alpine:3.20 as b\nRUN a\n", want: 1, noVariants: true},
		{name: "AS upper with from lower", src: "from alpine:3.20 AS b\nrun a\n", want: 1, noVariants: true},
		{name: "As mixed", src: "FROM alpine:3.20 As b\n", want: 1, noVariants: true},
		{name: "global ARG", src: "arg V=1\nFROM alpine:3.20\nRUN a\n", want: 1, noVariants: true},
		{name: "ONBUILD trigger", src: "FROM alpine:3.20\nONBUILD run a\n", want: 1, noVariants: true},
		{name: "image named as", src: "FROM as\n", want: 0, noVariants: true},
	})
}

func TestDF511Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"to upper", "FROM alpine:3.20 as build\nrun a\nRUN b\nOnbuild run c\n",
			"FROM alpine:3.20 AS build\nRUN a\nRUN b\nONBUILD RUN c\n"},
		{"to lower", "from alpine:3.20 AS build\nrun a\nRUN b\nrun c\n",
			"from alpine:3.20 as build\nrun a\nrun b\nrun c\n"},
		{"indented, continuation, CRLF", "FROM a\r\n  run x \\\r\n   y\r\nFROM --platform=$BUILDPLATFORM b \\\r\n  as c\r\n",
			"FROM a\r\n  RUN x \\\r\n   y\r\nFROM --platform=$BUILDPLATFORM b \\\r\n  AS c\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := df5ApplyFixes(t, tt.src, "DF511")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if n := countRule(lintWith(t, got, "DF511"), "DF511"); n != 0 {
				t.Errorf("fixed file still has %d findings", n)
			}
		})
	}
}

// TestDF511FixEditsOnlyTheKeyword: whatever white space BuildKit ends the
// keyword at or trims before it, the fix re-cases the keyword and nothing
// else: BuildKit reads the same arguments after it (issue 17: `run\fecho
// hi` became `RUN\fECHO hi` when the form feed was taken for part of the
// keyword).
func TestDF511FixEditsOnlyTheKeyword(t *testing.T) {
	leads := []string{"", "  ", "\t", "\f", "\v", "\u00a0", "\u3000"}
	seps := []string{" ", "\t", "\v", "\f", "\r", "\f\v ", "\\\n ", " \\\n  # c\n\f"}
	for _, lead := range leads {
		for _, sep := range seps {
			for _, kw := range [][2]string{{"run", "RUN"}, {"onbuild" + sep + "run", "ONBUILD" + sep + "RUN"}} {
				src := "FROM alpine:3.20\nRUN a\nRUN b\n" + lead + kw[0] + sep + "echo hi\n"
				want := "FROM alpine:3.20\nRUN a\nRUN b\n" + lead + kw[1] + sep + "echo hi\n"
				got := df5ApplyFixes(t, src, "DF511")
				if got != want {
					t.Errorf("%q: fixed to %q, want %q", src, got, want)
					continue
				}
				if b, a := bkArgs(t, src), bkArgs(t, got); b != a {
					t.Errorf("%q: BuildKit reads %s, after the fix %s", src, b, a)
				}
			}
		}
	}
}

// bkArgs is what BuildKit reads in the last instruction of src: its
// keyword (in lower case) and its arguments, a trigger's included.
func bkArgs(t *testing.T, src string) string {
	t.Helper()
	res, err := bkparser.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	n := res.AST.Children[len(res.AST.Children)-1]
	var sb strings.Builder
	var walk func(n *bkparser.Node)
	walk = func(n *bkparser.Node) {
		sb.WriteString(strings.ToLower(n.Value) + "|")
		for x := n.Next; x != nil; x = x.Next {
			sb.WriteString(x.Value + "|")
			for _, c := range x.Children {
				walk(c)
			}
		}
	}
	walk(n)
	return sb.String()
}

// TestDF511FromAsCasingOwnFinding: BuildKit's two checks are separate
// findings (issue 19). Before, `FROM x as y` in a lower-case file gave one
// finding that said only that FROM should be `from`, and dropped what
// BuildKit's FromAsCasing says: `as` does not match `FROM`.
func TestDF511FromAsCasingOwnFinding(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // "Check: message prefix"
		fixed     string
	}{
		{"as in the file's casing, FROM not", "FROM alpine:3.20 as b\nrun a\nrun c\n",
			[]string{`ConsistentInstructionCasing: "FROM" should be "from"`, `FromAsCasing: "as" does not match the casing of "FROM": write "FROM" as "from"`},
			"from alpine:3.20 as b\nrun a\nrun c\n"},
		{"AS cased like FROM changes with it", "FROM alpine:3.20 AS b\nrun a\nrun c\n",
			[]string{`ConsistentInstructionCasing: "FROM" should be "from" like most instructions of the file (lower case), and "AS" with it`},
			"from alpine:3.20 as b\nrun a\nrun c\n"},
		{"mixed-case From: only the keyword's check", "From alpine:3.20 as b\nRUN a\nRUN c\n",
			[]string{`ConsistentInstructionCasing: "From" should be "FROM" like most instructions of the file (upper case), and "as" with it`},
			"FROM alpine:3.20 AS b\nRUN a\nRUN c\n"},
		{"as alone", "FROM alpine:3.20 as b\nRUN a\n",
			[]string{`FromAsCasing: "as" does not match the casing of "FROM": write "AS"`},
			"FROM alpine:3.20 AS b\nRUN a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range lintWith(t, tt.src, "DF511") {
				got = append(got, f.Check+": "+f.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("finding %d: got %q, want it to start with %q", i, got[i], tt.want[i])
				}
			}
			if fixed := df5ApplyFixes(t, tt.src, "DF511"); fixed != tt.fixed {
				t.Errorf("fixed %q, want %q", fixed, tt.fixed)
			}
		})
	}
}

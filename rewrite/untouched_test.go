package rewrite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// fakeFix is a fake rule with one fix of fixed edits, written as what to
// replace: Old, found after the first occurrence of After, becomes New
// (Old "" inserts there). It reports nothing once New is in the text, or
// Old is not.
type fakeFix struct {
	id, after, old, new string
}

type fakeFixes []fakeFix

func (ff fakeFixes) Lint(_ context.Context, f *parser.File) ([]rules.Finding, []error) {
	if f.Err != nil {
		return []rules.Finding{{RuleID: "DF001", Line: f.Err.Line, Message: f.Err.Message}}, nil
	}
	src := string(f.Source)
	var out []rules.Finding
	for _, x := range ff {
		i := strings.Index(src, x.after)
		if i < 0 || x.new != "" && strings.Contains(src, x.new) {
			continue
		}
		i += len(x.after)
		j := strings.Index(src[i:], x.old)
		if j < 0 {
			continue
		}
		e := rules.Edit{Start: i + j, End: i + j + len(x.old), NewText: x.new}
		line, _ := f.Position(e.Start)
		out = append(out, rules.Finding{RuleID: x.id, Start: e.Start, End: e.End, Line: line,
			Fix: &rules.Fix{Title: "fix " + x.id, Applicability: rules.Safe, Edits: []rules.Edit{e}}})
	}
	return out, nil
}

// The safety net: a fix that leaves a file that parses but changes an
// instruction it does not edit is undone and left out, and reported like a
// fix that breaks the parse.
func TestFixRollsBackAFixThatChangesAnotherInstruction(t *testing.T) {
	tests := []struct {
		name, src string
		fixes     fakeFixes
		want      string // the output
		blamed    string
		line      int
	}{
		{
			// R1 edits its RUN only, but the continuation it adds makes
			// the CMD below part of the RUN.
			name:  "a continuation that swallows the next instruction",
			src:   "FROM alpine:3.20\nRUN make\nCMD [\"app\"]\n",
			fixes: fakeFixes{{id: "R1", after: "RUN make", new: " \\"}, {id: "R2", after: "FROM alpine", old: ":3.20", new: ":3.21"}},
			want:  "FROM alpine:3.21\nRUN make\nCMD [\"app\"]\n", blamed: "R1", line: 2,
		},
		{
			// Item 8 of issue 17: a line inserted after a RUN whose
			// continuation runs on through a comment line (indented with a
			// form feed, which BuildKit counts as white space).
			name:  "an inserted line after a continuation and a comment",
			src:   "FROM alpine:3.20\nRUN make \\\n\f# why\n",
			fixes: fakeFixes{{id: "R1", after: "# why\n", new: "USER 10001\n"}},
			want:  "FROM alpine:3.20\nRUN make \\\n\f# why\n", blamed: "R1", line: 2,
		},
		{
			// The same without a final newline: the insertion is at the
			// end of the RUN's last line, and starts a new line.
			name:  "an inserted line at the end of a file without a final newline",
			src:   "FROM alpine:3.20\nRUN make \\\n  # why",
			fixes: fakeFixes{{id: "R1", after: "# why", new: "\nUSER 10001"}},
			want:  "FROM alpine:3.20\nRUN make \\\n  # why", blamed: "R1", line: 2,
		},
		{
			// A new escape directive changes how every later line reads.
			name:  "a directive",
			src:   "FROM alpine:3.20\nRUN echo \\\nRUN b\n",
			fixes: fakeFixes{{id: "R1", new: "# escape=`\n"}},
			want:  "FROM alpine:3.20\nRUN echo \\\nRUN b\n", blamed: "R1", line: 2,
		},
		{
			// Each fix alone is fine; together R2's USER joins the RUN
			// that R1 continues. Both are left out.
			name:  "two fixes that are fine alone",
			src:   "FROM alpine:3.20\nRUN make\n",
			fixes: fakeFixes{{id: "R1", after: "RUN make", new: " \\"}, {id: "R2", after: "RUN make\n", new: "USER 10001\n"}},
			want:  "FROM alpine:3.20\nRUN make\n", blamed: "R1,R2", line: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := rewrite.Fix(context.Background(), tt.fixes, "Dockerfile", []byte(tt.src), rewrite.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Output) != tt.want {
				t.Errorf("output %q, want %q", res.Output, tt.want)
			}
			if len(res.RolledBack) != 1 {
				t.Fatalf("rolled back %+v, want one round", res.RolledBack)
			}
			rb := res.RolledBack[0]
			if !rb.ChangedOthers || strings.Join(rb.Rules, ",") != tt.blamed || rb.Line != tt.line {
				t.Errorf("rollback %+v, want rules %s and line %d", rb, tt.blamed, tt.line)
			}
			if p := rb.Problem(); !strings.Contains(p, "changed an instruction it does not edit") || !strings.Contains(p, "would") {
				t.Errorf("problem %q", p)
			}
		})
	}
}

// Fixes that change only what they edit pass the net: the instructions
// they edit, delete, merge or insert are theirs.
func TestFixKeepsFixesThatChangeOnlyTheirOwnInstructions(t *testing.T) {
	tests := []struct {
		name, src string
		fixes     fakeFixes
		want      string
	}{
		{"a flag", "FROM alpine:3.20\nRUN apk add curl\nCMD [\"app\"]\n",
			fakeFixes{{id: "R1", after: "apk add", new: " --no-cache"}},
			"FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"app\"]\n"},
		{"lines before an instruction", "FROM alpine:3.20\nCMD [\"app\"]\n",
			fakeFixes{{id: "R1", after: "3.20\n", new: "RUN adduser -D app\nUSER app\n"}},
			"FROM alpine:3.20\nRUN adduser -D app\nUSER app\nCMD [\"app\"]\n"},
		{"a line at the end without a final newline", "FROM alpine:3.20\nRUN make",
			fakeFixes{{id: "R1", after: "make", new: "\nUSER 10001"}},
			"FROM alpine:3.20\nRUN make\nUSER 10001"},
		{"an instruction deleted", "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n",
			fakeFixes{{id: "R1", after: "3.20\n", old: "CMD [\"a\"]\n", new: ""}},
			"FROM alpine:3.20\nCMD [\"b\"]\n"},
		{"two instructions merged", "FROM alpine:3.20\nRUN a\nRUN b\nCMD [\"c\"]\n",
			fakeFixes{{id: "R1", after: "RUN a", old: "\nRUN b", new: " && b"}},
			"FROM alpine:3.20\nRUN a && b\nCMD [\"c\"]\n"},
		{"a continuation with its own next line", "FROM alpine:3.20\nRUN a\n# keep\nCMD [\"c\"]\n",
			fakeFixes{{id: "R1", after: "RUN a", old: "\n# keep\n", new: " \\\n  && b\n# keep\n"}},
			"FROM alpine:3.20\nRUN a \\\n  && b\n# keep\nCMD [\"c\"]\n"},
		{"two fixes in one RUN", "FROM alpine:3.20\nRUN apk add curl && pip install x\n",
			fakeFixes{{id: "R1", after: "apk add", new: " --no-cache"}, {id: "R2", after: "pip install", new: " --no-cache-dir"}},
			"FROM alpine:3.20\nRUN apk add --no-cache curl && pip install --no-cache-dir x\n"},
		{"a heredoc", "FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nCMD [\"c\"]\n",
			fakeFixes{{id: "R1", after: "apk add", new: " --no-cache"}},
			"FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nEOF\nCMD [\"c\"]\n"},
		{"CRLF", "FROM alpine:3.20\r\nRUN make\r\nCMD [\"c\"]\r\n",
			fakeFixes{{id: "R1", after: "make\r\n", new: "USER 10001\r\n"}},
			"FROM alpine:3.20\r\nRUN make\r\nUSER 10001\r\nCMD [\"c\"]\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := rewrite.Fix(context.Background(), tt.fixes, "Dockerfile", []byte(tt.src), rewrite.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.RolledBack) != 0 {
				t.Errorf("rolled back %+v", res.RolledBack)
			}
			if string(res.Output) != tt.want {
				t.Errorf("output %q, want %q", res.Output, tt.want)
			}
		})
	}
}

package rules

import (
	"testing"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

func TestDF504Maintainer(t *testing.T) {
	runCases(t, "DF504", []ruleCase{
		{name: "maintainer", src: "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n", want: 1},
		{name: "label", src: "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane\"\n", want: 0},
		{name: "two stages", src: "FROM alpine:3.20 AS a\nMAINTAINER a\nFROM alpine:3.20\nMAINTAINER b\n", want: 2},
		{name: "crlf", src: "FROM alpine:3.20\r\nMAINTAINER Jane \\\r\n  Doe\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM alpine:3.20\nMAINTAINER Jane `\n  Doe\n", want: 1},
	})
}

func TestDF504Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n", "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n"},
		{"lower case", "FROM alpine:3.20\nmaintainer Jane\n", "FROM alpine:3.20\nlabel org.opencontainers.image.authors=\"Jane\"\n"},
		{"quoted", "FROM alpine:3.20\nMAINTAINER \"Jane Doe\"  \n", "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe\"  \n"},
		{"special characters", "FROM alpine:3.20\nMAINTAINER Jane \"JD\" $USER \\o/\n", "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane \\\"JD\\\" \\$USER \\\\o/\"\n"},
		{"backtick escape", "# escape=`\nFROM alpine:3.20\nMAINTAINER Jane \"JD\" `x\\y\n", "# escape=`\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane `\"JD`\" ``x\\y\"\n"},
		{"crlf continuation", "FROM alpine:3.20\r\nMAINTAINER Jane \\\r\n  Doe\r\n", "FROM alpine:3.20\r\nLABEL org.opencontainers.image.authors=\"Jane   Doe\"\r\n"},
		{"comment inside", "FROM alpine:3.20\nMAINTAINER Jane \\\n# x\n  Doe\n", "FROM alpine:3.20\nMAINTAINER Jane \\\n# x\n  Doe\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF504"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestDF504FixKeepsTheAuthor checks through BuildKit that the label's value
// is the text MAINTAINER had (without surrounding quotes).
func TestDF504FixKeepsTheAuthor(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"FROM x\nMAINTAINER Jane \"JD\" $USER \\o/ `b` x\n", "Jane \"JD\" $USER \\o/ `b` x"},
		{"# escape=`\nFROM x\nMAINTAINER Jane \"JD\" $USER \\o/ `b` x\n", "Jane \"JD\" $USER \\o/ `b` x"},
	} {
		out := df5ApplyFixes(t, tt.src, "DF504")
		f := parser.Parse("Dockerfile", []byte(out))
		var got string
		for _, in := range f.Instructions {
			if c, ok := in.Command.(*instructions.LabelCommand); ok {
				v, _, err := shell.NewLex(f.Escape).ProcessWord(c.Labels[0].Value, &shellcmd.StageEnv{Vals: map[string]string{"USER": "root"}})
				if err != nil {
					t.Fatal(err)
				}
				got = v
			}
		}
		if got != tt.want {
			t.Errorf("%q: label value %q, want %q", out, got, tt.want)
		}
	}
}

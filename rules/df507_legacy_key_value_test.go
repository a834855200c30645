package rules

import (
	"testing"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

func TestDF507LegacyKeyValue(t *testing.T) {
	runCases(t, "DF507", []ruleCase{
		{name: "env", src: "FROM alpine:3.20\nENV GREETING hello\n", want: 1, onbuild: true},
		{name: "env spaces", src: "FROM alpine:3.20\nENV GREETING hello world\n", want: 1},
		{name: "label", src: "FROM alpine:3.20\nLABEL description my image\n", want: 1, onbuild: true},
		{name: "env new form", src: "FROM alpine:3.20\nENV GREETING=hello\n", want: 0, onbuild: true},
		{name: "label new form", src: "FROM alpine:3.20\nLABEL a=b c=\"d e\"\n", want: 0},
		{name: "value with equals", src: "FROM alpine:3.20\nENV OPTS -Dx=y\n", want: 1},
		{name: "two instructions", src: "FROM alpine:3.20\nENV A b\nLABEL c d\n", want: 2},
		{name: "arg is not checked", src: "FROM alpine:3.20\nARG A=b\n", want: 0},
		{name: "crlf", src: "FROM alpine:3.20\r\nENV A \\\r\n  b c\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM alpine:3.20\nENV A `\n  b c\n", want: 1},
	})
}

func TestDF507Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"one word", "FROM x\nENV GREETING hello\n", "FROM x\nENV GREETING=hello\n"},
		{"spaces", "FROM x\nENV GREETING hello   world\n", "FROM x\nENV GREETING=\"hello   world\"\n"},
		{"a key with a quote is left alone", "FROM x\nLABEL \" 0 0\n", "FROM x\nLABEL \" 0 0\n"},
		{"trailing blanks stay outside", "FROM x\nENV A b c  \n", "FROM x\nENV A=\"b c\"  \n"},
		{"variables", "FROM x\nENV PATH $PATH:/opt/bin ${X}\n", "FROM x\nENV PATH=\"$PATH:/opt/bin ${X}\"\n"},
		{"quoted value", "FROM x\nENV A \"hello world\"\n", "FROM x\nENV A=\"hello world\"\n"},
		{"mixed quotes", "FROM x\nLABEL d x \"a b\" 'c d'\n", "FROM x\nLABEL d=x\" \"\"a b\"\" \"'c d'\n"},
		{"escaped space", "FROM x\nENV A b\\ c d\n", "FROM x\nENV A=b\\ c\" \"d\n"},
		{"tab separator", "FROM x\nENV A\tb\n", "FROM x\nENV A=b\n"},
		{"lower case", "FROM x\nlabel maintainer jane doe\n", "FROM x\nlabel maintainer=\"jane doe\"\n"},
		{"onbuild", "FROM x\nONBUILD ENV A b c\n", "FROM x\nONBUILD ENV A=\"b c\"\n"},
		{"value on next line", "FROM x\nENV A \\\n    b c\n", "FROM x\nENV A=\"b c\"\n"},
		{"value across lines", "FROM x\nENV A b \\\n    c\n", "FROM x\nENV A=\"b \\\n    c\"\n"},
		{"crlf", "FROM x\r\nENV A b c\r\n", "FROM x\r\nENV A=\"b c\"\r\n"},
		{"backtick escape", "# escape=`\nFROM x\nENV P C:\\a b\n", "# escape=`\nFROM x\nENV P=\"C:\\a b\"\n"},
		{"backtick escape with escape char", "# escape=`\nFROM x\nENV P a` b c\n", "# escape=`\nFROM x\nENV P=a` b\" \"c\n"},
		// No fix.
		{"unbalanced quote", "FROM x\nENV A it's here\n", "FROM x\nENV A it's here\n"},
		{"comment between key and value", "FROM x\nENV A \\\n# c\n  b\n", "FROM x\nENV A \\\n# c\n  b\n"},
		{"quoted value across lines", "FROM x\nENV A 'b' \\\n  c\n", "FROM x\nENV A 'b' \\\n  c\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := df5ApplyFixes(t, tt.src, "DF507")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if got != tt.src {
				if n := countRule(lintWith(t, got, "DF507"), "DF507"); n != 0 {
					t.Errorf("%d findings remain after the fix", n)
				}
				if a, b := keyValues(t, tt.src), keyValues(t, got); a != b {
					t.Errorf("the value changed: %q before, %q after", a, b)
				}
			}
		})
	}
}

// keyValues expands the ENV and LABEL values of a file as BuildKit does.
func keyValues(t *testing.T, src string) string {
	t.Helper()
	f := parser.Parse("Dockerfile", []byte(src))
	if f.Err != nil {
		t.Fatalf("does not parse: %v", f.Err)
	}
	env := &shellcmd.StageEnv{Vals: map[string]string{"PATH": "/bin", "X": "x"}}
	lex := shell.NewLex(f.Escape)
	out := ""
	for in := range instructionsWithTriggers(f) {
		var kvs []instructions.KeyValuePair
		switch c := in.Command.(type) {
		case *instructions.EnvCommand:
			kvs = c.Env
		case *instructions.LabelCommand:
			kvs = c.Labels
		}
		for _, kv := range kvs {
			v, _, err := lex.ProcessWord(kv.Value, env)
			if err != nil {
				t.Fatalf("%q: %v", kv.Value, err)
			}
			out += kv.Key + "=" + v + ";"
		}
	}
	return out
}

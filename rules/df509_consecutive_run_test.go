package rules

import "testing"

func TestDF509ConsecutiveRun(t *testing.T) {
	runCases(t, "DF509", []ruleCase{
		{name: "two RUNs", src: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n", want: 1},
		{name: "three RUNs", src: "FROM debian:12\nRUN a\nRUN b\nRUN c\n", want: 2},
		{name: "comment between", src: "FROM debian:12\nRUN a\n# why\nRUN b\n", want: 1},
		{name: "blank line between", src: "FROM debian:12\nRUN a\n\nRUN b\n", want: 1},
		{name: "other instruction between", src: "FROM debian:12\nRUN a\nENV X=1\nRUN b\n", want: 0},
		{name: "different flags", src: "FROM debian:12\nRUN a\nRUN --mount=type=cache,target=/root/.cache b\n", want: 0},
		{name: "long chain", src: "FROM debian:12\nRUN a && b && c\nRUN d\n", want: 0},
		{name: "previous long chain", src: "FROM debian:12\nRUN a\nRUN b && c && d\n", want: 0},
		{name: "two-command chain", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /tmp/x\n", want: 0},
		{name: "pipeline", src: "FROM debian:12\nRUN a\nRUN b | c\n", want: 0},
		{name: "assignment is no command", src: "FROM debian:12\nRUN A=1\nRUN b\n", want: 1},
		{name: "sh -c string is one command", src: "FROM debian:12\nRUN a\nRUN sh -c 'b && c'\n", want: 1},
		{name: "command substitution counts", src: "FROM debian:12\nRUN a\nRUN b $(c)\n", want: 0},
		{name: "different stages", src: "FROM debian:12\nRUN a\nFROM debian:12\nRUN b\n", want: 0},
		{name: "exec form", src: "FROM debian:12\nRUN [\"a\"]\nRUN [\"b\"]\n", want: 1},
		{name: "exec form after shell form", src: "FROM debian:12\nRUN a\nRUN [\"b\"]\n", want: 1},
		{name: "onbuild", src: "FROM debian:12\nONBUILD RUN a\nONBUILD RUN b\n", want: 0},
	})
}

func TestDF509Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"two", "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
			"FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n"},
		{"three, comment and blank line, CRLF", "FROM debian:12\r\nRUN a\r\n\r\n# b\r\nRUN b\r\nrun c\r\n",
			"FROM debian:12\r\nRUN a && \\\r\n# b\r\n    b && \\\r\n    c\r\n"},
		{"two blank lines", "FROM debian:12\nRUN a\n\n\nRUN b\n",
			"FROM debian:12\nRUN a && \\\n    b\n"},
		{"backtick escape", "# escape=`\nFROM debian:12\nRUN a\nRUN b\n",
			"# escape=`\nFROM debian:12\nRUN a && `\n    b\n"},
		{"no fix for exec form", "FROM debian:12\nRUN [\"a\"]\nRUN [\"b\"]\n", "FROM debian:12\nRUN [\"a\"]\nRUN [\"b\"]\n"},
		{"no fix after comment", "FROM debian:12\nRUN a # note\nRUN b\n", "FROM debian:12\nRUN a # note\nRUN b\n"},
		{"no fix with ||", "FROM debian:12\nRUN a\nRUN b || true\n", "FROM debian:12\nRUN a\nRUN b || true\n"},
		{"no fix across an ignore comment", "FROM debian:12\nRUN a\n# hadolint ignore=DL3008\nRUN b\n", "FROM debian:12\nRUN a\n# hadolint ignore=DL3008\nRUN b\n"},
		{"no fix after ;", "FROM debian:12\nRUN a;\nRUN b\n", "FROM debian:12\nRUN a;\nRUN b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := df5ApplyFixes(t, tt.src, "DF509")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The cases of hadolint's DL3059 spec, in dflint's words.
func TestDF509HadolintDL3059(t *testing.T) {
	runCases(t, "DF509", []ruleCase{
		{name: "no RUN", src: "FROM debian:12\n", want: 0},
		{name: "one RUN", src: "FROM debian:12\nRUN /foo.sh\n", want: 0},
		{name: "not consecutive", src: "FROM debian:12\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n", want: 0},
		{name: "consecutive", src: "FROM debian:12\nRUN /foo.sh\nRUN /bar.sh\n", want: 1},
		{name: "comment between", src: "FROM debian:12\nRUN /foo.sh\n# a comment\nRUN /bar.sh\n", want: 1},
		{name: "two comments between", src: "FROM debian:12\nRUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh\n", want: 1},
		{name: "comment before one RUN", src: "FROM debian:12\n# a comment\nRUN /foo.sh\n", want: 0},
		{name: "flags differ 1", src: "FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n", want: 0},
		{name: "flags differ 2", src: "FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n", want: 0},
		{name: "flags equal", src: "FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n", want: 1},
		{name: "chained 1", src: "FROM debian:12\nRUN foo && bar\nRUN foobar\n", want: 0},
		{name: "chained 2", src: "FROM debian:12\nRUN foo; bar\nRUN foobar\n", want: 0},
		{name: "chained 3", src: "FROM debian:12\nRUN foobar\nRUN foo && bar\n", want: 0},
		{name: "chained 4", src: "FROM debian:12\nRUN foobar\nRUN foo; bar\n", want: 0},
		{name: "chained 5", src: "FROM debian:12\nRUN foo && bar\nRUN foo; bar\n", want: 0},
		{name: "two single commands after a chain", src: "FROM debian:12\nRUN foo && bar\nRUN foo\nRUN bar\n", want: 1},
	})
}

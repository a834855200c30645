package rules

import "testing"

func TestDF508MissingPipefail(t *testing.T) {
	runCases(t, "DF508", []ruleCase{
		{name: "pipe", src: "FROM debian:12\nRUN curl -fsSL https://x | sh\n", want: 1},
		{name: "two RUNs with pipes", src: "FROM debian:12\nRUN a | b\nRUN c | d\n", want: 2},
		{name: "pipe in command substitution", src: "FROM debian:12\nRUN V=$(curl -s x | jq -r .v) && echo $V\n", want: 1},
		{name: "pipe in heredoc", src: "FROM debian:12\nRUN <<EOF\na | b\nEOF\n", want: 1, noVariants: true},
		{name: "or is not a pipe", src: "FROM debian:12\nRUN a || b\n", want: 0},
		{name: "no pipe", src: "FROM debian:12\nRUN a && b\n", want: 0},
		{name: "SHELL with pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n", want: 0},
		{name: "SHELL with clustered flags", src: "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN a | b\n", want: 0},
		{name: "SHELL without pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a | b\n", want: 1},
		{name: "SHELL after the RUN", src: "FROM debian:12\nRUN a | b\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n", want: 1},
		{name: "SHELL reset by FROM", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM debian:12\nRUN a | b\n", want: 1},
		{name: "SHELL inherited from stage", src: "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n", want: 0},
		{name: "set -o pipefail", src: "FROM debian:12\nRUN set -o pipefail && a | b\n", want: 0},
		{name: "set -euxo pipefail", src: "FROM debian:12\nRUN set -euxo pipefail; a | b\n", want: 0},
		{name: "set after the pipe", src: "FROM debian:12\nRUN a | b; set -o pipefail\n", want: 1},
		{name: "heredoc with set", src: "FROM debian:12\nRUN <<EOF\nset -eo pipefail\na | b\nEOF\n", want: 0, noVariants: true},
		{name: "exec form", src: "FROM debian:12\nRUN [\"sh\", \"-c\", \"a | b\"]\n", want: 0},
		{name: "powershell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN a | b\n", want: 0},
	})
}

func TestDF508Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"debian", "FROM debian:12\nRUN a | b\nRUN c | d\n",
			"FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nRUN c | d\n"},
		{"wolfi-base: BusyBox ash", "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN a | b\n",
			"FROM cgr.dev/chainguard/wolfi-base:latest\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"},
		{"alpine above comments, CRLF", "FROM alpine:3.20\r\n# fetch\r\nRUN a | b\r\n",
			"FROM alpine:3.20\r\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\r\n# fetch\r\nRUN a | b\r\n"},
		{"lower case, indented", "from node:20-alpine AS b\n  run a | b\n",
			"from node:20-alpine AS b\n  shell [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\n  run a | b\n"},
		{"active bash", "FROM debian:12\nSHELL [\"/usr/bin/bash\", \"-c\"]\nRUN a | b\n",
			"FROM debian:12\nSHELL [\"/usr/bin/bash\", \"-c\"]\nSHELL [\"/usr/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := df5ApplyFixes(t, tt.src, "DF508")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if n := countRule(lintWith(t, got, "DF508"), "DF508"); n != 0 {
				t.Errorf("fixed file still has %d findings", n)
			}
		})
	}
}

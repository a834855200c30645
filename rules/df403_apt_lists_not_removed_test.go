package rules

import "testing"

func TestDF403AptListsNotRemoved(t *testing.T) {
	runCases(t, "DF403", []ruleCase{
		{name: "not removed", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", want: 1, onbuild: true},
		{name: "removed", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n", want: 0, onbuild: true},
		{name: "removed fr", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -fr /var/lib/apt/lists\n", want: 0},
		{name: "removed r f", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -r -f /var/lib/apt/lists/ /tmp/*\n", want: 0},
		{name: "removed braces", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/{apt,dpkg}/*\n", want: 0},
		{name: "removed with find", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete\n", want: 0},
		{name: "removed after semicolon", src: "FROM debian:12\nRUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n", want: 0},
		{name: "removed in sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'\n", want: 0},
		{name: "dist-clean", src: "FROM debian:13\nRUN apt-get update; apt-get install -y curl; apt-get dist-clean\n", want: 0},
		{name: "simulated", src: "FROM debian:13\nRUN apt-get update; apt-get install -s curl\n", want: 0},
		{name: "only apt-get clean", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get clean\n", want: 1},
		{name: "other directory", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/partial\n", want: 1},
		{name: "two installs one finding", src: "FROM debian:12\nRUN apt-get update && apt-get install -y a && apt install -y b\n", want: 1},
		{name: "two RUNs", src: "FROM debian:12\nRUN apt-get update && apt-get install -y a\nRUN apt-get update && apt-get install -y b\n", want: 2},
		{name: "cache mount", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n", want: 0},
		{name: "cache mount lists", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y curl\n", want: 0},
		{name: "bind mount", src: "FROM debian:12\nRUN --mount=target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n", want: 1},
		{name: "other cache mount", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n", want: 1},
		{name: "update only", src: "FROM debian:12\nRUN apt-get update\n", want: 0},
		{name: "build stage copied from", src: "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n", want: 0},
		{name: "base stage", src: "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nCMD [\"curl\"]\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n", want: 1, noVariants: true},
		{name: "heredoc removed", src: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n", want: 0, noVariants: true},
		{name: "crlf", src: "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n", want: 1},
	})
}

func TestDF403Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
			"FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"},
		{"trailing semicolon", "FROM debian:12\nRUN apt-get update; apt-get install -y curl;\n",
			"FROM debian:12\nRUN apt-get update; apt-get install -y curl && rm -rf /var/lib/apt/lists/*;\n"},
		{"ends with other command", "FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n    # done\n    && apt-get clean\n",
			"FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n    # done\n    && apt-get clean && rm -rf /var/lib/apt/lists/*\n"},
		// BuildKit joins the line after an empty continuation line to the
		// RUN: the CMD is part of its command.
		{"empty continuation line", "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl \\\n\nCMD [\"curl\"]\n",
			"FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl \\\n\nCMD [\"curl\"] && rm -rf /var/lib/apt/lists/*\n"},
		{"sh -c", "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y curl'\n",
			"FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y curl' && rm -rf /var/lib/apt/lists/*\n"},
		{"heredoc set -e", "FROM debian:12\nRUN <<EOF\nset -eux\n  apt-get update\n  apt-get install -y curl\nEOF\n",
			"FROM debian:12\nRUN <<EOF\nset -eux\n  apt-get update\n  apt-get install -y curl\n  rm -rf /var/lib/apt/lists/*\nEOF\n"},
		{"heredoc without set -e", "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n",
			"FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl && rm -rf /var/lib/apt/lists/*\nEOF\n"},
		{"heredoc crlf", "FROM debian:12\r\nRUN <<EOF\r\nset -e\r\napt-get install -y curl\r\nEOF\r\n",
			"FROM debian:12\r\nRUN <<EOF\r\nset -e\r\napt-get install -y curl\r\nrm -rf /var/lib/apt/lists/*\r\nEOF\r\n"},
		{"crlf", "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\n",
			"FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\n"},
		{"backtick", "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\n",
			"# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"},
		{"onbuild", "FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y curl\n",
			"FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"},
		{"a later RUN needs the lists", "FROM debian:12\nRUN apt-get update && apt-get install -y a\nRUN apt-get install -y b && rm -rf /var/lib/apt/lists/*\n",
			"FROM debian:12\nRUN apt-get update && apt-get install -y a\nRUN apt-get install -y b && rm -rf /var/lib/apt/lists/*\n"},
		{"a later RUN updates", "FROM debian:12\nRUN apt-get update && apt-get install -y a\nRUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*\n",
			"FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*\n"},
		{"a later stage needs the lists", "FROM debian:12 AS base\nRUN apt-get update && apt-get install -y a\nFROM base\nRUN apt-get install -y b\n",
			"FROM debian:12 AS base\nRUN apt-get update && apt-get install -y a\nFROM base\nRUN apt-get install -y b && rm -rf /var/lib/apt/lists/*\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF403"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

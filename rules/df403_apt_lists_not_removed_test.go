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
		// Only a removal after the last update counts.
		{name: "removed before update", src: "FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl\n", want: 1, onbuild: true},
		{name: "removed before and after", src: "FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n", want: 0},
		{name: "install without update after removal", src: "FROM debian:12\nRUN apt-get update && rm -rf /var/lib/apt/lists/* && apt-get install -y ./app.deb\n", want: 0},
		{name: "removed between installs", src: "FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y b\n", want: 1},
		// hadolint's DL3009 cases, in dflint's own Dockerfiles.
		{name: "DL3009 apt-get", src: "FROM debian:12\nRUN apt-get update && apt-get install python3\n", want: 1, onbuild: true},
		{name: "DL3009 apt-get removed", src: "FROM debian:12\nRUN apt-get update && apt-get install python3 && rm -rf /var/lib/apt/lists/*\n", want: 0, onbuild: true},
		{name: "DL3009 apt", src: "FROM debian:12\nRUN apt update && apt install python3\n", want: 1, onbuild: true},
		{name: "DL3009 apt removed", src: "FROM debian:12\nRUN apt update && apt install python3 && rm -rf /var/lib/apt/lists/*\n", want: 0},
		{name: "DL3009 aptitude", src: "FROM debian:12\nRUN aptitude update && aptitude install python3\n", want: 1, onbuild: true},
		{name: "DL3009 aptitude with options", src: "FROM debian:12\nRUN aptitude update && aptitude -y -o Dpkg::Use-Pty=0 install python3\n", want: 1},
		{name: "DL3009 aptitude removed", src: "FROM debian:12\nRUN aptitude update && aptitude install python3 && rm -rf /var/lib/apt/lists/*\n", want: 0, onbuild: true},
		{name: "aptitude search", src: "FROM debian:12\nRUN aptitude search python3\n", want: 0},
		{name: "DL3009 last stage", src: "FROM debian:12 AS tools\nRUN make\nFROM debian:12\nRUN apt-get update && apt-get install python3\n", want: 1},
		{name: "DL3009 stage built on", src: "FROM debian:12 AS base\nRUN apt-get update && apt-get install python3\nFROM base\nRUN make\n", want: 1},
		{name: "DL3009 stage built on, removed", src: "FROM debian:12 AS base\nRUN apt-get update && apt-get install python3 && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN make\n", want: 0},
		{name: "DL3009 stage not used", src: "FROM debian:12 AS base\nRUN apt-get update && apt-get install python3\nFROM scratch\nCOPY --from=base /x /x\n", want: 0},
		{name: "DL3009 cache mount lists", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install python3\n", want: 0, onbuild: true},
		{name: "DL3009 cache mounts lib and cache", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install python3\n", want: 0},
		{name: "DL3009 cache mount apt cache only", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && apt-get install python3\n", want: 1},
		// hadolint also wants /var/cache/apt mounted here; the lists, which
		// are what this rule is about, are in the mount.
		{name: "DL3009 cache mount lib only", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install python3\n", want: 0},
		{name: "DL3009 tmpfs mounts", src: "FROM debian:12\nRUN --mount=type=tmpfs,target=/var/cache/apt --mount=type=tmpfs,target=/var/lib/apt apt-get update && apt-get install python3\n", want: 0},
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

package rules

import "testing"

func TestDF401AptGetMissingYes(t *testing.T) {
	runCases(t, "DF401", []ruleCase{
		{name: "missing", src: "FROM debian:12\nRUN apt-get install python3\n", want: 1, onbuild: true},
		{name: "y", src: "FROM debian:12\nRUN apt-get install -y python3\n", want: 0, onbuild: true},
		{name: "y before install", src: "FROM debian:12\nRUN apt-get -y install python3\n", want: 0},
		{name: "yes", src: "FROM debian:12\nRUN apt-get install --yes python3\n", want: 0},
		{name: "assume-yes", src: "FROM debian:12\nRUN apt-get install --assume-yes python3\n", want: 0},
		{name: "combined qy", src: "FROM debian:12\nRUN apt-get -qy install python3\n", want: 0},
		{name: "combined yq", src: "FROM debian:12\nRUN apt-get install -yq python3\n", want: 0},
		{name: "qq", src: "FROM debian:12\nRUN apt-get install -qq python3\n", want: 0},
		{name: "q=2", src: "FROM debian:12\nRUN apt-get install -q=2 python3\n", want: 0},
		{name: "quiet=2", src: "FROM debian:12\nRUN apt-get --quiet=2 install python3\n", want: 0},
		{name: "single q", src: "FROM debian:12\nRUN apt-get install -q python3\n", want: 1},
		{name: "force-yes", src: "FROM debian:12\nRUN apt-get install --force-yes python3\n", want: 1},
		{name: "apt config", src: "FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install python3\n", want: 0},
		{name: "apt config false", src: "FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=false install python3\n", want: 1},
		{name: "o value is not the subcommand", src: "FROM debian:12\nRUN apt-get -o Debug::pkgProblemResolver=yes install python3\n", want: 1},
		{name: "simulated", src: "FROM debian:12\nRUN apt-get install -s python3\n", want: 0},
		{name: "apt", src: "FROM debian:12\nRUN apt install python3\n", want: 1},
		{name: "and chain", src: "FROM debian:12\nRUN apt-get update && apt-get install python3 && rm -rf /var/lib/apt/lists/*\n", want: 1, onbuild: true},
		{name: "semicolons", src: "FROM debian:12\nRUN apt-get update; apt-get install python3; apt-get install -y curl\n", want: 1},
		{name: "two installs", src: "FROM debian:12\nRUN apt-get install python3 && apt-get install curl\n", want: 2},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install python3'\n", want: 1},
		{name: "sh -c with y", src: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y python3'\n", want: 0},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install python3\nEOF\n", want: 1, noVariants: true},
		{name: "heredoc ok", src: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y python3\nEOF\n", want: 0, noVariants: true},
		{name: "sudo env", src: "FROM debian:12\nRUN sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install python3\n", want: 1},
		{name: "assignment", src: "FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get install python3\n", want: 1},
		{name: "full path", src: "FROM debian:12\nRUN /usr/bin/apt-get install python3\n", want: 1},
		{name: "command -v", src: "FROM debian:12\nRUN command -v apt-get install\n", want: 0},
		{name: "update only", src: "FROM debian:12\nRUN apt-get update\n", want: 0},
		{name: "package named install", src: "FROM debian:12\nRUN apt-get remove install\n", want: 0},
		{name: "exec form", src: "FROM debian:12\nRUN [\"apt-get\", \"install\", \"python3\"]\n", want: 0},
		{name: "echo", src: "FROM debian:12\nRUN echo apt-get install python3\n", want: 0},
		{name: "crlf", src: "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install python3\r\n", want: 1},
		{name: "backtick escape", src: "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install python3\n", want: 1},
		// hadolint's DL3014 cases not covered above, in dflint's own Dockerfiles.
		{name: "DL3014 quiet once", src: "FROM debian:12\nRUN apt-get install --quiet python3\n", want: 1},
		{name: "DL3014 q twice", src: "FROM debian:12\nRUN apt-get install -q -q python3\n", want: 0},
		{name: "DL3014 quiet twice", src: "FROM debian:12\nRUN apt-get install --quiet --quiet python3\n", want: 0, onbuild: true},
		{name: "DL3014 yes before install", src: "FROM debian:12\nRUN apt-get --yes install python3\n", want: 0},
		{name: "DL3014 assume-yes before install", src: "FROM debian:12\nRUN apt-get --assume-yes install python3\n", want: 0},
	})
}

func TestDF401Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM debian:12\nRUN apt-get install python3\n", "FROM debian:12\nRUN apt-get install -y python3\n"},
		{"options first", "FROM debian:12\nRUN apt-get -q install --no-install-recommends python3\n", "FROM debian:12\nRUN apt-get -q install -y --no-install-recommends python3\n"},
		{"install before continuation", "FROM debian:12\nRUN apt-get install\\\n    python3\n", "FROM debian:12\nRUN apt-get install -y\\\n    python3\n"},
		{"comment in continuation", "FROM debian:12\nRUN apt-get update && \\\n# the packages\n    apt-get install \\\n    python3\n", "FROM debian:12\nRUN apt-get update && \\\n# the packages\n    apt-get install -y \\\n    python3\n"},
		{"two", "FROM debian:12\nRUN apt-get install a; apt install b\n", "FROM debian:12\nRUN apt-get install -y a; apt install -y b\n"},
		{"sh -c", "FROM debian:12\nRUN sh -c \"apt-get install a\"\n", "FROM debian:12\nRUN sh -c \"apt-get install -y a\"\n"},
		{"heredoc", "FROM debian:12\nRUN <<EOF\napt-get install a\nEOF\n", "FROM debian:12\nRUN <<EOF\napt-get install -y a\nEOF\n"},
		{"onbuild", "FROM debian:12\nONBUILD RUN apt-get install a\n", "FROM debian:12\nONBUILD RUN apt-get install -y a\n"},
		{"crlf", "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install python3\r\n", "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y python3\r\n"},
		{"backtick", "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install python3\n", "# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y python3\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF401"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

package rules

import "testing"

func TestDF402AptInstallRecommends(t *testing.T) {
	runCases(t, "DF402", []ruleCase{
		{name: "missing", src: "FROM debian:12\nRUN apt-get install -y python3\n", want: 1, onbuild: true},
		{name: "given", src: "FROM debian:12\nRUN apt-get install -y --no-install-recommends python3\n", want: 0, onbuild: true},
		{name: "given before install", src: "FROM debian:12\nRUN apt-get --no-install-recommends -y install python3\n", want: 0},
		{name: "after the packages", src: "FROM debian:12\nRUN apt-get install -y python3 --no-install-recommends\n", want: 0},
		{name: "apt config", src: "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y python3\n", want: 0},
		{name: "apt config attached", src: "FROM debian:12\nRUN apt-get -oAPT::Install-Recommends=0 install -y python3\n", want: 0},
		{name: "apt config long", src: "FROM debian:12\nRUN apt-get --option=apt::install-recommends=false install -y python3\n", want: 0},
		{name: "apt config true", src: "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=true install -y python3\n", want: 1},
		{name: "apt", src: "FROM debian:12\nRUN apt install -y python3\n", want: 1},
		{name: "and chain", src: "FROM debian:12\nRUN apt-get update && apt-get install -y a && apt-get install -y --no-install-recommends b\n", want: 1},
		{name: "semicolon", src: "FROM debian:12\nRUN apt-get update; apt-get install -y a\n", want: 1},
		{name: "sh -c", src: "FROM debian:12\nRUN bash -c 'apt-get update && apt-get install -y a'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y a\nEOF\n", want: 1, noVariants: true},
		{name: "remove", src: "FROM debian:12\nRUN apt-get remove -y a\n", want: 0},
		{name: "crlf", src: "FROM debian:12\r\nRUN apt-get install -y \\\r\n    python3\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM debian:12\nRUN apt-get install -y `\n    python3\n", want: 1},
	})
}

func TestDF402Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM debian:12\nRUN apt-get install -y python3\n", "FROM debian:12\nRUN apt-get install --no-install-recommends -y python3\n"},
		{"options first", "FROM debian:12\nRUN apt-get -y install python3\n", "FROM debian:12\nRUN apt-get -y install --no-install-recommends python3\n"},
		{"heredoc", "FROM debian:12\nRUN <<EOF\napt-get install -y a\nEOF\n", "FROM debian:12\nRUN <<EOF\napt-get install --no-install-recommends -y a\nEOF\n"},
		{"crlf continuation", "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y python3\r\n", "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install --no-install-recommends -y python3\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF402"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

package rules

import "testing"

func TestDF405AptInsteadOfAptGet(t *testing.T) {
	runCases(t, "DF405", []ruleCase{
		{name: "apt install", src: "FROM debian:12\nRUN apt install -y curl\n", want: 1, onbuild: true},
		{name: "apt-get", src: "FROM debian:12\nRUN apt-get install -y curl\n", want: 0, onbuild: true},
		{name: "and chain", src: "FROM debian:12\nRUN apt update && apt install -y curl\n", want: 2},
		{name: "semicolon", src: "FROM debian:12\nRUN apt-get update; apt list --installed\n", want: 1},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'apt update'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\napt update\nEOF\n", want: 1, noVariants: true},
		{name: "sudo env", src: "FROM debian:12\nRUN sudo env A=1 apt install -y curl\n", want: 1},
		{name: "full path", src: "FROM debian:12\nRUN /usr/bin/apt install -y curl\n", want: 1},
		{name: "echo", src: "FROM debian:12\nRUN echo apt install\n", want: 0},
		{name: "apt-cache", src: "FROM debian:12\nRUN apt-cache policy curl\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt install x\n", want: 0},
	})
}

func TestDF405Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM debian:12\nRUN apt update && apt install -y curl\n", "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n"},
		{"full path", "FROM debian:12\nRUN sudo /usr/bin/apt install -y curl\n", "FROM debian:12\nRUN sudo /usr/bin/apt-get install -y curl\n"},
		{"list has no fix", "FROM debian:12\nRUN apt list\n", "FROM debian:12\nRUN apt list\n"},
		{"full-upgrade has no fix", "FROM debian:12\nRUN apt full-upgrade -y\n", "FROM debian:12\nRUN apt full-upgrade -y\n"},
		{"heredoc", "FROM debian:12\nRUN <<EOF\napt install -y a\nEOF\n", "FROM debian:12\nRUN <<EOF\napt-get install -y a\nEOF\n"},
		{"crlf", "FROM debian:12\r\nRUN apt update && \\\r\n    apt install -y a\r\n", "FROM debian:12\r\nRUN apt-get update && \\\r\n    apt-get install -y a\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF405"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

package rules

import "testing"

func TestDF404AptUpgrade(t *testing.T) {
	runCases(t, "DF404", []ruleCase{
		{name: "upgrade", src: "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n", want: 1, onbuild: true},
		{name: "dist-upgrade", src: "FROM debian:12\nRUN apt-get -y dist-upgrade\n", want: 1},
		{name: "apt full-upgrade", src: "FROM debian:12\nRUN apt full-upgrade -y\n", want: 1},
		{name: "semicolon", src: "FROM debian:12\nRUN apt-get update; apt-get upgrade -y; apt-get install -y curl\n", want: 1},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get upgrade -y'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\napt-get upgrade -y\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM debian:12\nRUN sudo apt-get upgrade -y\n", want: 1},
		{name: "only-upgrade", src: "FROM debian:12\nRUN apt-get install -y --only-upgrade openssl\n", want: 0, onbuild: true},
		{name: "simulate", src: "FROM debian:12\nRUN apt-get -s upgrade\n", want: 0},
		{name: "package named upgrade", src: "FROM debian:12\nRUN apt-get install -y upgrade\n", want: 0},
		{name: "pip upgrade", src: "FROM debian:12\nRUN pip install --upgrade pip\n", want: 0},
	})
}

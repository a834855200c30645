package rules

import "testing"

func TestDF406AptUpdateAlone(t *testing.T) {
	runCases(t, "DF406", []ruleCase{
		{name: "alone", src: "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n", want: 1, onbuild: true},
		{name: "with install", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", want: 0, onbuild: true},
		{name: "semicolon", src: "FROM debian:12\nRUN apt-get update; apt-get install -y curl\n", want: 0},
		{name: "install before update", src: "FROM debian:12\nRUN apt-get install -y gnupg && apt-get update\n", want: 1},
		{name: "second update alone", src: "FROM debian:12\nRUN apt-get update && apt-get install -y gnupg && echo deb x > /etc/apt/sources.list.d/x.list && apt-get update\n", want: 1},
		{name: "second update used", src: "FROM debian:12\nRUN apt-get update && apt-get install -y gnupg && apt-get update && apt-get install -y x\n", want: 0},
		{name: "apt update", src: "FROM debian:12\nRUN apt update\n", want: 1},
		{name: "upgrade", src: "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n", want: 0},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get update && apt-get install -y x'\n", want: 0},
		// A string dflint cannot read as a script may install: say nothing
		// (vscode-dev-containers build/patch: `sudo apt-get update && sudo bash -c "…"`).
		{name: "bash -c string with escapes", src: "FROM debian:12\nRUN apt-get update && sudo bash -c \"apt-get install -y \\$PKG\"\n", want: 0},
		{name: "bash -c string with a variable", src: "FROM debian:12\nRUN apt-get update && bash -c \"$INSTALL\"\n", want: 0},
		{name: "read bash -c string that installs nothing", src: "FROM debian:12\nRUN apt-get update && bash -c 'echo done'\n", want: 1},
		{name: "sh -c alone", src: "FROM debian:12\nRUN sh -c 'apt-get update'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n", want: 0, noVariants: true},
		{name: "heredoc alone", src: "FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM debian:12\nRUN sudo apt-get update && sudo apt-get install -y x\n", want: 0},
		{name: "script", src: "FROM debian:12\nRUN apt-get update && ./install-deps.sh\n", want: 0},
		{name: "bash script", src: "FROM debian:12\nRUN apt-get update && bash /tmp/setup\n", want: 0},
		{name: "variable command", src: "FROM debian:12\nRUN apt-get update && $INSTALL curl\n", want: 0},
		{name: "install_packages", src: "FROM debian:12\nRUN apt-get update && install_packages curl\n", want: 0},
		{name: "apt-cache", src: "FROM debian:12\nRUN apt-get update && apt-cache policy curl\n", want: 0},
		{name: "xx-apt-get", src: "FROM debian:12\nRUN apt-get update && xx-apt-get install -y gcc\n", want: 0},
		{name: "lists removed", src: "FROM debian:12\nRUN apt-get update; apt-get dist-clean\n", want: 0},
		{name: "no update", src: "FROM debian:12\nRUN apt-get clean\n", want: 0},
	})
}

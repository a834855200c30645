package rules

import "testing"

func TestDF303Sudo(t *testing.T) {
	runCases(t, "DF303", []ruleCase{
		{name: "sudo apt-get", src: "FROM debian:12\nRUN sudo apt-get update\n", want: 1, onbuild: true},
		{name: "sudo after &&", src: "FROM debian:12\nRUN make && sudo make install\n", want: 1, onbuild: true},
		{name: "two sudos one RUN", src: "FROM debian:12\nRUN sudo a && sudo b\n", want: 1},
		{name: "two RUNs", src: "FROM debian:12\nRUN sudo a\nRUN sudo b\n", want: 2},
		{name: "full path", src: "FROM debian:12\nRUN /usr/bin/sudo make\n", want: 1},
		// Root dropping to an unprivileged user for one command is not
		// what the rule is about (vscode-dev-containers: `sudo -u ${USERNAME} npm …`).
		{name: "drop to a user as root", src: "FROM debian:12\nRUN sudo -u app make\n", want: 0, onbuild: true},
		{name: "drop with --user=", src: "FROM debian:12\nRUN sudo --user=app make\n", want: 0},
		{name: "drop to an ARG user", src: "FROM debian:12\nARG USERNAME=vscode\nRUN sudo -u ${USERNAME} npm install -g x\n", want: 0},
		{name: "drop after USER root", src: "FROM debian:12\nUSER app\nUSER root\nRUN sudo -u app make\n", want: 0},
		{name: "switch as a non-root user", src: "FROM debian:12\nUSER app\nRUN sudo -u other make\n", want: 1},
		{name: "switch to root", src: "FROM debian:12\nRUN sudo -u root make\n", want: 1},
		{name: "user not known", src: "FROM debian:12\nRUN sudo -u $WHO make\n", want: 1},
		{name: "drop then escalate", src: "FROM debian:12\nRUN sudo -u app make && sudo make install\n", want: 1},
		{name: "in sh -c", src: "FROM debian:12\nRUN sh -c 'sudo make install'\n", want: 1},
		{name: "in heredoc", src: "FROM debian:12\nRUN <<EOF\nset -e\nsudo make install\nEOF\n", want: 1, noVariants: true},
		{name: "install sudo", src: "FROM debian:12\nRUN apt-get install -y sudo\n", want: 0, onbuild: true},
		{name: "sudoers file", src: "FROM debian:12\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app\n", want: 0},
		{name: "in CMD", src: "FROM debian:12\nCMD sudo -u app run\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN sudo x\n", want: 0},
	})
}

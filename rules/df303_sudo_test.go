package rules

import "testing"

func TestDF303Sudo(t *testing.T) {
	runCases(t, "DF303", []ruleCase{
		{name: "sudo apt-get", src: "FROM debian:12\nRUN sudo apt-get update\n", want: 1, onbuild: true},
		{name: "sudo after &&", src: "FROM debian:12\nRUN make && sudo make install\n", want: 1, onbuild: true},
		{name: "two sudos one RUN", src: "FROM debian:12\nRUN sudo a && sudo b\n", want: 1},
		{name: "two RUNs", src: "FROM debian:12\nRUN sudo a\nRUN sudo b\n", want: 2},
		{name: "full path", src: "FROM debian:12\nRUN /usr/bin/sudo -u app make\n", want: 1},
		{name: "in sh -c", src: "FROM debian:12\nRUN sh -c 'sudo make install'\n", want: 1},
		{name: "in heredoc", src: "FROM debian:12\nRUN <<EOF\nset -e\nsudo make install\nEOF\n", want: 1, noVariants: true},
		{name: "install sudo", src: "FROM debian:12\nRUN apt-get install -y sudo\n", want: 0, onbuild: true},
		{name: "sudoers file", src: "FROM debian:12\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app\n", want: 0},
		{name: "in CMD", src: "FROM debian:12\nCMD sudo -u app run\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN sudo x\n", want: 0},
	})
}

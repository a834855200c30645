package rules

import "testing"

func TestDF455PointlessCommand(t *testing.T) {
	runCases(t, "DF455", []ruleCase{
		{name: "service", src: "FROM debian:12\nRUN service nginx start\n", want: 1, onbuild: true},
		{name: "vim", src: "FROM debian:12\nRUN vim /etc/hosts\n", want: 1},
		{name: "ssh", src: "FROM debian:12\nRUN ssh git@github.com\n", want: 1},
		{name: "kill", src: "FROM debian:12\nRUN kill -HUP 1\n", want: 1},
		// Stopping what the RUN started (jessfraz/dockerfiles browsh: a first
		// run of the program in the background, killed after a while).
		{name: "kill of a background job", src: "FROM debian:12\nRUN browsh & pid=$!; sleep 10; kill $pid || true\n", want: 0},
		{name: "kill before the background job", src: "FROM debian:12\nRUN kill 1; sleep 1 &\n", want: 1},
		{name: "service started last", src: "FROM debian:12\nRUN echo 'a:b' | chpasswd && service ssh start\n", want: 1},
		{name: "services started last", src: "FROM debian:12\nRUN service ssh start && service cron start\n", want: 2},
		{name: "ifconfig", src: "FROM debian:12\nRUN ifconfig\n", want: 1},
		// A service the rest of the RUN uses, stopped at its end.
		{name: "service used by the RUN", src: "FROM debian:12\nRUN service mysql start && mysql < init.sql && service mysql stop\n", want: 0},
		{name: "stop without a start", src: "FROM debian:12\nRUN apt-get install -y nginx && service nginx stop\n", want: 1},
		{name: "semicolon", src: "FROM debian:12\nRUN ps aux; top -bn1\n", want: 2},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'free -m'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nmount\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM debian:12\nRUN sudo shutdown -h now\n", want: 1},
		{name: "installed", src: "FROM debian:12\nRUN apt-get install -y vim openssh-client procps\n", want: 0, onbuild: true},
		{name: "command -v", src: "FROM debian:12\nRUN command -v ps\n", want: 0},
		{name: "ssh-keygen", src: "FROM debian:12\nRUN ssh-keygen -A\n", want: 0},
		{name: "cmd", src: "FROM debian:12\nCMD service nginx start\n", want: 0},
	})
}

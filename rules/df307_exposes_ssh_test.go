package rules

import "testing"

func TestDF307ExposesSSH(t *testing.T) {
	runCases(t, "DF307", []ruleCase{
		{name: "22", src: "FROM debian:12\nEXPOSE 22\n", want: 1, onbuild: true},
		{name: "22/tcp among others", src: "FROM debian:12\nEXPOSE 80 22/tcp 443\n", want: 1, onbuild: true},
		{name: "two instructions", src: "FROM debian:12\nEXPOSE 22\nEXPOSE 22/udp\n", want: 2},
		{name: "via arg", src: "FROM debian:12\nARG SSH_PORT=22\nEXPOSE $SSH_PORT\n", want: 1},
		{name: "other ports", src: "FROM debian:12\nEXPOSE 2222 220 8022\n", want: 0, onbuild: true},
		{name: "range", src: "FROM debian:12\nEXPOSE 20-30\n", want: 0},
		{name: "unknown variable", src: "FROM debian:12\nEXPOSE $PORT\n", want: 0},
	})
}

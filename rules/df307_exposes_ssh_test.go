package rules

import "testing"

func TestDF307ExposesSSH(t *testing.T) {
	runCases(t, "DF307", []ruleCase{
		{name: "22 next to the app's port", src: "FROM debian:12\nEXPOSE 8080 22\nCMD [\"/app\"]\n", want: 1, onbuild: true},
		{name: "22/tcp among others", src: "FROM debian:12\nEXPOSE 80 22/tcp 443\n", want: 1, onbuild: true},
		{name: "two instructions", src: "FROM debian:12\nEXPOSE 80\nEXPOSE 22\nEXPOSE 22/udp\n", want: 2},
		{name: "via arg", src: "FROM debian:12\nARG SSH_PORT=22\nEXPOSE 80 $SSH_PORT\n", want: 1},
		// Corpus: CentOS wordpress image, supervisord starting httpd and sshd.
		{name: "supervisord runs sshd next to httpd", src: "FROM centos:7\nRUN yum -y install httpd openssh-server supervisor\nEXPOSE 80\nEXPOSE 22\nCMD [\"supervisord\", \"-n\"]\n", want: 1},
		{name: "another port in an earlier stage of the chain", src: "FROM debian:12 AS app\nEXPOSE 8080\nFROM app\nEXPOSE 22\n", want: 1},
		{name: "a port from an unknown variable", src: "FROM debian:12\nEXPOSE $PORT 22\nCMD [\"/app\"]\n", want: 1},
		// Must not: images whose purpose is the SSH server.
		// Corpus: jessfraz/dockerfiles gitserver, vimagick ansible.
		{name: "sshd is the command", src: "FROM alpine:3.20\nRUN apk add --no-cache openssh git\nEXPOSE 22 9418\nENTRYPOINT [\"/start.sh\"]\nCMD [\"/usr/sbin/sshd\", \"-D\", \"-e\"]\n", want: 0},
		{name: "sshd through a shell", src: "FROM ubuntu:24.04\nEXPOSE 22 80\nCMD /usr/sbin/sshd -D\n", want: 0},
		// Corpus: vimagick openssh, webdevops ssh: nothing but port 22.
		{name: "22 is the only port", src: "FROM alpine\nRUN apk add --no-cache openssh\nEXPOSE 22\nENTRYPOINT [\"/entrypoint.sh\"]\n", want: 0},
		{name: "only 22, in two EXPOSEs", src: "FROM debian:12\nEXPOSE 22\nEXPOSE 22/udp\n", want: 0},
		{name: "gitea image", src: "FROM gitea/gitea:1.22\nEXPOSE 22 3000\n", want: 0},
		{name: "gogs as command", src: "FROM alpine:3.20\nEXPOSE 22 3000\nCMD [\"gogs\", \"web\"]\n", want: 0},
		{name: "other ports", src: "FROM debian:12\nEXPOSE 2222 220 8022\n", want: 0, onbuild: true},
		{name: "range", src: "FROM debian:12\nEXPOSE 20-30 80\n", want: 0},
		{name: "unknown variable", src: "FROM debian:12\nEXPOSE $PORT\n", want: 0},
	})
}

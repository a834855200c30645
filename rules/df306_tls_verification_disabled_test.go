package rules

import (
	"slices"
	"strings"
	"testing"
)

func TestDF306TLSVerificationDisabled(t *testing.T) {
	runCases(t, "DF306", []ruleCase{
		{name: "curl -k", src: "FROM debian:12\nRUN curl -k https://e.com/a -o a\n", want: 1, onbuild: true},
		{name: "curl cluster", src: "FROM debian:12\nRUN curl -fsSLk https://e.com/a\n", want: 1},
		{name: "curl --insecure", src: "FROM debian:12\nRUN sudo curl --insecure https://e.com/a\n", want: 1},
		{name: "wget", src: "FROM debian:12\nRUN wget --no-check-certificate https://e.com/a\n", want: 1, onbuild: true},
		{name: "pip trusted-host", src: "FROM python:3.12\nRUN pip install --trusted-host pypi.org flask\n", want: 1},
		{name: "python -m pip trusted-host", src: "FROM python:3.12\nRUN python3 -m pip install --trusted-host=pypi.org flask\n", want: 1},
		{name: "pip config", src: "FROM python:3.12\nRUN pip config set global.trusted-host pypi.org\n", want: 1},
		{name: "npm strict-ssl", src: "FROM node:22\nRUN npm config set strict-ssl false\n", want: 1},
		{name: "yarn strict-ssl", src: "FROM node:22\nRUN yarn config set strict-ssl false\n", want: 1},
		{name: "npm --strict-ssl=false", src: "FROM node:22\nRUN npm install --strict-ssl=false\n", want: 1},
		{name: "apk", src: "FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk\n", want: 1},
		{name: "apk local apks from a stage", src: "FROM alpine:3.20\nRUN --mount=type=bind,from=builder,source=/pkgs,target=/tmp/packages apk add --no-cache --allow-untrusted /tmp/packages/x-${V}.apk\n", want: 0},
		{name: "apk downloaded apk", src: "FROM alpine:3.20\nRUN --mount=type=bind,from=builder,source=/pkgs,target=/tmp/packages apk add --allow-untrusted /tmp/glibc.apk\n", want: 1},
		{name: "apt verify-peer", src: "FROM debian:12\nRUN apt-get -o Acquire::https::Verify-Peer=false update\n", want: 1},
		{name: "apt per host", src: "FROM debian:12\nRUN apt-get -o Acquire::https::repo.example.com::Verify-Host=false update\n", want: 1},
		{name: "apt allow unauthenticated", src: "FROM debian:12\nRUN apt-get install -y --allow-unauthenticated x\n", want: 1},
		{name: "apt force-yes", src: "FROM debian:12\nRUN apt-get install -y --force-yes x\n", want: 1},
		{name: "apt upgrade force-yes", src: "FROM debian:12\nRUN apt-get --force-yes -y dist-upgrade\n", want: 1},
		{name: "apt allow-unauthenticated install", src: "FROM debian:12\nRUN apt-get install -y --allow-unauthenticated x\n", want: 1},
		// A purge downloads nothing (webdevops/Dockerfile php-official:
		// apt-get purge -y -f --force-yes).
		{name: "apt purge force-yes", src: "FROM debian:12\nRUN apt-get purge -y -f --force-yes x\n", want: 0},
		{name: "apt remove allow-unauthenticated", src: "FROM debian:12\nRUN apt-get remove --allow-unauthenticated -y x\n", want: 0},
		{name: "apt purge AllowUnauthenticated option", src: "FROM debian:12\nRUN apt-get -o APT::Get::AllowUnauthenticated=true purge -y x\n", want: 0},
		{name: "apt autoremove force-yes", src: "FROM debian:12\nRUN apt-get autoremove --force-yes -y\n", want: 0},
		{name: "yum nogpgcheck", src: "FROM rockylinux:9\nRUN yum install -y --nogpgcheck x\n", want: 1},
		{name: "dnf sslverify", src: "FROM fedora:40\nRUN dnf install -y --setopt=sslverify=false x\n", want: 1},
		{name: "yum-config-manager", src: "FROM centos:7\nRUN yum-config-manager --save --setopt=sslverify=false\n", want: 1},
		{name: "goinsecure", src: "FROM golang:1.23\nENV GOINSECURE=example.com\n", want: 1},
		{name: "rpm nosignature", src: "FROM fedora:40\nRUN rpm -i --nosignature x.rpm\n", want: 1},
		{name: "git -c", src: "FROM debian:12\nRUN git -c http.sslVerify=false clone https://e.com/r\n", want: 1},
		{name: "git config", src: "FROM debian:12\nRUN git config --global http.sslverify false\n", want: 1},
		{name: "env node", src: "FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n", want: 1, onbuild: true},
		{name: "env git", src: "FROM debian:12\nENV GIT_SSL_NO_VERIFY=true PYTHONHTTPSVERIFY=0\n", want: 2},
		{name: "env in front of command", src: "FROM debian:12\nRUN GIT_SSL_NO_VERIFY=1 git clone https://e.com/r\n", want: 1},
		{name: "env pip", src: "FROM python:3.12\nENV PIP_TRUSTED_HOST=pypi.org\n", want: 1},
		{name: "curl ok", src: "FROM debian:12\nRUN curl -fsSL -o a https://e.com/a\n", want: 0, onbuild: true},
		{name: "curl -K is config", src: "FROM debian:12\nRUN curl -K /etc/curlrc https://e.com/a\n", want: 0},
		{name: "curl -o k", src: "FROM debian:12\nRUN curl -o k https://e.com/a\n", want: 0},
		{name: "apt verify on", src: "FROM debian:12\nRUN apt-get -o Acquire::https::Verify-Peer=true update\n", want: 0},
		{name: "npm strict-ssl true", src: "FROM node:22\nRUN npm config set strict-ssl true\n", want: 0},
		{name: "git sslverify true", src: "FROM debian:12\nRUN git config --global http.sslVerify true\n", want: 0},
		{name: "env node 1", src: "FROM node:22\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 GIT_SSL_NO_VERIFY=false\n", want: 0},
		{name: "echo", src: "FROM debian:12\nRUN echo curl -k\n", want: 0},
	})
}

// Two insecure variables in front of one command are reported at the same
// place; their order must not change from run to run.
func TestDF306TwoVariablesInFrontOfOneCommand(t *testing.T) {
	src := "FROM debian:12\nRUN PYTHONHTTPSVERIFY=0 GIT_SSL_NO_VERIFY=1 NODE_TLS_REJECT_UNAUTHORIZED=0 ./sync.sh\n"
	var first []string
	for run := range 20 {
		var msgs []string
		for _, f := range lintWith(t, src, "DF306") {
			msgs = append(msgs, f.Message)
		}
		if len(msgs) != 3 {
			t.Fatalf("%d findings, want 3: %q", len(msgs), msgs)
		}
		if run == 0 {
			first = msgs
		} else if !slices.Equal(msgs, first) {
			t.Fatalf("run %d reported %q, run 0 %q", run, msgs, first)
		}
	}
	if !strings.HasPrefix(first[0], "GIT_SSL_NO_VERIFY") {
		t.Errorf("first finding %q, want GIT_SSL_NO_VERIFY's (variables in name order)", first[0])
	}
}

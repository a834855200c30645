package rules

import (
	"strings"
	"testing"
)

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
		// hadolint's DL3015 cases, in dflint's own Dockerfiles.
		{name: "DL3015 given", src: "FROM debian:12\nRUN apt-get install --no-install-recommends python3\n", want: 0, onbuild: true},
		{name: "DL3015 missing", src: "FROM debian:12\nRUN apt-get install python3\n", want: 1, onbuild: true},
		{name: "DL3015 y before install", src: "FROM debian:12\nRUN apt-get -y install python3\n", want: 1},
		{name: "DL3015 option", src: "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install python3\n", want: 0, onbuild: true},
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

// TestDF402KeepsCACertificates: ca-certificates that come only as a
// Recommends of curl, wget or git are named in the fix when the stage
// downloads over https afterwards.
func TestDF402KeepsCACertificates(t *testing.T) {
	tests := []struct {
		name, src string
		addsCA    bool
	}{
		{"curl then https", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && curl -fsSL https://example.com/x.sh -o /x.sh\n", true},
		{"wget in a later RUN", "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y wget\nRUN wget https://example.com/a.tgz\n", true},
		{"git clone", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git make\nRUN git clone https://github.com/a/b.git\n", true},
		{"ADD https after", "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y curl\nADD https://example.com/a.tgz /tmp/\n", true},
		{"ca-certificates named", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y ca-certificates curl && curl https://example.com\n", false},
		{"http only", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && curl http://example.com\n", false},
		{"no download", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n", false},
		{"download in another stage", "FROM debian:bookworm AS a\nRUN apt-get update && apt-get install -y curl\nFROM debian:bookworm\nRUN curl https://example.com\n", false},
		{"base image has it", "FROM python:3.13\nRUN apt-get update && apt-get install -y curl && curl https://example.com\n", false},
		{"nothing that recommends it", "FROM debian:bookworm\nRUN apt-get update && apt-get install -y make && curl https://example.com\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := applyFixesOf(t, tt.src, "DF402")
			adds := strings.Count(got, "ca-certificates") > strings.Count(tt.src, "ca-certificates")
			if adds != tt.addsCA {
				t.Errorf("adds ca-certificates %v, want %v:\n%s", adds, tt.addsCA, got)
			}
			if !strings.Contains(got, "--no-install-recommends") {
				t.Errorf("no --no-install-recommends:\n%s", got)
			}
		})
	}
}

package rules

import (
	"strings"
	"testing"
)

func TestDF312PlainHTTPDownload(t *testing.T) {
	runCases(t, "DF312", []ruleCase{
		// Inspired by vimagick/dokuwiki and jessfraz/znc.
		{name: "piped into tar", src: "FROM debian:12\nRUN curl -sSL http://example.com/a.tgz | tar xz\n", want: 1, onbuild: true},
		{name: "wget saves", src: "FROM debian:12\nRUN wget http://example.com/a.tgz && tar xzf a.tgz\n", want: 1, onbuild: true},
		{name: "curl -o", src: "FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz http://example.com/a.tgz\n", want: 1},
		{name: "curl -O", src: "FROM debian:12\nRUN curl -LO http://wordpress.org/latest.tar.gz\n", want: 1},
		{name: "redirected", src: "FROM debian:12\nRUN curl -L http://example.com/a.tgz > /tmp/a.tgz\n", want: 1},
		{name: "key into apt-key", src: "FROM debian:12\nRUN curl -sSL http://repo.example.org/key.gpg | apt-key add -\n", want: 1},
		{name: "url from ENV", src: "FROM debian:12\nENV URL=http://example.com/a.tgz\nRUN wget -qO- \"$URL\" | tar xz\n", want: 1},
		{name: "url with ARG version", src: "FROM debian:12\nARG V=1.2\nRUN curl -sSL \"http://example.com/a-${V}.tgz\" -o /a.tgz\n", want: 1},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'wget http://example.com/a.tgz'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\ncurl -o /a http://example.com/a\nEOF\n", want: 1, noVariants: true},
		{name: "two downloads one run", src: "FROM debian:12\nRUN wget http://example.com/a && wget http://example.com/b\n", want: 1},
		{name: "two runs", src: "FROM debian:12\nRUN wget http://example.com/a\nRUN wget http://example.com/b\n", want: 2},
		{name: "add", src: "FROM debian:12\nADD http://example.com/a.tgz /opt/\n", want: 1, onbuild: true},

		{name: "https", src: "FROM debian:12\nRUN curl -sSL https://example.com/a.tgz | tar xz\n", want: 0, onbuild: true},
		{name: "sha256sum -c", src: "FROM debian:12\nRUN curl -o a.tgz http://example.com/a.tgz && echo \"abc  a.tgz\" | sha256sum -c - && tar xzf a.tgz\n", want: 0},
		{name: "gpg --verify", src: "FROM debian:12\nRUN wget http://example.com/a.tgz http://example.com/a.tgz.asc && gpg --batch --verify a.tgz.asc a.tgz\n", want: 0},
		{name: "verified in a later RUN", src: "FROM debian:12\nRUN wget http://example.com/a.tgz http://example.com/a.tgz.asc\nRUN gpg --batch --verify a.tgz.asc a.tgz\n", want: 0},
		{name: "localhost", src: "FROM debian:12\nRUN curl -o /a http://localhost:8080/a\n", want: 0},
		{name: "private address", src: "FROM debian:12\nRUN wget http://192.168.1.10/a.tgz\n", want: 0},
		{name: "service name", src: "FROM debian:12\nRUN wget http://nexus:8081/repo/a.jar\n", want: 0},
		{name: "internal name", src: "FROM debian:12\nRUN wget http://host.docker.internal/a.jar\n", want: 0},
		{name: "printed to the log", src: "FROM debian:12\nRUN curl http://example.com/ping\n", want: 0},
		{name: "dev null", src: "FROM debian:12\nRUN curl -fsS -o /dev/null http://example.com/\n", want: 0},
		{name: "head", src: "FROM debian:12\nRUN curl -I http://example.com/a.tgz > /tmp/headers\n", want: 0},
		{name: "spider", src: "FROM debian:12\nRUN wget --spider http://example.com/a.tgz\n", want: 0},
		{name: "substitution", src: "FROM debian:12\nRUN V=$(curl -fsS http://example.com/latest) && echo $V\n", want: 0},
		{name: "text filter", src: "FROM debian:12\nRUN curl -fsS http://example.com/releases | grep -o 'v[0-9.]*' > /v\n", want: 0},
		{name: "apt source", src: "FROM debian:12\nRUN echo 'deb http://deb.debian.org/debian bookworm main' > /etc/apt/sources.list && apt-get update\n", want: 0},
		{name: "unknown variable", src: "FROM debian:12\nARG MIRROR\nRUN wget $MIRROR/a.tgz\n", want: 0},
		{name: "variable set in the RUN", src: "FROM debian:12\nRUN U=http://example.com/a && wget \"$U\"\n", want: 1},
		{name: "host known, path from a substitution", src: "FROM debian:12\nENV BASE=http://example.com\nRUN D=\"$BASE/$(uname -m)\" && curl -fsSLo /a.tgz \"$D/a.tgz\"\n", want: 1},
		{name: "variable set twice in the RUN", src: "FROM debian:12\nRUN if [ -n \"$X\" ]; then U=http://example.com/a; else U=https://example.com/a; fi && wget \"$U\"\n", want: 0},
		{name: "variable set after the call", src: "FROM debian:12\nRUN wget \"$U\" && U=http://example.com/a\n", want: 0},
		{name: "host from a substitution", src: "FROM debian:12\nRUN wget \"http://$(cat /host)/a.tgz\"\n", want: 0},
		{name: "add https", src: "FROM debian:12\nADD https://example.com/a.tgz /opt/\n", want: 0},
		{name: "add with checksum", src: "FROM debian:12\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 http://example.com/a.tgz /opt/\n", want: 0},
		{name: "add local", src: "FROM debian:12\nADD a.tgz /opt/\n", want: 0},
		{name: "healthcheck", src: "FROM debian:12\nHEALTHCHECK CMD curl -f http://example.com/ || exit 1\n", want: 0},
	})
}

func TestDF312Message(t *testing.T) {
	fs := lintWith(t, "FROM debian:12\nRUN wget http://example.com/a && \\\n  wget -O /b http://example.com/b\n", "DF312")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	if !strings.HasPrefix(fs[0].Message, "2 downloads over plain HTTP (http://example.com/a, …)") {
		t.Errorf("message %q does not count the downloads", fs[0].Message)
	}
	if fs[0].Line != 2 || fs[0].EndLine != 3 {
		t.Errorf("range lines %d-%d, want 2-3", fs[0].Line, fs[0].EndLine)
	}
}

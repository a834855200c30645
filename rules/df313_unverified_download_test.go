package rules

import (
	"strings"
	"testing"
)

func TestDF313UnverifiedDownload(t *testing.T) {
	const sha = "0123456789abcdef0123456789abcdef01234567"
	runCases(t, "DF313", []ruleCase{
		// Inspired by jessfraz/radarr (release tarball into tar) and
		// vimagick/hass (a binary saved into /usr/local/bin).
		{name: "piped into tar", src: "FROM debian:12\nRUN curl -fsSL https://example.com/a.tgz | tar -xz -C /opt\n", want: 1, onbuild: true},
		{name: "saved then extracted", src: "FROM debian:12\nRUN wget -q https://example.com/a-1.tgz && tar -xzf a-1.tgz && rm a-1.tgz\n", want: 1, onbuild: true},
		{name: "curl -o then tar -f", src: "FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && tar xzf /tmp/a.tgz -C /opt\n", want: 1},
		{name: "variable path", src: "FROM debian:12\nARG V=1\nRUN curl -fsSL -o \"/tmp/a-${V}.zip\" \"https://example.com/a-${V}.zip\" && unzip \"/tmp/a-${V}.zip\"\n", want: 1},
		{name: "deb installed", src: "FROM debian:12\nRUN curl -fsSLO https://example.com/a_1_amd64.deb && dpkg -i a_1_amd64.deb\n", want: 1},
		{name: "into bin", src: "FROM debian:12\nRUN curl -fsSL -o /usr/local/bin/tool https://example.com/tool-linux\n", want: 1},
		{name: "chmod", src: "FROM debian:12\nRUN wget -qO /opt/tool https://example.com/tool && chmod +x /opt/tool\n", want: 1},
		{name: "run", src: "FROM debian:12\nRUN curl -fsSLo install.sh https://example.com/install.sh && sh install.sh\n", want: 1},
		{name: "two in one run", src: "FROM debian:12\nRUN curl -fsSL https://example.com/a.tgz | tar xz && curl -fsSL https://example.com/b.tgz | tar xz\n", want: 1},
		{name: "http when DF312 does not run", src: "FROM debian:12\nRUN curl -fsSL http://example.com/a.tgz | tar xz\n", want: 1},

		{name: "sha256sum -c", src: "FROM debian:12\nRUN curl -fsSLo a.tgz https://example.com/a.tgz && echo \"abc  a.tgz\" | sha256sum -c - && tar xzf a.tgz\n", want: 0, onbuild: true},
		{name: "gpg --verify", src: "FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz && curl -fsSLO https://example.com/a.tgz.asc && gpg --batch --verify a.tgz.asc a.tgz && tar xzf a.tgz\n", want: 0},
		// minio/minio's Dockerfile.release: download, then minisign in the next RUN.
		{name: "verified in a later RUN", src: "FROM alpine:3.20\nRUN curl -s https://dl.example.com/minio -o /go/bin/minio && curl -s https://dl.example.com/minio.minisig -o /go/bin/minio.minisig && chmod +x /go/bin/minio\nRUN minisign -Vqm /go/bin/minio -x /go/bin/minio.minisig -P RWTx\n", want: 0},
		{name: "verified in an earlier RUN only", src: "FROM alpine:3.20\nRUN sha256sum -c /sums\nRUN curl -fsSL -o /usr/local/bin/tool https://example.com/tool\n", want: 1},
		{name: "commit pinned", src: "FROM debian:12\nRUN curl -fsSL https://github.com/o/r/archive/" + sha + ".tar.gz | tar xz\n", want: 0},
		{name: "raw at commit", src: "FROM debian:12\nRUN curl -fsSL -o /usr/local/bin/dind https://raw.githubusercontent.com/o/r/" + sha + "/hack/dind\n", want: 0},
		{name: "pipe to shell is DF305's", src: "FROM debian:12\nRUN curl -fsSL https://example.com/i.sh | sh\n", want: 0},
		{name: "key into gpg", src: "FROM debian:12\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg\n", want: 0},
		{name: "saved and not used", src: "FROM debian:12\nRUN curl -fsSLo /etc/app.conf https://example.com/app.conf\n", want: 0},
		{name: "other file extracted", src: "FROM debian:12\nRUN curl -fsSLo /tmp/a.txt https://example.com/a.txt && tar xzf /tmp/b.tgz\n", want: 0},
		{name: "extracted before the download", src: "FROM debian:12\nRUN tar xzf a.tgz && curl -fsSLO https://example.com/a.tgz\n", want: 0},
		{name: "printed", src: "FROM debian:12\nRUN curl -fsSL https://example.com/version\n", want: 0},
		{name: "private host", src: "FROM debian:12\nRUN curl -fsSL http://artifacts:8080/a.tgz | tar xz\n", want: 0},
		{name: "url set in the RUN", src: "FROM debian:12\nRUN U=https://example.com/a.tgz && curl -fsSL \"$U\" | tar xz\n", want: 1},
		{name: "url set twice in the RUN", src: "FROM debian:12\nRUN case $(uname -m) in x86_64) U=https://example.com/a.tgz;; *) U=https://example.com/b.tgz;; esac && curl -fsSL \"$U\" | tar xz\n", want: 0},
		{name: "saved name of a partly known url", src: "FROM debian:12\nRUN wget \"https://example.com/$(uname -m).tgz\" && tar xzf x86_64.tgz\n", want: 0},
	})
}

// A plain-HTTP download is DF312's finding while DF312 runs.
func TestDF313LeavesPlainHTTPToDF312(t *testing.T) {
	src := "FROM debian:12\nRUN curl -fsSL http://example.com/a.tgz | tar xz\n"
	fs := lintWith(t, src, "DF312", "DF313")
	if n := countRule(fs, "DF313"); n != 0 {
		t.Errorf("DF313 reported %d findings beside DF312", n)
	}
	if n := countRule(fs, "DF312"); n != 1 {
		t.Errorf("DF312 reported %d findings, want 1", n)
	}
}

func TestDF313Message(t *testing.T) {
	fs := lintWith(t, "FROM debian:12\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz && tar xzf /tmp/a.tgz\n", "DF313")
	if len(fs) != 1 || !strings.HasPrefix(fs[0].Message, "https://example.com/a.tgz is downloaded and extracted by `tar`") {
		t.Errorf("got %+v", fs)
	}
	if ByID("DF313").OptIn != true {
		t.Error("DF313 must be opt-in: most of its corpus findings are release archives with no published checksum")
	}
}

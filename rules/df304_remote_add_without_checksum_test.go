package rules

import "testing"

func TestDF304RemoteAddWithoutChecksum(t *testing.T) {
	runCases(t, "DF304", []ruleCase{
		{name: "https", src: "FROM alpine:3.20\nADD https://example.com/a.tar.gz /opt/\n", want: 1, onbuild: true},
		{name: "http upper-case scheme", src: "FROM alpine:3.20\nADD HTTP://example.com/a /a\n", want: 1},
		{name: "two urls", src: "FROM alpine:3.20\nADD https://e.com/a https://e.com/b /opt/\n", want: 2},
		{name: "url from arg", src: "FROM alpine:3.20\nARG URL=https://e.com/x\nADD $URL /x\n", want: 1},
		{name: "json form", src: "FROM alpine:3.20\nADD [\"https://e.com/a\", \"/a\"]\n", want: 1},
		{name: "chown flag", src: "FROM alpine:3.20\nADD --chown=1:1 https://e.com/a /a\n", want: 1},
		{name: "checksum", src: "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://e.com/a /a\n", want: 0, onbuild: true},
		{name: "local file", src: "FROM alpine:3.20\nADD app.tar.gz /opt/\n", want: 0, onbuild: true},
		{name: "git repo", src: "FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src\n", want: 0},
		{name: "git ssh", src: "FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n", want: 0},
		{name: "copy url", src: "FROM alpine:3.20\nCOPY https-file /x\n", want: 0},
		{name: "unknown variable", src: "FROM alpine:3.20\nADD $URL /x\n", want: 0},
	})
}

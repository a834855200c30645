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
		// A later RUN of the stage that verifies the added file
		// (home-assistant/docker-base python: ADD the tarball and its
		// .sigstore bundle, then cosign verify-blob in the next RUN).
		{name: "cosign verify-blob of both", src: "FROM alpine:3.20\nWORKDIR /tmp/f\nADD https://e.com/p.tar.xz /tmp/f/python.tar.xz\nADD https://e.com/p.tar.xz.sigstore /tmp/f/python.tar.xz.sigstore\nRUN cosign verify-blob --bundle python.tar.xz.sigstore python.tar.xz && tar -xJf python.tar.xz\n", want: 0},
		{name: "sha256sum -c from echo", src: "FROM alpine:3.20\nARG SHA=abc\nADD https://e.com/tool.tgz /tmp/\nRUN echo \"$SHA  /tmp/tool.tgz\" | sha256sum -c -\n", want: 0},
		{name: "sha256sum -c of a checksum file", src: "FROM alpine:3.20\nADD https://e.com/tool.tgz /tmp/tool.tgz\nCOPY tool.tgz.sha256 /tmp/\nRUN cd /tmp && sha256sum -c tool.tgz.sha256\n", want: 0},
		{name: "gpg --verify with variables", src: "FROM alpine:3.20\nENV NAME=zk-3.9\nADD https://e.com/zk-3.9.tar.gz /src/\nRUN gpg --batch --verify \"$NAME.tar.gz.asc\" \"/src/$NAME.tar.gz\"\n", want: 0},
		{name: "verification of another file", src: "FROM alpine:3.20\nADD https://e.com/tool.tgz /tmp/tool.tgz\nRUN gpg --verify other.asc other.tgz\n", want: 1},
		{name: "file named but not verified", src: "FROM alpine:3.20\nADD https://e.com/tool.tgz /tmp/tool.tgz\nRUN tar -xzf /tmp/tool.tgz && sha256sum /tmp/tool.tgz\n", want: 1},
		{name: "verification before the ADD", src: "FROM alpine:3.20\nRUN echo \"x  /tmp/tool.tgz\" | sha256sum -c - || true\nADD https://e.com/tool.tgz /tmp/tool.tgz\n", want: 1},
		{name: "verification in another stage", src: "FROM alpine:3.20 AS a\nADD https://e.com/tool.tgz /tmp/tool.tgz\nFROM alpine:3.20\nRUN echo \"x  /tmp/tool.tgz\" | sha256sum -c -\n", want: 1},
		{name: "name only as a prefix", src: "FROM alpine:3.20\nADD https://e.com/tool.tgz /tmp/tool.tgz\nRUN echo \"x  /tmp/tool.tgz.old\" | sha256sum -c -\n", want: 1},
		{name: "unknown variable", src: "FROM alpine:3.20\nADD $URL /x\n", want: 0},
	})
}

package rules

import "testing"

func TestDF412ApkUnpinned(t *testing.T) {
	runCases(t, "DF412", []ruleCase{
		{name: "unpinned", src: "FROM alpine:3.20\nRUN apk add --no-cache curl\n", want: 1, onbuild: true},
		{name: "pinned", src: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n", want: 0, onbuild: true},
		{name: "fuzzy", src: "FROM alpine:3.20\nRUN apk add curl~8.9\n", want: 0},
		{name: "virtual", src: "FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc=13.2.1-r0\n", want: 0},
		{name: "virtual t", src: "FROM alpine:3.20\nRUN apk add -t .build-deps gcc\n", want: 1},
		{name: "variable", src: "FROM alpine:3.20\nRUN apk add $PKGS\n", want: 0},
		{name: "variable version", src: "FROM alpine:3.20\nRUN apk add curl=${V}\n", want: 0},
		{name: "local", src: "FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk\n", want: 0},
		{name: "and chain", src: "FROM alpine:3.20\nRUN apk update && apk add curl && apk add git=2\n", want: 1},
		{name: "semicolon", src: "FROM alpine:3.20\nRUN apk add a; apk add b\n", want: 2},
		{name: "sh -c", src: "FROM alpine:3.20\nRUN sh -c 'apk add curl'\n", want: 1},
		{name: "heredoc", src: "FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM alpine:3.20\nRUN sudo apk add curl\n", want: 1},
		{name: "del", src: "FROM alpine:3.20\nRUN apk del curl\n", want: 0},
	})
}

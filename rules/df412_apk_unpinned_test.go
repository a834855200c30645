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

// TestDF412HadolintCases covers the ground of hadolint's DL3018 spec with
// dflint's own Dockerfiles.
func TestDF412HadolintCases(t *testing.T) {
	runCases(t, "DF412", []ruleCase{
		{name: "DL3018 unpinned", src: "FROM alpine:3.20\nRUN apk add flex\n", want: 1, onbuild: true},
		{name: "DL3018 pinned", src: "FROM alpine:3.20\nRUN apk add flex=2.6.4-r6\n", want: 0, onbuild: true},
		{name: "DL3018 tilde", src: "FROM alpine:3.20\nRUN apk add --no-cache git~2.45\n", want: 0},
		{name: "DL3018 tilde equals", src: "FROM alpine:3.20\nRUN apk add --no-cache git~=2.45 curl=~8.9\n", want: 0},
		{name: "DL3018 chained", src: "FROM alpine:3.20\nRUN apk add --no-cache flex=2.6.4-r6 \\\n && pip install -r requirements.txt\n", want: 0},
		{name: "DL3018 several pinned", src: "FROM alpine:3.20\nRUN apk add --no-cache \\\n flex=2.6.4-r6 \\\n libffi=3.4.6-r0 \\\n python3=3.12.7-r0\n", want: 0},
		{name: "DL3018 comparisons", src: "FROM alpine:3.20\nRUN apk add --no-cache \"flex>=2.6.1-r1\" \"libffi~3.4\" \"python3<3.13\" \"libbz2=~1.0.8\"\n", want: 0},
		{name: "DL3018 one missed", src: "FROM alpine:3.20\nRUN apk add --no-cache \\\n flex=2.6.4-r6 \\\n libffi \\\n python3=3.12.7-r0\n", want: 1},
		{name: "DL3018 virtual", src: "FROM alpine:3.20\nRUN apk add --virtual build-deps python3-dev=3.12.7-r0 build-base=0.5-r3 \\\n && pip install -r requirements.txt \\\n && apk del build-deps\n", want: 0},
		{name: "DL3018 repository", src: "FROM alpine:3.20\nRUN apk add --no-cache --repository https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0\n", want: 0},
		{name: "DL3018 repository equals", src: "FROM alpine:3.20\nRUN apk add --no-cache --repository=https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0\n", want: 0},
		{name: "DL3018 X", src: "FROM alpine:3.20\nRUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing flow=0.78.0-r0\n", want: 0},
		{name: "DL3018 apk file", src: "FROM alpine:3.20\nRUN apk add --allow-untrusted mypackage-1.1.1.apk\n", want: 0},
	})
}

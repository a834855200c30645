package rules

import "testing"

func TestDF206CopyFromInvalidStage(t *testing.T) {
	runCases(t, "DF206", []ruleCase{
		{name: "own name", src: "FROM alpine:3.20 AS app\nCOPY --from=app /a /b\n", want: 1},
		{name: "own name other case", src: "FROM alpine:3.20 AS App\nCOPY --from=APP /a /b\n", want: 1},
		{name: "own index", src: "FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=1 /a /b\n", want: 1},
		{name: "later name", src: "FROM alpine:3.20\nCOPY --from=build /a /b\nFROM golang:1.23 AS build\n", want: 1},
		{name: "later index", src: "FROM alpine:3.20\nCOPY --from=1 /a /b\nFROM golang:1.23\n", want: 1},
		{name: "no such index", src: "FROM alpine:3.20\nCOPY --from=5 /a /b\n", want: 1},
		{name: "typo", src: "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=biuld /a /b\n", want: 1},
		{name: "from arg", src: "ARG SRC=builder\nFROM golang:1.23 AS build\nFROM alpine:3.20\nARG SRC\nCOPY --from=$SRC /a /b\n", want: 1},
		{name: "earlier name", src: "FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=build /a /b\n", want: 0},
		{name: "earlier name other case", src: "FROM golang:1.23 AS Build\nFROM alpine:3.20\nCOPY --from=Build /a /b\n", want: 0},
		{name: "earlier index", src: "FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=0 /a /b\n", want: 0},
		{name: "image with tag", src: "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n", want: 0},
		{name: "image with registry", src: "FROM alpine:3.20\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n", want: 0},
		{name: "known image", src: "FROM alpine:3.20\nCOPY --from=busybox /bin/busybox /bin/\n", want: 0},
		{name: "unknown variable", src: "FROM alpine:3.20\nCOPY --from=$X /a /b\n", want: 0},
		{name: "onbuild", src: "FROM alpine:3.20\nONBUILD COPY --from=build /a /b\n", want: 0},
		{name: "no from", src: "FROM alpine:3.20\nCOPY a /b\n", want: 0},
	})
}

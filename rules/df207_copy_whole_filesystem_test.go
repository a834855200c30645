package rules

import "testing"

func TestDF207CopyWholeFilesystem(t *testing.T) {
	runCases(t, "DF207", []ruleCase{
		{name: "slash", src: "FROM debian:12 AS build\nFROM alpine:3.20\nCOPY --from=build / /\n", want: 1},
		{name: "slash dot", src: "FROM debian:12 AS build\nFROM alpine:3.20\nCOPY --from=build /. /rootfs/\n", want: 1},
		{name: "slash star", src: "FROM debian:12 AS build\nFROM alpine:3.20\nCOPY --from=build /* /\n", want: 1},
		{name: "image", src: "FROM alpine:3.20\nCOPY --from=busybox:1.36 / /\n", want: 1},
		{name: "index", src: "FROM debian:12\nFROM alpine:3.20\nCOPY --from=0 / /\n", want: 1},
		{name: "json form", src: "FROM debian:12 AS b\nFROM alpine:3.20\nCOPY --from=b [\"/\", \"/\"]\n", want: 1},
		{name: "one path", src: "FROM debian:12 AS build\nFROM alpine:3.20\nCOPY --from=build /out/app /app\n", want: 0, onbuild: true},
		{name: "scratch export stage", src: "FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch AS export\nCOPY --from=build /out/ /\nFROM alpine:3.20\nCOPY --from=export / /usr/local/bin/\n", want: 0},
		{name: "unknown image", src: "FROM alpine:3.20\nCOPY --from=tonistiigi/xx:1.9.0 / /\n", want: 0},
		{name: "stage on unknown image", src: "FROM tonistiigi/xx:1.9.0 AS xx\nFROM alpine:3.20\nCOPY --from=xx / /\n", want: 0},
		{name: "unresolved base", src: "FROM ${BASE} AS merge\nFROM alpine:3.20\nCOPY --from=merge / /\n", want: 0},
		{name: "stage on stage on debian", src: "FROM debian:12 AS a\nFROM a AS b\nFROM alpine:3.20\nCOPY --from=b / /\n", want: 1},
		// home-assistant/docker-base alpine/Dockerfile: the flattened
		// image, merged on the same base (also through a global ARG).
		{name: "flattened image on the same base", src: "ARG BUILD_FROM=alpine:3.20\nFROM ${BUILD_FROM} AS merge\nRUN apk add --no-cache bash\nFROM ${BUILD_FROM}\nCOPY --from=merge / /\n", want: 0},
		{name: "stage on the same base merged into a stage on it", src: "FROM debian:12 AS base\nFROM debian:12 AS build\nRUN make\nFROM base\nCOPY --from=build / /\n", want: 0},
		{name: "other tag of the same image", src: "FROM debian:11 AS b\nFROM debian:12\nCOPY --from=b / /\n", want: 1},
		{name: "context root", src: "FROM alpine:3.20\nCOPY / /src\n", want: 0},
		{name: "relative dot is the root", src: "FROM debian:12 AS b\nFROM alpine:3.20\nCOPY --from=b . /x\n", want: 1},
		{name: "relative path", src: "FROM debian:12 AS b\nFROM alpine:3.20\nCOPY --from=b ./app /x\n", want: 0},
	})
}

package rules

import (
	"strings"
	"testing"
)

func TestDF601RunWithoutShell(t *testing.T) {
	runCases(t, "DF601", []ruleCase{
		{name: "run on distroless", src: "FROM gcr.io/distroless/static-debian12\nRUN mkdir /data\n", want: 1},
		{name: "run on chainguard runtime", src: "FROM cgr.dev/chainguard/python:latest\nRUN pip install flask\n", want: 1},
		{name: "run on scratch", src: "FROM scratch\nCOPY app /app\nRUN chmod +x /app\n", want: 1},
		{name: "every shell form", src: "FROM gcr.io/distroless/base-debian12\nRUN a\nENTRYPOINT /app serve\nHEALTHCHECK CMD /app check\n", want: 3},
		{name: "cmd shell form", src: "FROM gcr.io/distroless/base-debian12\nCOPY app /app\nCMD /app --serve\n", want: 1},
		{name: "heredoc", src: "FROM gcr.io/distroless/base-debian12\nRUN <<EOF\nmkdir /data\nEOF\n", want: 1, noVariants: true},
		{name: "exec form run", src: "FROM gcr.io/distroless/static-debian12\nCOPY tool /app/tool\nRUN [\"/app/tool\", \"init\"]\n", want: 0},
		{name: "exec form cmd", src: "FROM gcr.io/distroless/static-debian12\nCMD [\"/app\"]\nHEALTHCHECK CMD [\"/app\", \"check\"]\n", want: 0},
		{name: "dev variant has a shell", src: "FROM cgr.dev/chainguard/python:latest-dev\nRUN pip install flask\n", want: 0},
		{name: "wolfi-base has sh", src: "FROM cgr.dev/chainguard/wolfi-base\nRUN apk add --no-cache curl\n", want: 0},
		{name: "alpine", src: "FROM alpine:3.20\nRUN apk add --no-cache curl\n", want: 0},
		{name: "unknown image", src: "FROM example.com/team/runtime:1\nRUN true\n", want: 0},
		{name: "base is an ARG", src: "ARG BASE\nFROM $BASE\nRUN true\n", want: 0},
		{name: "debug image without SHELL", src: "FROM gcr.io/distroless/base-debian12:debug\nRUN mkdir /data\n", want: 1},
		{name: "debug image with its shell", src: "FROM gcr.io/distroless/base-debian12:debug\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN mkdir /data\n", want: 0},
		{name: "SHELL names a shell the image lacks", src: "FROM gcr.io/distroless/base-debian12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "shell copied into /bin", src: "FROM gcr.io/distroless/base-debian12\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\nRUN true\n", want: 0},
		{name: "shell copied into /busybox", src: "FROM gcr.io/distroless/base-debian12\nCOPY --from=busybox:1.36-musl /bin /busybox\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN true\n", want: 0},
		{name: "shell mounted", src: "FROM scratch\nRUN --mount=from=busybox:1.36,source=/bin,target=/bin true\n", want: 0},
		{name: "cache mount is no shell", src: "FROM scratch\nRUN --mount=type=cache,target=/root/.cache true\n", want: 1},
		{name: "whole tree copied", src: "FROM scratch\nCOPY --from=build / /\nRUN true\n", want: 0},
		{name: "destination unknown", src: "FROM scratch\nCOPY --from=build /x $DEST\nRUN true\n", want: 0},
		{name: "copy after the run", src: "FROM scratch\nRUN true\nCOPY --from=build /bin/sh /bin/sh\n", want: 1},
		{name: "copy of the app is not a shell", src: "FROM scratch\nWORKDIR /app\nCOPY --from=build /out/app .\nRUN true\n", want: 1},
		{name: "later stage on the same image", src: "FROM gcr.io/distroless/base-debian12 AS base\nCOPY --from=busybox:1.36 /bin/busybox /bin/sh\nFROM base\nRUN true\n", want: 0},
		{name: "reported in its own stage only", src: "FROM gcr.io/distroless/base-debian12 AS base\nRUN a\nFROM base\nRUN b\n", want: 2},
		{name: "overridden cmd", src: "FROM gcr.io/distroless/base-debian12\nCMD /app a\nCMD [\"/app\", \"b\"]\n", want: 0},
		{name: "cmd for the image's entrypoint is DF604's", src: "FROM cgr.dev/chainguard/python:latest\nCMD flask run\n", want: 0},
		{name: "onbuild trigger runs elsewhere", src: "FROM gcr.io/distroless/base-debian12\nONBUILD RUN true\n", want: 0},
		{name: "build stage on a full image", src: "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n", want: 0},
	})
}

func TestDF601Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"debug", "FROM gcr.io/distroless/base-debian12:debug\nRUN mkdir /data\nRUN touch /data/x\n", "FROM gcr.io/distroless/base-debian12:debug\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN mkdir /data\nRUN touch /data/x\n"},
		{"lower case crlf", "from gcr.io/distroless/base-debian12:debug-nonroot\r\nrun mkdir /data\r\n", "from gcr.io/distroless/base-debian12:debug-nonroot\r\nshell [\"/busybox/sh\", \"-c\"]\r\nrun mkdir /data\r\n"},
		{"no shell at all: no fix", "FROM gcr.io/distroless/base-debian12\nRUN mkdir /data\n", "FROM gcr.io/distroless/base-debian12\nRUN mkdir /data\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF601"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDF601Message(t *testing.T) {
	fs := lintWith(t, "FROM gcr.io/distroless/base-debian12:debug\nRUN mkdir /data\n", "DF601")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "its shell is `/busybox/sh`; add `SHELL [\"/busybox/sh\", \"-c\"]`") {
		t.Errorf("debug image: want the shell it has named, got %+v", fs)
	}
}

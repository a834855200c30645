package rules

import (
	"strings"
	"testing"
)

func TestDF602ShellNotInImage(t *testing.T) {
	runCases(t, "DF602", []ruleCase{
		{name: "bash on alpine", src: "FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN true\n", want: 1},
		{name: "bash on wolfi-base", src: "FROM cgr.dev/chainguard/wolfi-base\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "bash on busybox", src: "FROM busybox:1.36\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "bash on an alpine language image", src: "FROM python:3.12-alpine\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "usr bin bash on alpine", src: "FROM alpine:3.20\nSHELL [\"/usr/bin/bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "bare name looked up in PATH", src: "FROM alpine:3.20\nSHELL [\"bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "ash on alpine", src: "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN true\n", want: 0},
		{name: "sh on wolfi-base", src: "FROM cgr.dev/chainguard/wolfi-base\nSHELL [\"/bin/sh\", \"-c\"]\nRUN true\n", want: 0},
		{name: "usrmerge: /usr/bin/sh is /bin/sh", src: "FROM alpine:3.20\nSHELL [\"/usr/bin/sh\", \"-c\"]\nRUN true\n", want: 0},
		{name: "bash on debian", src: "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN true\n", want: 0},
		{name: "bash installed before", src: "FROM alpine:3.20\nRUN apk add --no-cache bash curl\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 0},
		{name: "bash installed in the base stage", src: "FROM alpine:3.20 AS base\nRUN apk add --no-cache bash\nFROM base\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 0},
		{name: "bash installed through a variable", src: "FROM alpine:3.20\nENV PKGS=\"bash curl\"\nRUN apk add --no-cache $PKGS\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 0},
		{name: "bash installed after", src: "FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-c\"]\nRUN apk add --no-cache bash\n", want: 1},
		{name: "bash installed in another stage", src: "FROM alpine:3.20 AS a\nRUN apk add --no-cache bash\nFROM alpine:3.20\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "bashdb is not bash", src: "FROM alpine:3.20\nRUN apk add --no-cache bash-completion\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 1},
		{name: "shell copied in", src: "FROM alpine:3.20\nCOPY --from=build /bin/bash /bin/bash\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 0},
		{name: "no shell at all is DF601's", src: "FROM gcr.io/distroless/base-debian12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 0},
		{name: "not a shell", src: "FROM alpine:3.20\nSHELL [\"/usr/bin/env\", \"bash\", \"-c\"]\nRUN true\n", want: 0},
		{name: "unknown image", src: "FROM example.com/team/base:1\nSHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN true\n", want: 0},
		{name: "onbuild trigger", src: "FROM alpine:3.20\nONBUILD SHELL [\"/bin/bash\", \"-c\"]\nRUN true\n", want: 0},
	})
}

func TestDF602Message(t *testing.T) {
	fs := lintWith(t, "FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN wget -qO- https://example.com | tar x\n", "DF602")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	for _, want := range []string{"line 3", "`RUN apk add --no-cache bash`", "`SHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]`"} {
		if !strings.Contains(fs[0].Message, want) {
			t.Errorf("message %q does not say %s", fs[0].Message, want)
		}
	}
}

package rules

import (
	"strings"
	"testing"
)

func TestDF502RelativeWorkdir(t *testing.T) {
	runCases(t, "DF502", []ruleCase{
		{name: "relative", src: "FROM alpine:3.20\nWORKDIR app\n", want: 1, onbuild: true},
		{name: "dot relative", src: "FROM alpine:3.20\nWORKDIR ./app\n", want: 1, onbuild: true},
		{name: "quoted relative", src: "FROM alpine:3.20\nWORKDIR \"app\"\n", want: 1},
		{name: "absolute", src: "FROM alpine:3.20\nWORKDIR /app\n", want: 0, onbuild: true},
		{name: "quoted absolute", src: "FROM alpine:3.20\nWORKDIR \"/app\"\n", want: 0},
		// After a WORKDIR of the stage chain the directory is the
		// Dockerfile's own (BuildKit's WorkdirRelativePath; hadolint's
		// DL3000 reports these too). tianon/dockerfiles adsb/acarsdec:
		// WORKDIR /libacars, then WORKDIR build.
		{name: "relative after absolute", src: "FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n", want: 0, onbuild: true},
		{name: "two relative: only the first", src: "FROM alpine:3.20\nWORKDIR app\nWORKDIR src\n", want: 1, onbuild: true},
		{name: "relative after absolute of the base stage", src: "FROM alpine:3.20 AS base\nWORKDIR /src\nFROM base AS build\nWORKDIR build\n", want: 0},
		{name: "relative in a stage on a stage without WORKDIR", src: "FROM alpine:3.20 AS base\nRUN true\nFROM base AS build\nWORKDIR build\n", want: 1},
		{name: "WORKDIR of another stage does not count", src: "FROM alpine:3.20 AS a\nWORKDIR /src\nFROM alpine:3.20\nWORKDIR build\n", want: 1},
		// A trigger runs in the directory the image ends with.
		{name: "trigger after the stage's WORKDIR", src: "FROM alpine:3.20\nONBUILD WORKDIR build\nWORKDIR /app\n", want: 0},
		{name: "trigger without WORKDIR", src: "FROM alpine:3.20\nONBUILD WORKDIR build\n", want: 1},
		// On scratch the directory before any WORKDIR is always /.
		{name: "scratch", src: "FROM scratch\nWORKDIR app\n", want: 0, onbuild: true},
		{name: "stage on scratch", src: "FROM scratch AS s\nCOPY a /a\nFROM s\nWORKDIR app\n", want: 0},
		// BuildKit expands variables first.
		{name: "ARG default relative", src: "FROM alpine:3.20\nARG DIR=app\nWORKDIR $DIR\n", want: 1},
		{name: "global ARG relative", src: "ARG DIR=app\nFROM alpine:3.20\nARG DIR\nWORKDIR ${DIR}/src\n", want: 1},
		{name: "ENV absolute", src: "FROM alpine:3.20\nENV HOME_DIR=/srv\nWORKDIR $HOME_DIR/app\n", want: 0},
		{name: "ENV from base stage", src: "FROM alpine:3.20 AS base\nENV D=rel\nFROM base\nWORKDIR $D\n", want: 1},
		{name: "unknown variable", src: "FROM alpine:3.20\nWORKDIR $HOME/app\n", want: 0},
		{name: "ARG without default", src: "FROM alpine:3.20\nARG DIR\nWORKDIR $DIR\n", want: 0},
		{name: "windows image relative", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR app\n", want: 1},
		{name: "windows forward slashes", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:/app\n", want: 0},
		{name: "windows drive", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n", want: 0},
		{name: "powershell absolute", src: "FROM alpine:3.20\nSHELL [\"pwsh\", \"-c\"]\nWORKDIR \\\\app\n", want: 0},
	})
}

// TestDF502MessageQuotesThePathOnce: a quoted path was printed with its
// quotes escaped inside dflint's (`WORKDIR "\"../workdir\""`, issue 19).
func TestDF502MessageQuotesThePathOnce(t *testing.T) {
	for _, src := range []string{
		"FROM alpine:3.20\nWORKDIR \"../workdir\"\n",
		"FROM alpine:3.20\nWORKDIR '../workdir'\n",
		"FROM alpine:3.20\nWORKDIR ../workdir\n",
	} {
		fs := lintWith(t, src, "DF502")
		if len(fs) != 1 {
			t.Fatalf("%q: got %d findings, want 1", src, len(fs))
		}
		if !strings.HasPrefix(fs[0].Message, `WORKDIR "../workdir" is relative`) {
			t.Errorf("%q: message %q", src, fs[0].Message)
		}
	}
}

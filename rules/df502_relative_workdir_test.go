package rules

import "testing"

func TestDF502RelativeWorkdir(t *testing.T) {
	runCases(t, "DF502", []ruleCase{
		{name: "relative", src: "FROM alpine:3.20\nWORKDIR app\n", want: 1, onbuild: true},
		{name: "dot relative", src: "FROM alpine:3.20\nWORKDIR ./app\n", want: 1, onbuild: true},
		{name: "quoted relative", src: "FROM alpine:3.20\nWORKDIR \"app\"\n", want: 1},
		{name: "absolute", src: "FROM alpine:3.20\nWORKDIR /app\n", want: 0, onbuild: true},
		{name: "quoted absolute", src: "FROM alpine:3.20\nWORKDIR \"/app\"\n", want: 0},
		// hadolint reports every relative WORKDIR, BuildKit only the first:
		// dflint reports both.
		{name: "relative after absolute", src: "FROM alpine:3.20\nWORKDIR /app\nWORKDIR src\n", want: 1},
		{name: "two relative", src: "FROM alpine:3.20\nWORKDIR app\nWORKDIR src\n", want: 2},
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

package rules

import (
	"strings"
	"testing"
)

func TestDF501ShellFormCommand(t *testing.T) {
	runCases(t, "DF501", []ruleCase{
		{name: "cmd", src: "FROM node:22-slim\nCMD node server.js\n", want: 1},
		{name: "entrypoint", src: "FROM node:22-slim\nENTRYPOINT node server.js\n", want: 1},
		{name: "json", src: "FROM node:22-slim\nCMD [\"node\", \"server.js\"]\n", want: 0},
		{name: "both", src: "FROM node:22-slim\nENTRYPOINT /entry.sh\nCMD serve\n", want: 2},
		{name: "shell set", src: "FROM node:22-slim\nSHELL [\"/bin/bash\", \"-c\"]\nCMD node server.js\n", want: 0},
		{name: "shell set in base stage", src: "FROM node:22-slim AS base\nSHELL [\"/bin/bash\", \"-c\"]\nFROM base\nCMD node server.js\n", want: 0},
		{name: "shell set in other stage", src: "FROM node:22-slim AS a\nSHELL [\"/bin/bash\", \"-c\"]\nFROM node:22-slim\nCMD node server.js\n", want: 1},
		{name: "shell set after", src: "FROM node:22-slim\nCMD node server.js\nSHELL [\"/bin/bash\", \"-c\"]\n", want: 1},
		{name: "onbuild not checked", src: "FROM node:22-slim\nONBUILD CMD node server.js\n", want: 0},
		{name: "run not checked", src: "FROM node:22-slim\nRUN node build.js\n", want: 0},
		{name: "crlf", src: "FROM node:22-slim\r\nCMD node \\\r\n  server.js\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM node:22-slim\nCMD node `\n  server.js\n", want: 1},
	})
}

// The cases of hadolint's DL3025 spec, in dflint's words.
func TestDF501HadolintDL3025(t *testing.T) {
	runCases(t, "DF501", []ruleCase{
		{name: "entrypoint", src: "FROM node:22 AS foo\nENTRYPOINT something\n", want: 1},
		{name: "entrypoint json", src: "FROM scratch AS build\nENTRYPOINT [\"foo\", \"bar\"]\n", want: 0},
		{name: "cmd", src: "FROM node:22 AS foo\nCMD something\n", want: 1},
		{name: "cmd json", src: "FROM scratch AS build\nCMD [\"foo\", \"bar\"]\nCMD [ \"foo\", \"bar\" ]\n", want: 0},
		{name: "healthcheck json", src: "FROM node:22\nHEALTHCHECK CMD [ \"foobar\" ]\n", want: 0},
		{name: "json broken over lines", src: "FROM node:22\nCMD [ \"/bin/sh\", \"-c\", \\\n      \"echo foo && \\\n       echo bar\" \\\n    ]\n", want: 0, noVariants: true},
		// Deliberate difference: a HEALTHCHECK command is a short probe the
		// engine runs and waits for; no signal has to reach it, and
		// `curl -f http://localhost/ || exit 1` needs the shell anyway.
		// BuildKit's JSONArgsRecommended does not check it either.
		{name: "healthcheck shell form", src: "FROM node:22\nHEALTHCHECK CMD foobar\n", want: 0},
	})
}

func TestDF501Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM node:22-slim\nCMD node server.js\n", "FROM node:22-slim\nCMD [\"node\", \"server.js\"]\n"},
		{"lower case", "FROM node:22-slim\ncmd node server.js\n", "FROM node:22-slim\ncmd [\"node\", \"server.js\"]\n"},
		{"single word", "FROM nginx:1.27\nCMD nginx\n", "FROM nginx:1.27\nCMD [\"nginx\"]\n"},
		{"quotes", "FROM nginx:1.27\nCMD nginx -g 'daemon off;'\n", "FROM nginx:1.27\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"},
		{"double quotes", "FROM x\nCMD echo \"a 'b' <c>\" x\"y z\"\n", "FROM x\nCMD [\"echo\", \"a 'b' <c>\", \"xy z\"]\n"},
		{"json escaping", "FROM x\nCMD printf 'tab\\there \"q\"'\n", "FROM x\nCMD [\"printf\", \"tab\\\\there \\\"q\\\"\"]\n"},
		{"exec dropped", "FROM x\nCMD exec gunicorn app:app\n", "FROM x\nCMD [\"gunicorn\", \"app:app\"]\n"},
		{"continuation joined", "FROM x\nCMD gunicorn \\\n    --bind 0.0.0.0:8000 \\\n    app:app\n", "FROM x\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n"},
		{"trailing spaces kept", "FROM x\nCMD run  \n", "FROM x\nCMD [\"run\"]  \n"},
		{"crlf", "FROM x\r\nCMD node \\\r\n  server.js\r\n", "FROM x\r\nCMD [\"node\", \"server.js\"]\r\n"},
		{"backtick", "# escape=`\nFROM x\nCMD node `\n  server.js\n", "# escape=`\nFROM x\nCMD [\"node\", \"server.js\"]\n"},
		{"backslash escape", "FROM x\nCMD node C:\\app\\server.js\n", "FROM x\nCMD node C:\\app\\server.js\n"},
		{"non ascii", "FROM x\nCMD echo héllo\n", "FROM x\nCMD [\"echo\", \"héllo\"]\n"},
		// No fix where the shell does something.
		{"variable", "FROM x\nCMD node $APP\n", "FROM x\nCMD node $APP\n"},
		{"glob", "FROM x\nCMD ls *.js\n", "FROM x\nCMD ls *.js\n"},
		{"operator", "FROM x\nCMD migrate && serve\n", "FROM x\nCMD migrate && serve\n"},
		{"redirect", "FROM x\nCMD serve > /log\n", "FROM x\nCMD serve > /log\n"},
		{"assignment", "FROM x\nCMD A=1 serve\n", "FROM x\nCMD A=1 serve\n"},
		{"tilde", "FROM x\nCMD ~/serve\n", "FROM x\nCMD ~/serve\n"},
		{"comment", "FROM x\nCMD serve # the server\n", "FROM x\nCMD serve # the server\n"},
		{"comment line", "FROM x\nCMD serve \\\n# the port\n  --port 80\n", "FROM x\nCMD serve \\\n# the port\n  --port 80\n"},
		{"escaped in double quotes", "FROM x\nCMD echo \"a\\\"b\"\n", "FROM x\nCMD echo \"a\\\"b\"\n"},
		{"windows", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD app.exe\n", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD app.exe\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF501"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDF501FixApplicability(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Applicability
	}{
		{"cmd on a base without entrypoint", "FROM python:3.12\nCMD serve\n", []Applicability{Safe}},
		{"cmd on scratch", "FROM scratch\nCMD [\"/serve\"]\nCMD serve\n", []Applicability{Safe}},
		{"cmd on an entrypoint that runs commands", "FROM node:22-slim\nCMD node server.js\n", []Applicability{Safe}},
		// The base image's entrypoint is not known: it may take the CMD as
		// its arguments.
		{"cmd on an unknown base", "FROM x\nCMD serve\n", []Applicability{Unsafe}},
		{"entrypoint alone", "FROM x\nENTRYPOINT serve\n", []Applicability{Safe}},
		// The JSON form would change what runs: no fix at all.
		{"entrypoint with cmd", "FROM x\nENTRYPOINT serve\nCMD [\"--port\", \"80\"]\n", nil},
		{"cmd after entrypoint in base", "FROM x AS base\nENTRYPOINT [\"/entry.sh\"]\nFROM base\nCMD serve\n", nil},
		{"shell builtin", "FROM python:3.12\nCMD cd /app\n", nil},
		{"exec with options", "FROM python:3.12\nCMD exec -a app serve\n", nil},
		{"entrypoint with cmd in base", "FROM x AS base\nCMD [\"a\"]\nFROM base\nENTRYPOINT serve\n", []Applicability{Safe}},
		// ENTRYPOINT [] clears the base image's entrypoint (what the
		// Chainguard rewrite writes before a CMD): the CMD runs alone, and
		// on a base without a shell only the JSON form starts at all.
		{"cmd after ENTRYPOINT []", "FROM cgr.dev/chainguard/python:latest\nENTRYPOINT []\nCMD flask run\n", []Applicability{Safe}},
		{"ENTRYPOINT [] then a real one", "FROM x AS base\nENTRYPOINT []\nFROM base\nENTRYPOINT [\"/entry.sh\"]\nCMD serve\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Applicability
			for _, fd := range lintWith(t, tt.src, "DF501") {
				if fd.Fix != nil {
					got = append(got, fd.Fix.Applicability)
				}
			}
			if len(got) != len(tt.want) || len(got) > 0 && got[0] != tt.want[0] {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDF501Message: the advice fits the command, and a missing fix says
// why.
func TestDF501Message(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM python:3.12\nCMD serve --port 80\n", `write CMD ["program", "arg", …]`},
		{"variable", "FROM python:3.12\nCMD gunicorn -b :$PORT app:app\n", `CMD ["/bin/sh", "-c", "exec gunicorn -b :$PORT app:app"], so that the program replaces the shell`},
		{"exec kept", "FROM python:3.12\nCMD exec gunicorn -b :$PORT app:app\n", `CMD ["/bin/sh", "-c", "exec gunicorn -b :$PORT app:app"]`},
		{"chain", "FROM python:3.12\nCMD python manage.py migrate && gunicorn app:app\n", "start the last one with `exec`"},
		{"entrypoint with cmd", "FROM python:3.12\nENTRYPOINT serve\nCMD [\"--port\", \"80\"]\n", "(no automatic fix: the stage's CMD would become arguments of the entrypoint)"},
		{"builtin", "FROM python:3.12\nCMD cd /app\n", "(no automatic fix: `cd` is a shell builtin, not a program)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintWith(t, tt.src, "DF501")
			if len(fs) == 0 {
				t.Fatal("no finding")
			}
			if !strings.Contains(fs[0].Message, tt.want) {
				t.Errorf("message %q does not contain %q", fs[0].Message, tt.want)
			}
		})
	}
}

package rules

import "testing"

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
		{"cmd alone", "FROM x\nCMD serve\n", []Applicability{Safe}},
		{"entrypoint alone", "FROM x\nENTRYPOINT serve\n", []Applicability{Safe}},
		{"entrypoint with cmd", "FROM x\nENTRYPOINT serve\nCMD [\"--port\", \"80\"]\n", []Applicability{Unsafe}},
		{"cmd after entrypoint in base", "FROM x AS base\nENTRYPOINT [\"/entry.sh\"]\nFROM base\nCMD serve\n", []Applicability{Unsafe}},
		{"entrypoint with cmd in base", "FROM x AS base\nCMD [\"a\"]\nFROM base\nENTRYPOINT serve\n", []Applicability{Safe}},
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

package rules

import "testing"

func TestDF513CopyMultiSourceDest(t *testing.T) {
	runCases(t, "DF513", []ruleCase{
		{name: "two sources", src: "FROM node:20-slim\nCOPY a b /app\n", want: 1, onbuild: true},
		{name: "two sources slash", src: "FROM node:20-slim\nCOPY a b /app/\n", want: 0, onbuild: true},
		{name: "quoted dest", src: "FROM node:20-slim\nCOPY a b \"/app\"\n", want: 1},
		{name: "quoted dest slash", src: "FROM node:20-slim\nCOPY a b \"/app/\"\n", want: 0},
		{name: "json", src: "FROM node:20-slim\nCOPY [\"a\", \"b\", \"/app\"]\n", want: 1},
		{name: "json slash", src: "FROM node:20-slim\nCOPY [\"a\", \"b\", \"/app/\"]\n", want: 0},
		{name: "one source", src: "FROM node:20-slim\nCOPY a /app\n", want: 0},
		{name: "dot", src: "FROM node:20-slim\nWORKDIR /app\nCOPY a b .\n", want: 0},
		{name: "variable", src: "FROM node:20-slim\nCOPY a b $DEST\n", want: 1},
		{name: "variable slash", src: "FROM node:20-slim\nCOPY a b $DEST/\n", want: 0},
		{name: "ADD", src: "FROM node:20-slim\nADD a b /app\n", want: 1},
		{name: "from flag", src: "FROM node:20-slim AS b\nFROM node:20-slim\nCOPY --from=b /x /y /app\n", want: 1},
		{name: "heredocs", src: "FROM node:20-slim\nCOPY <<A <<B /app\na\nA\nb\nB\n", want: 1, noVariants: true},
	})
}

func TestDF513Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM node:20-slim\nCOPY a b /app\n", "FROM node:20-slim\nCOPY a b /app/\n"},
		{"quoted", "FROM node:20-slim\nCOPY a b \"/app\"\n", "FROM node:20-slim\nCOPY a b \"/app/\"\n"},
		{"json", "FROM node:20-slim\nCOPY [\"a\", \"b\", \"/app\" ]\n", "FROM node:20-slim\nCOPY [\"a\", \"b\", \"/app/\" ]\n"},
		{"continuation CRLF no final newline", "FROM x\r\nCOPY a \\\r\n  b /app", "FROM x\r\nCOPY a \\\r\n  b /app/"},
		{"heredoc", "FROM x\nCOPY <<A <<B /app\na\nA\nb\nB\n", "FROM x\nCOPY <<A <<B /app/\na\nA\nb\nB\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := df5ApplyFixes(t, tt.src, "DF513")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

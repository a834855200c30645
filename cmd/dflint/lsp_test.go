package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// frame writes LSP messages the way an editor does.
func frame(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

// TestLSPCommand runs `dflint lsp` on standard input and output: a short
// session, and the exit codes the protocol asks for.
func TestLSPCommand(t *testing.T) {
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nWORKDIR app\n"}}}`
	for _, c := range []struct {
		name  string
		msgs  []string
		code  int
		wants []string
	}{
		{"shutdown then exit", []string{
			`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
			`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
			open,
			`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
			`{"jsonrpc":"2.0","method":"exit"}`,
		}, 0, []string{`"serverInfo":{"name":"dflint"`, `"method":"textDocument/publishDiagnostics"`, `"code":"DF502"`, `"id":2,"result":null`}},
		{"exit without shutdown", []string{
			`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
			`{"jsonrpc":"2.0","method":"exit"}`,
		}, 1, []string{`"positionEncoding":"utf-16"`}},
		{"end of input", []string{
			`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		}, 1, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			ios := &IOStreams{In: strings.NewReader(frame(c.msgs...)), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
			if code := run([]string{"lsp", "--stdio", "--no-buildkit", "--select", "DF502"}, ios); code != c.code {
				t.Errorf("exit code %d, want %d (stderr: %s)", code, c.code, errOut.String())
			}
			for _, w := range c.wants {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %s:\n%s", w, out.String())
				}
			}
			// Everything on stdout is framed JSON-RPC.
			rest := out.String()
			for rest != "" {
				var n int
				if _, err := fmt.Sscanf(rest, "Content-Length: %d\r\n\r\n", &n); err != nil {
					t.Fatalf("stdout is not framed messages: %q", rest)
				}
				body := rest[strings.Index(rest, "\r\n\r\n")+4:]
				if !json.Valid([]byte(body[:n])) {
					t.Errorf("not JSON: %q", body[:n])
				}
				rest = body[n:]
			}
		})
	}
}

// dflint lsp reads the .dflint.yaml that governs each document, as lint
// does: here it lowers DF502 to info (LSP severity 3).
func TestLSPCommandReadsConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dflint.yaml"), []byte("severity: {DF502: info}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + filepath.ToSlash(filepath.Join(dir, "Dockerfile"))
	msgs := []string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + uri + `","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nWORKDIR app\n"}}}`,
		`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`,
		`{"jsonrpc":"2.0","method":"exit"}`,
	}
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{nil, `"severity":3,"code":"DF502"`},
		{[]string{"--no-config"}, `"severity":1,"code":"DF502"`},
	} {
		var out, errOut bytes.Buffer
		ios := &IOStreams{In: strings.NewReader(frame(msgs...)), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
		args := append([]string{"lsp", "--no-buildkit", "--select", "DF502"}, c.flags...)
		if code := run(args, ios); code != 0 {
			t.Fatalf("%v: exit code %d (stderr: %s)", args, code, errOut.String())
		}
		if !strings.Contains(out.String(), c.want) {
			t.Errorf("%v: stdout lacks %s:\n%s", args, c.want, out.String())
		}
	}
}

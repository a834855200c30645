package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// frame writes LSP messages the way an editor does.
func frame(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(m), m)
	}
	return b.String()
}

// lockedBuffer is standard output shared by the server and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// runLSP runs dflint with args on a pipe, as an editor does: it writes
// first, waits until standard output holds waitFor (when not empty), writes
// then, and closes standard input. Shutdown cancels lints in progress, so
// a test that wants diagnostics waits for them before it asks.
func runLSP(t *testing.T, args []string, first, waitFor, then string) (code int, stdout, stderr string) {
	t.Helper()
	in, toServer := io.Pipe()
	var out, errOut lockedBuffer
	ios := &IOStreams{In: in, Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- run(args, ios) }()
	write := func(s string) {
		// The server may have ended (exit): it then reads no more.
		_, _ = io.WriteString(toServer, s)
	}
	write(first)
	deadline := time.Now().Add(30 * time.Second)
	for waitFor != "" && !strings.Contains(out.String(), waitFor) {
		if time.Now().After(deadline) {
			t.Fatalf("no %s on standard output in 30s:\n%s\nstderr: %s", waitFor, out.String(), errOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	write(then)
	toServer.Close()
	select {
	case code = <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("dflint lsp did not end in 30s:\n%s", out.String())
	}
	return code, out.String(), errOut.String()
}

// TestLSPCommand runs `dflint lsp` on standard input and output: a short
// session, and the exit codes the protocol asks for.
func TestLSPCommand(t *testing.T) {
	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	open := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x/Dockerfile","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nWORKDIR app\n"}}}`
	shutdown := `{"jsonrpc":"2.0","id":2,"method":"shutdown"}`
	exit := `{"jsonrpc":"2.0","method":"exit"}`
	for _, c := range []struct {
		name        string
		first       string
		waitFor     string
		then        string
		code        int
		wants       []string
		stderrWants string
	}{
		{"shutdown then exit",
			frame(initialize, `{"jsonrpc":"2.0","method":"initialized","params":{}}`, open),
			`"method":"textDocument/publishDiagnostics"`, frame(shutdown, exit),
			0, []string{`"serverInfo":{"name":"dflint"`, `"code":"DF502"`, `"id":2,"result":null`}, ""},
		{"exit without shutdown", frame(initialize, exit), "", "", 1, []string{`"positionEncoding":"utf-16"`}, ""},
		{"end of input", frame(initialize), "", "", 1, nil, ""},
		// Bad input is answered with an error, and the session goes on.
		{"bad JSON, then a session",
			frame(`{"jsonrpc":`) + "Content-Length: x\r\n\r\n{}" + frame(initialize, shutdown, exit), "", "",
			0, []string{`"id":null,"error":{"code":-32700`, `"positionEncoding":"utf-16"`, `"id":2,"result":null`}, "Content-Length \"x\": not a number of bytes"},
		{"input cut off inside a message", frame(initialize) + "Content-Length: 100\r\n\r\n{", "", "",
			1, []string{`"positionEncoding":"utf-16"`}, "the input ended inside a message"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runLSP(t, []string{"lsp", "--stdio", "--no-buildkit", "--select", "DF502"}, c.first, c.waitFor, c.then)
			if code != c.code {
				t.Errorf("exit code %d, want %d (stderr: %s)", code, c.code, errOut)
			}
			for _, w := range c.wants {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %s:\n%s", w, out)
				}
			}
			if !strings.Contains(errOut, c.stderrWants) {
				t.Errorf("stderr lacks %q:\n%s", c.stderrWants, errOut)
			}
			// Everything on stdout is framed JSON-RPC.
			rest := out
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
	first := frame(
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`,
		`{"jsonrpc":"2.0","method":"initialized","params":{}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"`+uri+`","languageId":"dockerfile","version":1,"text":"FROM alpine:3.20\nWORKDIR app\n"}}}`,
	)
	then := frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`, `{"jsonrpc":"2.0","method":"exit"}`)
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{nil, `"severity":3,"code":"DF502"`},
		{[]string{"--no-config"}, `"severity":2,"code":"DF502"`}, // its default, warning
	} {
		args := append([]string{"lsp", "--no-buildkit", "--select", "DF502"}, c.flags...)
		code, out, errOut := runLSP(t, args, first, `"method":"textDocument/publishDiagnostics"`, then)
		if code != 0 {
			t.Fatalf("%v: exit code %d (stderr: %s)", args, code, errOut)
		}
		if !strings.Contains(out, c.want) {
			t.Errorf("%v: stdout lacks %s:\n%s", args, c.want, out)
		}
	}
}

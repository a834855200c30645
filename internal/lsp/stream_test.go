package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dflint/dflint/rules"
)

// raw writes bytes to the server as they are, framed or not.
func (e *editor) raw(b string) {
	e.t.Helper()
	if _, err := io.WriteString(e.w, b); err != nil {
		e.t.Fatalf("cannot write to the server: %v", err)
	}
}

func framed(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// responsesUntil sends a request and returns every response that came
// before its own, and its own.
func (e *editor) responsesUntil(method string, params any) (before []map[string]any, own map[string]any) {
	e.t.Helper()
	e.nextID++
	id := e.nextID
	e.send(map[string]any{"id": id, "method": method, "params": params})
	for {
		m := e.next()
		if _, isResponse := m["id"]; !isResponse || m["method"] != nil {
			e.pending = append(e.pending, m)
			continue
		}
		if m["id"] == float64(id) {
			return before, m
		}
		before = append(before, m)
	}
}

// TestMalformedFrames: each bad message gets a JSON-RPC error and the
// session goes on: a request sent after it is answered, and the session
// still ends with exit code 0.
func TestMalformedFrames(t *testing.T) {
	// A request hidden in a frame whose length is unknown must not run: its
	// body is skipped with the frame.
	hidden := `{"jsonrpc":"2.0","id":99,"method":"shutdown"}`
	tooLarge := maxMessageSize + 1
	prefix, suffix := `{"jsonrpc":"2.0","id":98,"method":"shutdown","params":{"pad":"`, `"}}`
	bigBody := prefix + strings.Repeat("x", tooLarge-len(prefix)-len(suffix)) + suffix
	for _, c := range []struct {
		name  string
		input string
		code  int
		id    any // nil for null
		note  string
	}{
		{"bad JSON", framed(`{"jsonrpc":"2.0","id":1,"method":`), -32700, nil, ""},
		{"empty body", "Content-Length: 0\r\n\r\n", -32700, nil, ""},
		{"not an object", framed(`42`), -32600, nil, ""},
		{"batch", framed(`[` + hidden + `]`), -32600, nil, ""},
		{"no jsonrpc version", framed(`{"id":7,"method":"shutdown"}`), -32600, 7, ""},
		{"method not a string", framed(`{"jsonrpc":"2.0","id":8,"method":5}`), -32600, 8, ""},
		{"id an object", framed(`{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}`), -32600, nil, ""},
		{"params a string", framed(`{"jsonrpc":"2.0","id":9,"method":"shutdown","params":"x"}`), -32600, 9, ""},
		{"neither request nor response", framed(`{"jsonrpc":"2.0","id":3}`), -32600, 3, ""},
		{"no Content-Length", "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + hidden, -32700, nil, ""},
		{"non-numeric Content-Length", "Content-Length: abc\r\n\r\n" + hidden, -32700, nil, ""},
		{"Content-Length 1e12", "Content-Length: 1e12\r\n\r\n" + hidden, -32700, nil, ""},
		{"negative Content-Length", "Content-Length: -5\r\n\r\n" + hidden, -32700, nil, ""},
		{"Content-Length 10^12, not sent", "Content-Length: 1000000000000\r\n\r\n" + hidden, -32600, nil, "over the language server's limit"},
		{"Content-Length over the limit, sent", framed(bigBody), -32600, nil, "over the language server's limit"},
		{"two Content-Lengths", "Content-Length: 5\r\nContent-Length: 6\r\n\r\n" + hidden, -32700, nil, ""},
		{"LF line endings", "Content-Length: 45\n\n" + hidden, -32700, nil, ""},
		{"header line too long", "X-Junk: " + strings.Repeat("a", 10<<10) + "\r\n\r\n" + hidden, -32700, nil, ""},
		{"too many headers", strings.Repeat("X-Junk: a\r\n", 40) + "\r\n" + hidden, -32700, nil, ""},
		{"header without a colon", "Content-Length 45\r\n\r\n" + hidden, -32700, nil, ""},
		{"garbage", "\x00\x01\x02 hello\r\n\r\n\xff", -32700, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := startSession(t, rules.Options{Select: []string{"DF502"}, NoBuildKit: true})
			e.request("initialize", map[string]any{"capabilities": map[string]any{}})
			e.raw(c.input)
			// A valid request after the bad input is answered.
			before, own := e.responsesUntil("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri}, "range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)},
				"context": map[string]any{"diagnostics": []any{}}})
			if own["error"] != nil {
				t.Fatalf("the request after the bad input got %v, want a result", own)
			}
			if len(before) == 0 {
				t.Fatalf("the bad input got no answer")
			}
			first := before[0]
			expect(t, first, "error.code", c.code)
			if first["id"] != nil && fmt.Sprint(first["id"]) != fmt.Sprint(c.id) || first["id"] == nil && c.id != nil {
				t.Errorf("error response id %v, want %v", first["id"], c.id)
			}
			if msg, _ := get(t, first, "error.message").(string); msg == "" {
				t.Errorf("the error says nothing: %v", first)
			}
			for _, m := range before {
				if m["id"] == float64(99) || m["id"] == float64(98) {
					t.Errorf("the request inside the bad frame was run: %v", m)
				}
			}
			if c.note != "" {
				if m := fmt.Sprint(get(t, e.notification("window/showMessage"), "params.message")); !strings.Contains(m, c.note) {
					t.Errorf("showMessage %q lacks %q", m, c.note)
				}
			}
			if resp := e.request("shutdown", nil); resp["error"] != nil {
				t.Errorf("shutdown: %v", resp)
			}
			e.notify("exit", nil)
			select {
			case err := <-e.done:
				if err != nil {
					t.Errorf("Serve: %v, want nil (exit code 0)", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the server did not stop after exit")
			}
		})
	}
}

// syncBuffer is a log the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestInputEndsInsideMessage: a stream cut off inside a message ends the
// session without shutdown (exit code 1), saying why on standard error.
func TestInputEndsInsideMessage(t *testing.T) {
	var log syncBuffer
	engine, err := rules.NewEngine(rules.Options{Select: []string{"DF502"}, NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	e := startServer(t, Options{Engine: engine, Log: &log})
	e.request("initialize", map[string]any{"capabilities": map[string]any{}})
	e.raw("Content-Length: 100\r\n\r\n{\"jsonrpc\":")
	e.w.Close()
	select {
	case err := <-e.done:
		if err != ErrNoShutdown {
			t.Errorf("Serve: %v, want ErrNoShutdown (exit code 1)", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop at the end of its input")
	}
	if !strings.Contains(log.String(), "the input ended inside a message") {
		t.Errorf("standard error does not say why the session ended: %q", log.String())
	}
}

// FuzzStream: on any input the stream ends (at the end of the input) without
// a panic, and all it writes back is framed JSON-RPC error responses and
// notifications.
func FuzzStream(f *testing.F) {
	valid := framed(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`)
	for _, seed := range []string{
		valid,
		framed(`{"jsonrpc":`) + valid,
		"Content-Length: abc\r\n\r\n{}" + valid,
		"Content-Length: 99999999999\r\n\r\n" + valid,
		"content-length: 2\n\n{}" + valid,
		strings.Repeat("X: y\r\n", 20) + "\r\n" + valid,
		"Content-Length: 5\r\nContent-Length: 6\r\n\r\n" + valid,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, input []byte) {
		var out bytes.Buffer
		s := newStream(pipeRW{bytes.NewReader(input), &out, nil}, log.New(io.Discard, "", 0))
		for n := 0; ; n++ {
			var m json.RawMessage
			if err := s.ReadObject(&m); err != nil {
				break
			}
			if n > len(input) {
				t.Fatalf("more messages than input bytes")
			}
			if !json.Valid(m) {
				t.Fatalf("a message that is not JSON: %q", m)
			}
		}
		rest := out.String()
		for rest != "" {
			var n int
			if _, err := fmt.Sscanf(rest, "Content-Length: %d\r\n\r\n", &n); err != nil {
				t.Fatalf("written output is not framed: %q", rest)
			}
			body := rest[strings.Index(rest, "\r\n\r\n")+4:]
			if !json.Valid([]byte(body[:n])) {
				t.Fatalf("written message is not JSON: %q", body[:n])
			}
			rest = body[n:]
		}
	})
}

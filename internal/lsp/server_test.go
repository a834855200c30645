package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// editor is the client side of a session: it writes and reads the
// protocol's Content-Length framed JSON itself, as an editor does, so the
// test sees the server's actual messages.
type editor struct {
	t       *testing.T
	w       io.WriteCloser
	msgs    chan map[string]any
	nextID  int
	pending []map[string]any // notifications read while waiting for a response
	done    chan error       // Serve's result
}

type pipeRW struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipeRW) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}

func startSession(t *testing.T, opts rules.Options) *editor {
	t.Helper()
	engine, err := rules.NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	return startServer(t, Options{Engine: engine, Version: "test"})
}

// startServer starts a session with a server made from opts.
func startServer(t *testing.T, opts Options) *editor {
	t.Helper()
	toServerR, toServerW := io.Pipe()
	fromServerR, fromServerW := io.Pipe()
	e := &editor{t: t, w: toServerW, msgs: make(chan map[string]any, 100), done: make(chan error, 1)}
	srv := New(opts)
	go func() {
		e.done <- srv.Serve(context.Background(), pipeRW{toServerR, fromServerW, []io.Closer{toServerR, fromServerW}})
	}()
	go func() {
		r := textproto.NewReader(bufio.NewReader(fromServerR))
		for {
			hdr, err := r.ReadMIMEHeader()
			if err != nil {
				close(e.msgs)
				return
			}
			n, err := strconv.Atoi(hdr.Get("Content-Length"))
			if err != nil {
				t.Errorf("bad header from the server: %v", hdr)
				close(e.msgs)
				return
			}
			body := make([]byte, n)
			if _, err := io.ReadFull(r.R, body); err != nil {
				close(e.msgs)
				return
			}
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server sent something that is not JSON: %q", body)
			}
			e.msgs <- m
		}
	}()
	t.Cleanup(func() { toServerW.Close(); fromServerR.Close() })
	return e
}

func (e *editor) send(msg map[string]any) {
	e.t.Helper()
	msg["jsonrpc"] = "2.0"
	body, err := json.Marshal(msg)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := fmt.Fprintf(e.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		e.t.Fatalf("cannot write to the server: %v", err)
	}
}

func (e *editor) notify(method string, params any) {
	e.t.Helper()
	e.send(map[string]any{"method": method, "params": params})
}

func (e *editor) next() map[string]any {
	e.t.Helper()
	select {
	case m, ok := <-e.msgs:
		if !ok {
			e.t.Fatal("the server closed the connection")
		}
		return m
	case <-time.After(30 * time.Second):
		e.t.Fatal("no message from the server in 30s")
	}
	return nil
}

// request sends a request and returns its response, keeping the
// notifications that come first.
func (e *editor) request(method string, params any) map[string]any {
	e.t.Helper()
	e.nextID++
	id := e.nextID
	e.send(map[string]any{"id": id, "method": method, "params": params})
	for {
		m := e.next()
		if _, isResponse := m["id"]; isResponse && m["method"] == nil {
			if m["id"] != float64(id) {
				e.t.Fatalf("response to id %v, want %d", m["id"], id)
			}
			return m
		}
		e.pending = append(e.pending, m)
	}
}

// notification returns the next notification of a method.
func (e *editor) notification(method string) map[string]any {
	e.t.Helper()
	for i, m := range e.pending {
		if m["method"] == method {
			e.pending = append(e.pending[:i], e.pending[i+1:]...)
			return m
		}
	}
	for {
		m := e.next()
		if m["method"] == method {
			return m
		}
		e.pending = append(e.pending, m)
	}
}

// get walks a decoded JSON value by keys and indexes ("a.0.b").
func get(t *testing.T, v any, path string) any {
	t.Helper()
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i >= len(x) {
				t.Fatalf("%s: no index %s in %v", path, k, x)
			}
			v = x[i]
		default:
			t.Fatalf("%s: %q is below %v", path, k, v)
		}
	}
	return v
}

func expect(t *testing.T, v any, path string, want any) {
	t.Helper()
	got := get(t, v, path)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s = %v, want %v", path, got, want)
	}
}

func pos(line, char int) map[string]any { return map[string]any{"line": line, "character": char} }

const uri = "file:///work/app/Dockerfile"

// The text has an emoji (two UTF-16 units, four bytes) and é (one unit, two
// bytes) before the apt-get call, so UTF-16 and UTF-8 positions differ.
const text = "FROM alpine:3.20\n" +
	"RUN echo \"😀 é\" && apt-get install curl\n" +
	"  WORKDIR app\n"

// TestSession drives a whole editor session: initialize, open, diagnostics,
// code actions, an edit that fixes a finding, save, close, shutdown, exit.
func TestSession(t *testing.T) {
	// DF502 raised to error, so that both of the severities most rules
	// have reach the client with their LSP numbers.
	e := startSession(t, rules.Options{Select: []string{"DF401", "DF502"}, Severity: map[string]rules.Severity{"DF502": rules.Error}, NoBuildKit: true})

	init := e.request("initialize", map[string]any{
		"processId": nil, "rootUri": "file:///work/app",
		"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16"}}},
	})
	expect(t, init, "result.capabilities.positionEncoding", "utf-16")
	expect(t, init, "result.capabilities.textDocumentSync.change", 1)
	expect(t, init, "result.capabilities.textDocumentSync.openClose", true)
	expect(t, init, "result.capabilities.textDocumentSync.save.includeText", true)
	expect(t, init, "result.capabilities.codeActionProvider.codeActionKinds.0", "quickfix")
	expect(t, init, "result.serverInfo.name", "dflint")
	e.notify("initialized", map[string]any{})

	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
	diags := e.notification("textDocument/publishDiagnostics")
	expect(t, diags, "params.uri", uri)
	expect(t, diags, "params.version", 1)
	list := get(t, diags, "params.diagnostics").([]any)
	if len(list) != 2 {
		t.Fatalf("%d diagnostics, want 2: %v", len(list), list)
	}
	apt := list[0]
	expect(t, apt, "code", "DF401")
	expect(t, apt, "source", "dflint")
	expect(t, apt, "severity", 2) // warning
	expect(t, apt, "codeDescription.href", "https://github.com/dflint/dflint/blob/main/docs/rules/DF401.md")
	// "RUN echo "😀 é" && " is 19 UTF-16 units (22 bytes).
	expect(t, apt, "range.start", pos(1, 19))
	expect(t, apt, "range.end", pos(1, 39))
	workdir := list[1]
	expect(t, workdir, "code", "DF502")
	expect(t, workdir, "severity", 1) // error
	expect(t, workdir, "range.start", pos(2, 10))

	// The code actions at the apt-get call: its fix, then the ignore comment.
	actions := e.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": pos(1, 25), "end": pos(1, 25)},
		"context":      map[string]any{"diagnostics": []any{apt}},
	})
	acts := get(t, actions, "result").([]any)
	if len(acts) != 2 {
		t.Fatalf("%d actions, want 2: %v", len(acts), acts)
	}
	expect(t, acts[0], "kind", "quickfix")
	expect(t, acts[0], "title", "DF401: Add -y")
	expect(t, acts[0], "isPreferred", true)
	expect(t, acts[0], "diagnostics.0.code", "DF401")
	fix := get(t, acts[0], "edit.changes."+uri+".0")
	expect(t, fix, "range.start", pos(1, 34))
	expect(t, fix, "range.end", pos(1, 34))
	expect(t, fix, "newText", " -y")
	expect(t, acts[1], "title", "Ignore DF401 here (# dflint ignore=DF401)")
	ignore := get(t, acts[1], "edit.changes."+uri+".0")
	expect(t, ignore, "range.start", pos(1, 0))
	expect(t, ignore, "newText", "# dflint ignore=DF401\n")

	// The editor applies the fix and sends the whole text (full sync).
	fixed := strings.Replace(text, "apt-get install curl", "apt-get install -y curl", 1)
	e.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": fixed}},
	})
	diags = e.notification("textDocument/publishDiagnostics")
	expect(t, diags, "params.version", 2)
	list = get(t, diags, "params.diagnostics").([]any)
	if len(list) != 1 || get(t, list[0], "code") != "DF502" {
		t.Fatalf("after the fix: %v, want only DF502", list)
	}

	// DF502 has no fix: only the ignore comment, indented like WORKDIR.
	actions = e.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": pos(2, 0), "end": pos(2, 13)},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	acts = get(t, actions, "result").([]any)
	if len(acts) != 1 {
		t.Fatalf("%d actions, want 1: %v", len(acts), acts)
	}
	expect(t, acts[0], "edit.changes."+uri+".0.newText", "  # dflint ignore=DF502\n")
	expect(t, acts[0], "edit.changes."+uri+".0.range.start", pos(2, 0))

	// Only other kinds asked for: nothing.
	actions = e.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": pos(2, 0), "end": pos(2, 13)},
		"context":      map[string]any{"diagnostics": []any{}, "only": []string{"source.organizeImports"}},
	})
	if n := len(get(t, actions, "result").([]any)); n != 0 {
		t.Errorf("%d actions for only=source.organizeImports, want 0", n)
	}

	// Saving with the ignore comment in place: nothing left.
	saved := strings.Replace(fixed, "  WORKDIR", "  # dflint ignore=DF502\n  WORKDIR", 1)
	e.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}, "text": saved})
	diags = e.notification("textDocument/publishDiagnostics")
	if n := len(get(t, diags, "params.diagnostics").([]any)); n != 0 {
		t.Errorf("after saving with the ignore comment: %d diagnostics, want 0", n)
	}

	// Closing clears the diagnostics.
	e.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	diags = e.notification("textDocument/publishDiagnostics")
	expect(t, diags, "params.uri", uri)
	if n := len(get(t, diags, "params.diagnostics").([]any)); n != 0 {
		t.Errorf("after close: %d diagnostics, want 0", n)
	}

	// An unknown request gets MethodNotFound; an unknown $/ notification
	// is ignored.
	e.notify("$/unknownNotification", map[string]any{})
	unknown := e.request("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos(0, 0)})
	expect(t, unknown, "error.code", -32601)

	shutdown := e.request("shutdown", nil)
	if _, ok := shutdown["result"]; !ok || shutdown["result"] != nil || shutdown["error"] != nil {
		t.Errorf("shutdown response %v, want a null result", shutdown)
	}
	e.notify("exit", nil)
	select {
	case err := <-e.done:
		if err != nil {
			t.Errorf("Serve after shutdown and exit: %v, want nil (exit code 0)", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop after exit")
	}
}

// TestUTF8Positions: a client that offers UTF-8 gets byte positions.
func TestUTF8Positions(t *testing.T) {
	e := startSession(t, rules.Options{Select: []string{"DF401"}, NoBuildKit: true})
	init := e.request("initialize", map[string]any{"capabilities": map[string]any{
		"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}}}})
	expect(t, init, "result.capabilities.positionEncoding", "utf-8")
	e.notify("initialized", map[string]any{})
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 7, "text": text}})
	diags := e.notification("textDocument/publishDiagnostics")
	expect(t, diags, "params.diagnostics.0.range.start", pos(1, 22))
	expect(t, diags, "params.diagnostics.0.range.end", pos(1, 42))
	e.notify("exit", nil)
	if err := <-e.done; err != ErrNoShutdown {
		t.Errorf("exit without shutdown: %v, want ErrNoShutdown (exit code 1)", err)
	}
}

// TestRequestBeforeInitialize: the server refuses work before initialize.
func TestRequestBeforeInitialize(t *testing.T) {
	e := startSession(t, rules.Options{NoBuildKit: true})
	resp := e.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)},
		"context": map[string]any{"diagnostics": []any{}}})
	if resp["error"] == nil {
		t.Errorf("codeAction before initialize answered %v, want an error", resp)
	}
}

func TestPositions(t *testing.T) {
	src := []byte("a😀b\r\nxé\n")
	l := newLines(src, encodingUTF16)
	for _, c := range []struct {
		offset, line, char int
	}{{0, 0, 0}, {1, 0, 1}, {5, 0, 3}, {6, 0, 4}, {8, 1, 0}, {9, 1, 1}, {11, 1, 2}, {12, 2, 0}} {
		p := l.position(c.offset)
		if int(p.Line) != c.line || int(p.Character) != c.char {
			t.Errorf("position(%d) = %d:%d, want %d:%d", c.offset, p.Line, p.Character, c.line, c.char)
		}
		if back := l.offset(p); back != c.offset {
			t.Errorf("offset(%d:%d) = %d, want %d", p.Line, p.Character, back, c.offset)
		}
	}
	// Past the end of a line is the end of the line (before \r\n); inside
	// a surrogate pair stays before the emoji.
	if got := l.offset(l.position(0)); got != 0 {
		t.Error(got)
	}
	p := l.position(0)
	p.Character = 99
	if got := l.offset(p); got != 6 {
		t.Errorf("past the line end: %d, want 6", got)
	}
	p.Character = 2
	if got := l.offset(p); got != 1 {
		t.Errorf("inside the surrogate pair: %d, want 1", got)
	}
}

func TestIgnoreEdit(t *testing.T) {
	for _, c := range []struct{ name, src, at, want string }{
		{"new comment", "FROM alpine\n\tRUN x\n", "RUN", "FROM alpine\n\t# dflint ignore=DF999\n\tRUN x\n"},
		{"extends a list", "FROM alpine\n# dflint ignore=DF401\nRUN x\n", "RUN", "FROM alpine\n# dflint ignore=DF401,DF999\nRUN x\n"},
		{"CRLF", "FROM alpine\r\nRUN x\r\n", "RUN", "FROM alpine\r\n# dflint ignore=DF999\r\nRUN x\r\n"},
		{"after the BOM", "\ufeffFROM alpine\n", "FROM", "\ufeff# dflint ignore=DF999\nFROM alpine\n"},
		{"hadolint comment stays", "FROM a\n# hadolint ignore=DL3008\nRUN x\n", "RUN", "FROM a\n# hadolint ignore=DL3008\n# dflint ignore=DF999\nRUN x\n"},
	} {
		f := parser.Parse("Dockerfile", []byte(c.src))
		start := strings.Index(c.src, c.at)
		e, ok := ignoreEdit(f, &rules.Finding{RuleID: "DF999", Start: start, End: start + 1})
		if !ok {
			t.Errorf("%s: no edit", c.name)
			continue
		}
		if got := c.src[:e.Start] + e.NewText + c.src[e.End:]; got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestBurstOfChanges: changes sent faster than they are linted are
// coalesced; diagnostics come in version order and end with the last text's,
// and a code action right after a change is about the new text.
func TestBurstOfChanges(t *testing.T) {
	e := startSession(t, rules.Options{Select: []string{"DF401", "DF502"}, NoBuildKit: true})
	e.request("initialize", map[string]any{"capabilities": map[string]any{}})
	e.notify("initialized", map[string]any{})
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
	fixed := strings.Replace(text, "apt-get install curl", "apt-get install -y curl", 1)
	const last = 40
	for v := 2; v <= last; v++ {
		body := text
		if v%2 == 0 {
			body = fixed
		}
		e.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"text": body}},
		})
	}
	// Version 40 (even) is the fixed text: only DF502 is left.
	actions := e.request("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        map[string]any{"start": pos(1, 25), "end": pos(1, 25)},
		"context":      map[string]any{"diagnostics": []any{}},
	})
	if acts := get(t, actions, "result").([]any); len(acts) != 0 {
		t.Errorf("code actions on the fixed apt-get line: %v, want none", acts)
	}
	published, prev := 0, 0.0
	for {
		d := e.notification("textDocument/publishDiagnostics")
		published++
		v := get(t, d, "params.version").(float64)
		if v < prev {
			t.Errorf("diagnostics of version %v after version %v", v, prev)
		}
		prev = v
		if v == last {
			list := get(t, d, "params.diagnostics").([]any)
			if len(list) != 1 || get(t, list[0], "code") != "DF502" {
				t.Errorf("last diagnostics: %v, want only DF502", list)
			}
			break
		}
	}
	t.Logf("%d publications for %d texts", published, last)
	e.request("shutdown", nil)
	e.notify("exit", nil)
	if err := <-e.done; err != nil {
		t.Error(err)
	}
}

// With EngineFor, each document is linted by the engine of its own config
// (dflint lsp passes the .dflint.yaml that governs the path); a config
// with errors is shown to the user once, and the document is still linted
// with the command line's engine.
func TestEngineFor(t *testing.T) {
	strict, err := rules.NewEngine(rules.Options{Select: []string{"DF502"}, NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	lenient, err := rules.NewEngine(rules.Options{Select: []string{"DF401"}, NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex // documents are linted on their own goroutines
	asked := map[string]bool{}
	e := startServer(t, Options{Engine: lenient, Version: "test", EngineFor: func(path string) (*rules.Engine, error) {
		mu.Lock()
		asked[path] = true
		mu.Unlock()
		switch {
		case strings.HasPrefix(path, "/work/strict/"):
			return strict, nil
		case strings.HasPrefix(path, "/work/broken/"):
			return nil, fmt.Errorf("/work/broken/.dflint.yaml:1:1: unknown key \"ignored\": did you mean \"ignore\"?")
		}
		return lenient, nil
	}})
	e.request("initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}})
	e.notify("initialized", map[string]any{})

	codes := func(diags map[string]any) string {
		var out []string
		for _, d := range get(t, diags, "params.diagnostics").([]any) {
			out = append(out, fmt.Sprint(get(t, d, "code")))
		}
		return strings.Join(out, " ")
	}
	open := func(u string, version int) {
		e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": u, "languageId": "dockerfile", "version": version, "text": text}})
	}

	open("file:///work/strict/Dockerfile", 1)
	if got := codes(e.notification("textDocument/publishDiagnostics")); got != "DF502" {
		t.Errorf("strict config: diagnostics %q, want DF502", got)
	}
	open("file:///work/other/Dockerfile", 1)
	if got := codes(e.notification("textDocument/publishDiagnostics")); got != "DF401" {
		t.Errorf("other config: diagnostics %q, want DF401", got)
	}

	open("file:///work/broken/Dockerfile", 1)
	msg := e.notification("window/showMessage")
	expect(t, msg, "params.type", 1) // error
	if m := fmt.Sprint(get(t, msg, "params.message")); !strings.Contains(m, `/work/broken/.dflint.yaml:1:1: unknown key "ignored"`) {
		t.Errorf("showMessage %q does not say what is wrong where", m)
	}
	if got := codes(e.notification("textDocument/publishDiagnostics")); got != "DF401" {
		t.Errorf("broken config: diagnostics %q, want the command line's DF401", got)
	}
	// An edit does not show the same error again.
	e.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": "file:///work/broken/Dockerfile", "version": 2},
		"contentChanges": []any{map[string]any{"text": text + "# more\n"}},
	})
	e.notification("textDocument/publishDiagnostics")
	for _, m := range e.pending {
		if m["method"] == "window/showMessage" {
			t.Errorf("the config error was shown twice: %v", m)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) != 3 || !asked["/work/strict/Dockerfile"] || !asked["/work/other/Dockerfile"] || !asked["/work/broken/Dockerfile"] {
		t.Errorf("EngineFor was asked for %v, want the three documents' paths", asked)
	}
}

// A document with a path on disk is checked against the ignore file beside
// it, as `dflint lint` checks the file (buildkit/CopyIgnoredFile); one
// without a path (an unsaved editor buffer) has none.
func TestContextIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("secrets.env\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The server's working directory has an ignore file too, which an
	// unsaved buffer must not be judged by.
	t.Chdir(dir)
	e := startSession(t, rules.Options{Select: []string{"CopyIgnoredFile", "DF203"}})
	e.request("initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}})
	e.notify("initialized", map[string]any{})
	const src = "FROM alpine:3.20\nCOPY app.py /app/\nCOPY secrets.env /app/\nCOPY . /app/\n"

	// The document need not be saved: its text is linted, the ignore file
	// is read from its directory (DF203 sees it too).
	doc := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "Dockerfile"))}).String()
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": doc, "languageId": "dockerfile", "version": 1, "text": src}})
	diags := e.notification("textDocument/publishDiagnostics")
	list := get(t, diags, "params.diagnostics").([]any)
	if len(list) != 1 {
		t.Fatalf("%d diagnostics, want 1: %v", len(list), list)
	}
	expect(t, list[0], "code", "buildkit/CopyIgnoredFile")
	expect(t, list[0], "message", `Attempting to Copy file "secrets.env" that is excluded by .dockerignore`)
	expect(t, list[0], "range.start", pos(2, 0))

	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": "untitled:Untitled-1", "languageId": "dockerfile", "version": 1, "text": src}})
	diags = e.notification("textDocument/publishDiagnostics")
	expect(t, diags, "params.uri", "untitled:Untitled-1")
	if list := get(t, diags, "params.diagnostics").([]any); len(list) != 0 {
		t.Errorf("an unsaved buffer has diagnostics %v, want none (no ignore file, and DF203 does not judge it)", list)
	}
}

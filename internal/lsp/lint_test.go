package lsp

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// TestDocumentsOverLimitOrBinary: a document dflint lint would refuse as a
// file gets one diagnostic saying why, and no code actions.
func TestDocumentsOverLimitOrBinary(t *testing.T) {
	big := "FROM alpine:3.20\n" + strings.Repeat("RUN apt-get install curl\n", runner.MaxFileSize/25+1)
	for _, c := range []struct {
		name, text, want string
		line             int
	}{
		{"over 1 MiB", big, "over dflint's 1 MiB limit", 1},
		// DF401 would add -y inside the quotes, after the NUL.
		{"NUL inside sh -c", "FROM alpine:3.20\nRUN sh -c 'apt-get install curl\x00'\n", "NUL byte on line 2", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := startSession(t, rules.Options{Select: []string{"DF401"}, NoBuildKit: true})
			e.request("initialize", map[string]any{"capabilities": map[string]any{}})
			e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
				"uri": uri, "languageId": "dockerfile", "version": 1, "text": c.text}})
			diags := e.notification("textDocument/publishDiagnostics")
			list := get(t, diags, "params.diagnostics").([]any)
			if len(list) != 1 {
				t.Fatalf("%d diagnostics, want 1; the first: %v", len(list), list[0])
			}
			msg := fmt.Sprint(get(t, list[0], "message"))
			if !strings.Contains(msg, "dflint did not lint this document") || !strings.Contains(msg, c.want) {
				t.Errorf("diagnostic %q does not say why the document was not linted (%s)", msg, c.want)
			}
			expect(t, list[0], "range.start", pos(0, 0))
			actions := e.request("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        map[string]any{"start": pos(c.line, 0), "end": pos(c.line, 30)},
				"context":      map[string]any{"diagnostics": []any{}},
			})
			if acts := get(t, actions, "result").([]any); len(acts) != 0 {
				t.Errorf("%d code actions on a document that was not linted; the first: %v", len(acts), acts[0])
			}
		})
	}
}

// slowLint is a lint for the tests of cancellation: a text with "# slow"
// blocks until its context is cancelled (as rules that look at it do), one
// with "# stubborn" until release is closed (as a rule that does not);
// others are linted by the engine.
type slowLint struct {
	release   chan struct{}
	started   chan string // the text's first line, when its lint starts
	cancelled chan string // and when its context is cancelled
}

func newSlowLint(t *testing.T) *slowLint {
	l := &slowLint{release: make(chan struct{}), started: make(chan string, 10), cancelled: make(chan string, 10)}
	t.Cleanup(func() { close(l.release) })
	return l
}

func (l *slowLint) lint(ctx context.Context, engine *rules.Engine, file *parser.File) ([]rules.Finding, []error) {
	src := string(file.Source)
	first, _, _ := strings.Cut(src, "\n")
	switch {
	case strings.Contains(src, "# slow"):
		l.started <- first
		<-ctx.Done()
		l.cancelled <- first
		return nil, []error{ctx.Err()}
	case strings.Contains(src, "# stubborn"):
		l.started <- first
		<-l.release
		return nil, nil
	}
	return engine.Lint(ctx, file)
}

func startSlowSession(t *testing.T, l *slowLint) *editor {
	t.Helper()
	engine, err := rules.NewEngine(rules.Options{Select: []string{"DF502"}, NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	e := startServer(t, Options{Engine: engine, Version: "test", lint: l.lint})
	e.request("initialize", map[string]any{"capabilities": map[string]any{}})
	e.notify("initialized", map[string]any{})
	return e
}

func waitFor(t *testing.T, ch chan string, what string) string {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s in 10s", what)
	}
	return ""
}

// TestShutdownDuringSlowLint: shutdown answers at once even while a lint
// that ignores its context runs, and exit ends the session.
func TestShutdownDuringSlowLint(t *testing.T) {
	for _, slow := range []string{"# slow", "# stubborn"} {
		t.Run(slow, func(t *testing.T) {
			l := newSlowLint(t)
			e := startSlowSession(t, l)
			e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
				"uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\n" + slow + "\n"}})
			waitFor(t, l.started, "lint")
			// A code action waits for the lint; shutdown cancels it, and
			// it is answered (RequestCancelled) before shutdown is.
			e.send(map[string]any{"id": 77, "method": "textDocument/codeAction", "params": map[string]any{
				"textDocument": map[string]any{"uri": uri}, "range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)},
				"context": map[string]any{"diagnostics": []any{}}}})
			start := time.Now()
			before, resp := e.responsesUntil("shutdown", nil)
			if resp["error"] != nil {
				t.Errorf("shutdown: %v", resp)
			}
			if len(before) != 1 || before[0]["id"] != float64(77) || get(t, before[0], "error.code") != float64(-32800) {
				t.Errorf("before the shutdown response: %v, want the code action's RequestCancelled", before)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("shutdown answered after %v, want at once", d)
			}
			if slow == "# slow" {
				waitFor(t, l.cancelled, "cancellation of the lint by shutdown")
			}
			e.notify("exit", nil)
			select {
			case err := <-e.done:
				if err != nil {
					t.Errorf("Serve: %v, want nil", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the server did not stop after exit")
			}
			for _, m := range e.pending {
				if m["method"] == "textDocument/publishDiagnostics" {
					t.Errorf("diagnostics of a cancelled lint: %v", m)
				}
			}
		})
	}
}

// TestSupersededLintCancelled: a change cancels the lint of the text it
// replaces, and only the new text's diagnostics are published; closing
// cancels the lint of the last text.
func TestSupersededLintCancelled(t *testing.T) {
	l := newSlowLint(t)
	e := startSlowSession(t, l)
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20 # v1\n# slow\n"}})
	waitFor(t, l.started, "lint of version 1")
	e.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM alpine:3.20\nWORKDIR app\n"}},
	})
	if got := waitFor(t, l.cancelled, "cancellation of version 1's lint"); got != "FROM alpine:3.20 # v1" {
		t.Errorf("cancelled the lint of %q", got)
	}
	diags := e.notification("textDocument/publishDiagnostics")
	expect(t, diags, "params.version", 2)
	expect(t, diags, "params.diagnostics.0.code", "DF502")

	e.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"text": "FROM alpine:3.20 # v3\n# slow\n"}},
	})
	waitFor(t, l.started, "lint of version 3")
	e.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if got := waitFor(t, l.cancelled, "cancellation by didClose"); got != "FROM alpine:3.20 # v3" {
		t.Errorf("cancelled the lint of %q", got)
	}
	diags = e.notification("textDocument/publishDiagnostics")
	if n := len(get(t, diags, "params.diagnostics").([]any)); n != 0 {
		t.Errorf("after close: %d diagnostics, want the clearing publication", n)
	}
}

// TestCancelRequest: a code action waiting for a slow lint is cancelled by
// $/cancelRequest and answers RequestCancelled; one whose text changes
// answers ContentModified.
func TestCancelRequest(t *testing.T) {
	l := newSlowLint(t)
	e := startSlowSession(t, l)
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\n# stubborn\n"}})
	waitFor(t, l.started, "lint")
	codeAction := map[string]any{
		"textDocument": map[string]any{"uri": uri}, "range": map[string]any{"start": pos(0, 0), "end": pos(0, 0)},
		"context": map[string]any{"diagnostics": []any{}}}
	e.send(map[string]any{"id": 50, "method": "textDocument/codeAction", "params": codeAction})
	e.notify("$/cancelRequest", map[string]any{"id": 50})
	resp := e.next()
	expect(t, resp, "id", 50)
	expect(t, resp, "error.code", -32800)

	e.send(map[string]any{"id": "s51", "method": "textDocument/codeAction", "params": codeAction})
	e.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM alpine:3.20\nWORKDIR app\n"}},
	})
	for {
		m := e.next()
		if m["method"] != nil {
			continue
		}
		expect(t, m, "id", "s51")
		expect(t, m, "error.code", -32801)
		break
	}
}

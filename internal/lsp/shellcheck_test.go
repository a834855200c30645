package lsp

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

func codes(t *testing.T, diags map[string]any) []string {
	t.Helper()
	var out []string
	for _, d := range get(t, diags, "params.diagnostics").([]any) {
		out = append(out, get(t, d, "code").(string))
	}
	return out
}

// ShellCheck's findings follow the others: the first publication does
// not wait for shellcheck, the second has its findings too.
func TestShellCheckPublishedWhenItArrives(t *testing.T) {
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck is not installed; .ci/run installs the Debian package")
		}
		t.Skip("shellcheck is not installed (apt-get install shellcheck)")
	}
	e := startSession(t, rules.Options{Select: []string{"DF502"}, NoBuildKit: true, ShellCheck: rules.NewShellCheck(bin, "")})
	e.request("initialize", map[string]any{"capabilities": map[string]any{}})
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\nARG x\nWORKDIR app\nRUN echo $x\n"}})
	first := codes(t, e.notification("textDocument/publishDiagnostics"))
	if strings.Join(first, " ") != "DF502" {
		t.Errorf("first diagnostics %v, want [DF502] alone", first)
	}
	second := codes(t, e.notification("textDocument/publishDiagnostics"))
	if strings.Join(second, " ") != "DF502 SC2086" {
		t.Errorf("second diagnostics %v, want [DF502 SC2086]", second)
	}
}

// A change of the text while ShellCheck works cancels it: the old text's
// ShellCheck findings are never published.
func TestShellCheckCancelledByChange(t *testing.T) {
	engine, err := rules.NewEngine(rules.Options{Select: []string{"DF502"}, NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{}, 10)
	cancelled := make(chan struct{}, 10)
	staged := func(ctx context.Context, engine *rules.Engine, file *parser.File) ([]rules.Finding, []error, func() ([]rules.Finding, []error)) {
		fs, errs := engine.Lint(ctx, file)
		if !strings.Contains(string(file.Source), "# slow") {
			return fs, errs, nil
		}
		return fs, errs, func() ([]rules.Finding, []error) {
			waiting <- struct{}{}
			<-ctx.Done() // a shellcheck that never answers
			cancelled <- struct{}{}
			return nil, []error{ctx.Err()}
		}
	}
	e := startServer(t, Options{Engine: engine, Version: "test", staged: staged})
	e.request("initialize", map[string]any{"capabilities": map[string]any{}})
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": "FROM alpine:3.20\n# slow\nWORKDIR app\n"}})
	if got := codes(t, e.notification("textDocument/publishDiagnostics")); strings.Join(got, " ") != "DF502" {
		t.Errorf("first diagnostics %v", got)
	}
	select {
	case <-waiting:
	case <-time.After(10 * time.Second):
		t.Fatal("the second stage did not start")
	}
	e.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM alpine:3.20\nWORKDIR /app\n"}}})
	select {
	case <-cancelled:
	case <-time.After(10 * time.Second):
		t.Fatal("the change did not cancel the wait for ShellCheck")
	}
	d := e.notification("textDocument/publishDiagnostics")
	if v := get(t, d, "params.version"); v != float64(2) || len(codes(t, d)) != 0 {
		t.Errorf("after the change: version %v, codes %v; want version 2 and none", v, codes(t, d))
	}
}

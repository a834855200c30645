package lsp

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dflint/dflint/rules"
)

// TestExpansionBomb: a document whose ARGs double a value 40 times (a
// terabyte, expanded) is linted within the expansion limits, and the ARG
// that goes past them is shown (DF003) instead of the server running out
// of memory. The LSP lints through the same engine as the CLI.
func TestExpansionBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("ARG A0=aaaaaaaaaa\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "ARG A%d=${A%d}${A%d}\n", i, i-1, i-1)
	}
	b.WriteString("FROM alpine:${A40}\nUSER nobody\n")

	e := startSession(t, rules.Options{})
	e.request("initialize", map[string]any{"capabilities": map[string]any{}})
	e.notify("initialized", map[string]any{})
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": b.String()}})
	diags := e.notification("textDocument/publishDiagnostics")
	expect(t, diags, "params.diagnostics.0.code", "DF003")
	// A13 = 10·2¹³ bytes, the first value past 64 KiB (0-based line 13).
	expect(t, diags, "params.diagnostics.0.range.start", pos(13, 0))
	if n := len(get(t, diags, "params.diagnostics").([]any)); n != 1 {
		t.Errorf("%d diagnostics, want only DF003: %v", n, get(t, diags, "params.diagnostics"))
	}
}

package lsp

import (
	"testing"

	"github.com/dflint/dflint/rules"
)

// TestCodeActionMatching: which findings a code action request gets the
// actions of. Two findings share line 2 (DF401 on the install, DF403 on the
// whole RUN), one is on line 3.
func TestCodeActionMatching(t *testing.T) {
	const doc = "FROM debian:12\n" +
		"RUN apt-get update && apt-get install curl\n" +
		"  WORKDIR app\n"
	e := startSession(t, rules.Options{Select: []string{"DF401", "DF403", "DF502"}, NoBuildKit: true})
	e.request("initialize", map[string]any{"processId": nil, "capabilities": map[string]any{}})
	e.notify("initialized", map[string]any{})
	e.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": doc}})
	list := get(t, e.notification("textDocument/publishDiagnostics"), "params.diagnostics").([]any)
	byCode := map[string]any{}
	for _, d := range list {
		byCode[get(t, d, "code").(string)] = d
	}
	for _, code := range []string{"DF401", "DF403", "DF502"} {
		if byCode[code] == nil {
			t.Fatalf("no %s diagnostic in %v", code, list)
		}
	}
	if start := get(t, byCode["DF401"], "range.start.character").(float64); start == 0 {
		t.Fatal("DF401 starts at column 1: the test needs a finding that starts later in its line")
	}

	// codes asks for the actions of a range and the diagnostics sent, and
	// lists the rule of each action in order.
	codes := func(start, end map[string]any, sent ...any) []string {
		t.Helper()
		if sent == nil {
			sent = []any{}
		}
		resp := e.request("textDocument/codeAction", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"range":        map[string]any{"start": start, "end": end},
			"context":      map[string]any{"diagnostics": sent},
		})
		var out []string
		for _, a := range get(t, resp, "result").([]any) {
			out = append(out, get(t, a, "diagnostics.0.code").(string))
		}
		return out
	}
	same := func(got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("actions of %v, want %v", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("actions of %v, want %v", got, want)
			}
		}
	}

	// A cursor at column 1, before both findings, with no diagnostics
	// sent (VS Code's request there): the line's findings, fix and ignore
	// each, in the order they were published.
	same(codes(pos(1, 0), pos(1, 0)), "DF401", "DF401", "DF403", "DF403")

	// Neovim 0.7 sends the cursor and the line's diagnostics: the ones it
	// sends come first, in its order, then the rest of the line.
	same(codes(pos(1, 0), pos(1, 0), byCode["DF403"]), "DF403", "DF403", "DF401", "DF401")
	same(codes(pos(1, 0), pos(1, 0), byCode["DF403"], byCode["DF401"]), "DF403", "DF403", "DF401", "DF401")

	// A diagnostic sent from elsewhere in the file is matched by what it
	// is, not where the cursor is.
	same(codes(pos(0, 3), pos(0, 3), byCode["DF502"]), "DF502")

	// A diagnostic the server did not send (another message, another
	// source) matches nothing; the cursor's line still counts.
	stale := map[string]any{"range": get(t, byCode["DF502"], "range"), "message": "something else", "code": "DF502", "source": "dflint"}
	other := map[string]any{"range": get(t, byCode["DF502"], "range"), "message": get(t, byCode["DF502"], "message"), "code": "DF502", "source": "hadolint"}
	same(codes(pos(0, 0), pos(0, 0), stale, other))

	// A selection of line 2 as whole lines ends at column 1 of line 3:
	// line 3 is not in it.
	same(codes(pos(1, 0), pos(2, 0)), "DF401", "DF401", "DF403", "DF403")
	// A selection into line 3 takes both lines.
	same(codes(pos(1, 0), pos(2, 1)), "DF401", "DF401", "DF403", "DF403", "DF502")
	// Past the end of the text: nothing.
	same(codes(pos(9, 0), pos(9, 0)))
}

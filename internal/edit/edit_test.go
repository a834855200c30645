package edit

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestSortOrdersByStartThenEnd(t *testing.T) {
	edits := []Edit{
		{Start: 9, End: 12, NewText: "c"},
		{Start: 4, End: 6},                // a deletion at 4
		{Start: 4, End: 4, NewText: "a1"}, // an insertion at 4 goes first
		{Start: 4, End: 4, NewText: "a2"}, // and two insertions keep their order
		{Start: 0, End: 1, NewText: "z"},
	}
	Sort(edits)
	want := []Edit{
		{Start: 0, End: 1, NewText: "z"},
		{Start: 4, End: 4, NewText: "a1"},
		{Start: 4, End: 4, NewText: "a2"},
		{Start: 4, End: 6},
		{Start: 9, End: 12, NewText: "c"},
	}
	if !reflect.DeepEqual(edits, want) {
		t.Errorf("got %+v\nwant %+v", edits, want)
	}
}

// The JSON names are part of dflint's JSON output (`fix` on a finding).
func TestFixJSONNames(t *testing.T) {
	b, err := json.Marshal(Fix{Title: "Add --no-cache-dir", Applicability: Safe, Edits: []Edit{{Start: 3, End: 3, NewText: " x"}}})
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"title":"Add --no-cache-dir","applicability":"safe","edits":[{"start":3,"end":3,"new_text":" x"}]}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
}

package main

import (
	"reflect"
	"testing"

	"github.com/dflint/dflint/internal/changedlines"
)

// followLines carries the change's lines through a fix: a line inserted
// above moves them down, a rewritten line is changed, an unchanged line
// outside the change stays out.
func TestFollowLines(t *testing.T) {
	orig := []byte("FROM a\nRUN b\nRUN c\nRUN d\n")
	lines := changedlines.Lines{{From: 3, To: 3}}
	for _, tc := range []struct {
		name string
		cur  string
		want changedlines.Lines
	}{
		{"unchanged", "FROM a\nRUN b\nRUN c\nRUN d\n", changedlines.Lines{{From: 3, To: 3}}},
		{"line inserted above", "FROM a\nUSER x\nRUN b\nRUN c\nRUN d\n", changedlines.Lines{{From: 2, To: 2}, {From: 4, To: 4}}},
		{"changed line rewritten", "FROM a\nRUN b\nRUN c -y\nRUN d\n", changedlines.Lines{{From: 3, To: 3}}},
		{"other line rewritten", "FROM a\nRUN b\nRUN c\nRUN d -y\n", changedlines.Lines{{From: 3, To: 4}}},
		{"line deleted above", "FROM a\nRUN c\nRUN d\n", changedlines.Lines{{From: 2, To: 2}}},
	} {
		if got := followLines(orig, []byte(tc.cur), lines); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

package rewrite

import (
	"reflect"
	"testing"
)

func TestLineHunks(t *testing.T) {
	old := "FROM a\nRUN b\nRUN c\nRUN d\n"
	for _, tc := range []struct {
		name, new string
		want      []LineHunk
	}{
		{"equal", old, nil},
		{"one line changed", "FROM a\nRUN b -y\nRUN c\nRUN d\n", []LineHunk{{OldFrom: 2, OldTo: 2, New: []string{"RUN b -y\n"}}}},
		{"inserted", "FROM a\nRUN b\nUSER x\nRUN c\nRUN d\n", []LineHunk{{OldFrom: 3, OldTo: 2, New: []string{"USER x\n"}}}},
		{"inserted at the end", old + "USER x\n", []LineHunk{{OldFrom: 5, OldTo: 4, New: []string{"USER x\n"}}}},
		{"deleted", "FROM a\nRUN d\n", []LineHunk{{OldFrom: 2, OldTo: 3}}},
		{"two runs", "FROM b\nRUN b\nRUN c\nRUN e\r\n", []LineHunk{{OldFrom: 1, OldTo: 1, New: []string{"FROM b\n"}}, {OldFrom: 4, OldTo: 4, New: []string{"RUN e\r\n"}}}},
		{"no final newline", "FROM a\nRUN b\nRUN c\nRUN d", []LineHunk{{OldFrom: 4, OldTo: 4, New: []string{"RUN d"}}}},
	} {
		if got := LineHunks([]byte(old), []byte(tc.new)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

package images

import (
	"strings"
	"testing"
)

// TestUnknownForgets checks a variant's unknown list: the -alpine tag of a
// family that knows its Debian users does not claim them.
func TestUnknownForgets(t *testing.T) {
	db, err := parse([]byte(`{
		"commonVariants": [{"tag": "(^|-)alpine", "shells": ["/bin/sh"], "unknown": ["users"], "source": "s"}],
		"families": [{"name": "x", "repositories": ["x"], "shells": ["/bin/bash"], "users": ["root:0"], "cmd": ["x"], "source": "s",
			"variants": [{"tag": "^odd", "unknown": ["config", "libc"]}, {"tag": "-known$", "users": ["x:1"]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var f *family
	for _, fam := range db.Families {
		f = fam
	}
	facts := func(tag string) traits {
		var t traits
		for _, v := range db.CommonVariants {
			if v.matches("x", tag) {
				t.apply(&v.traits)
			}
		}
		base := f.traits
		base.apply(&t)
		for _, v := range f.Variants {
			if v.matches("x", tag) {
				base.apply(&v.traits)
			}
		}
		return base
	}
	if got := facts("1"); got.Users == nil || got.Cmd == nil {
		t.Errorf("1: %+v", got)
	}
	if got := facts("1-alpine"); got.Users != nil || (*got.Shells)[0] != "/bin/sh" || got.Cmd == nil {
		t.Errorf("1-alpine: users %v, shells %v, cmd %v", got.Users, got.Shells, got.Cmd)
	}
	if got := facts("1-alpine-known"); got.Users == nil || (*got.Users)[0] != "x:1" {
		t.Errorf("1-alpine-known: users %v", got.Users)
	}
	if got := facts("odd"); got.Cmd != nil || got.Entrypoint != nil || got.Users == nil {
		t.Errorf("odd: %+v", got)
	}
	if _, err := parse([]byte(`{"families": [{"name": "x", "repositories": ["x"], "variants": [{"tag": "a", "unknown": ["user"]}]}]}`)); err == nil || !strings.Contains(err.Error(), "unknown") {
		t.Errorf("unknown fact name accepted: %v", err)
	}
}

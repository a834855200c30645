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

// TestOSFromTag covers tags whose OS the family's default got wrong.
func TestOSFromTag(t *testing.T) {
	for _, tc := range []struct {
		ref string
		os  OS
		pm  string
	}{
		{"eclipse-temurin:21-jre-ubi9-minimal", RHEL, "microdnf"},
		{"eclipse-temurin:21-jdk-ubi9", RHEL, "dnf"},
		{"maven:3-amazoncorretto-21", AmazonLinux, "dnf"},
		{"maven:3-amazoncorretto-21-al2023", AmazonLinux, "dnf"},
		{"maven:3-amazoncorretto-21-debian-trixie", Debian, "apt"},
		{"maven:3-amazoncorretto-21-alpine", Alpine, "apk"},
		{"maven:3-eclipse-temurin-21", Ubuntu, "apt"},
	} {
		if i := lookup(t, tc.ref); i.OS != tc.os || i.PackageManager != tc.pm {
			t.Errorf("%s: OS %q, package manager %q; want %q, %q", tc.ref, i.OS, i.PackageManager, tc.os, tc.pm)
		}
	}
}

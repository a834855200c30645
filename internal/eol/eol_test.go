package eol

import (
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	today := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		family, name, tag string
		want              []string // line:replacement
	}{
		{"python", "python", "3.8", []string{"3.8:3.14"}},
		{"python", "python", "3.9.18-slim-buster", []string{"3.9:3.14", "10:trixie"}},
		{"python", "python", "3.12-slim-bookworm", nil},
		{"python", "python", "3.12-alpine3.18", []string{"3.18:alpine3.24"}},
		{"python", "python", "3", nil},
		{"node", "node", "18-alpine", []string{"18:24"}},
		{"node", "node", "22", nil},
		{"node", "node", "lts-bullseye", []string{"11:trixie"}},
		{"golang", "golang", "1.21.5-alpine3.19", []string{"1.21:1.27", "3.19:alpine3.24"}},
		{"debian", "debian", "buster-slim", []string{"10:trixie"}},
		{"debian", "debian", "10", []string{"10:13"}},
		{"debian", "debian", "bookworm", nil},
		{"ubuntu", "ubuntu", "focal", []string{"20.04:resolute"}},
		{"ubuntu", "ubuntu", "18.04", []string{"18.04:26.04"}},
		{"alpine", "alpine", "3.12.1", []string{"3.12:3.24"}},
		{"eclipse-temurin", "eclipse-temurin", "17-jdk-focal", []string{"20.04:resolute"}},
		{"eclipse-temurin", "eclipse-temurin", "19-jre", []string{"19:25"}},
		{"openjdk", "openjdk", "8-jdk-slim", []string{"8:"}},
		{"dotnet-sdk", "sdk", "6.0-bullseye-slim", []string{"6.0:10.0", "11:trixie"}},
		{"php", "php", "7.4-fpm-alpine", []string{"7.4:8.5"}},
		{"ruby", "ruby", "2.7-slim", []string{"2.7:3.4"}},
		{"python", "pypy", "3.7", nil},
		// CentOS Linux lines, however the tag spells them; CentOS Stream is
		// another product (quay.io/centos/centos): stream8 ended, stream9
		// has not.
		{"rhel", "centos", "7", []string{"7:"}},
		{"rhel", "centos", "centos7.9.2009", []string{"7:"}},
		{"rhel", "centos", "centos6", []string{"6:"}},
		{"rhel", "centos", "8.4.2105", []string{"8:"}},
		{"rhel", "centos", "stream8", []string{"8:stream10"}},
		{"rhel", "centos", "stream9-minimal", nil},
		{"rhel", "centos", "latest", nil},
		{"rhel", "rockylinux", "8", nil},
		{"amazonlinux", "amazonlinux", "2", []string{"2:2023"}},
		{"amazonlinux", "amazonlinux", "2.0.20240306.2", []string{"2:2023"}},
		{"amazonlinux", "amazonlinux", "2018.03", []string{"2018.03:2023"}},
		{"amazonlinux", "amazonlinux", "2023.4.20240319.1", nil},
		{"fedora", "fedora", "39", []string{"39:44"}},
		{"fedora", "fedora", "44", nil},
		{"fedora", "fedora", "rawhide", nil},
		{"gcc", "gcc", "6", []string{"6:16"}},
		{"gcc", "gcc", "11.4.0-bookworm", []string{"11:16"}},
		{"gcc", "gcc", "13", nil},
		{"gcc", "gcc", "14.2", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range Default().Check(tt.family, tt.name, tt.tag, today) {
			got = append(got, m.Line.Line+":"+m.Replacement)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s:%s: got %v, want %v", tt.name, tt.tag, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s:%s: got %v, want %v", tt.name, tt.tag, got, tt.want)
			}
		}
	}
}

func TestDeprecation(t *testing.T) {
	if d := Default().Deprecation("centos"); d == nil || !d.AllTags || d.EOL.String() != "2024-06-30" {
		t.Errorf("centos: %+v", d)
	}
	if d := Default().Deprecation("openjdk"); d == nil || d.AllTags {
		t.Errorf("openjdk: its early-access tags are still updated: %+v", d)
	}
	if Default().Deprecation("python") != nil {
		t.Error("python is not deprecated")
	}
}

func TestFloating(t *testing.T) {
	for _, tt := range []struct {
		family, name, tag string
		want              bool
	}{
		{"alpine", "alpine", "edge", true},
		{"debian", "debian", "sid-slim", true},
		{"debian", "debian", "sid-20260810-slim", false},
		{"debian", "debian", "forky", false},
		{"ubuntu", "ubuntu", "rolling", true},
		{"fedora", "fedora", "rawhide", true},
		{"python", "python", "edge", false},
	} {
		_, ft := Default().Floating(tt.family, tt.name, tt.tag)
		if (ft != nil) != tt.want {
			t.Errorf("%s:%s: floating %v, want %v", tt.name, tt.tag, ft != nil, tt.want)
		}
	}
}

func TestTableIsWellFormed(t *testing.T) {
	for _, p := range Default().Products {
		for _, l := range p.Lines {
			if !l.Released.Before(l.EOL.Time) {
				t.Errorf("%s %s: released %s is not before eol %s", p.Name, l.Line, l.Released, l.EOL)
			}
		}
	}
}

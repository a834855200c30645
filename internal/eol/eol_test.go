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

func TestTableIsWellFormed(t *testing.T) {
	for _, p := range Default().Products {
		for _, l := range p.Lines {
			if !l.Released.Before(l.EOL.Time) {
				t.Errorf("%s %s: released %s is not before eol %s", p.Name, l.Line, l.Released, l.EOL)
			}
		}
	}
}

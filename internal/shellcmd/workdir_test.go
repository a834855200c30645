package shellcmd

import "testing"

func TestWorkdirAt(t *testing.T) {
	f := mustParse(t, `FROM alpine AS base
RUN true
WORKDIR app
RUN true
ENV ROOT=/srv
WORKDIR $ROOT
WORKDIR ./web/../api
RUN true
ONBUILD WORKDIR /triggered
RUN true
FROM base
RUN true
WORKDIR /
RUN true
FROM alpine
WORKDIR /a
WORKDIR $UNKNOWN
RUN true
`)
	tests := []struct {
		line int
		dir  string
		ok   bool
	}{
		// The base image's directory, which dflint does not know.
		{2, "@base", true},
		// A relative WORKDIR is relative to it.
		{4, "@base/app", true},
		// A WORKDIR does not apply to itself.
		{6, "@base/app", true},
		// ENV values expand; paths are cleaned.
		{8, "/srv/api", true},
		// An ONBUILD WORKDIR runs in images built on this one.
		{10, "/srv/api", true},
		// A stage built on another starts where that one ended.
		{12, "/srv/api", true},
		{14, "/", true},
		// A variable without a known value.
		{18, "", false},
	}
	for _, tt := range tests {
		dir, ok := WorkdirAt(instructionAt(t, f, tt.line))
		if dir != tt.dir || ok != tt.ok {
			t.Errorf("line %d: WorkdirAt = %q %v, want %q %v", tt.line, dir, ok, tt.dir, tt.ok)
		}
	}
}

func TestJoinDir(t *testing.T) {
	tests := []struct{ dir, p, want string }{
		{"/app", "sub", "/app/sub"},
		{"/app", "./sub/", "/app/sub"},
		{"/app", "/abs//x/", "/abs/x"},
		{"/app", "/x/../y", "/y"},
		{"/app", "..", "/"},
		{"/app", ".", "/app"},
		{"@base", "app", "@base/app"},
		{"@base", ".", "@base"},
		// Above the unknown directory the marker is lost: the result is
		// a relative path, neither "@base…" nor absolute. This is today's
		// behaviour, not a wanted one: DF301's fix then chowns a wrong
		// relative path (rewrite/testdata/nonrootuser/
		// bug-workdir-above-base).
		{"@base", "..", "."},
		{"@base", "../x", "x"},
	}
	for _, tt := range tests {
		if got := JoinDir(tt.dir, tt.p); got != tt.want {
			t.Errorf("JoinDir(%q, %q) = %q, want %q", tt.dir, tt.p, got, tt.want)
		}
	}
}

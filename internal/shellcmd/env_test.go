package shellcmd

import (
	"slices"
	"testing"

	"github.com/dflint/dflint/parser"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

func mustParse(t *testing.T, src string) *parser.File {
	t.Helper()
	f := parser.Parse("Dockerfile", []byte(src))
	if f.Err != nil {
		t.Fatalf("%q: %v", src, f.Err)
	}
	return f
}

// instructionAt is the instruction that starts on the 1-based line.
func instructionAt(t *testing.T, f *parser.File, line int) *parser.Instruction {
	t.Helper()
	for _, in := range f.Instructions {
		if in.StartLine == line {
			return in
		}
	}
	t.Fatalf("no instruction starts on line %d", line)
	return nil
}

func TestEnvBefore(t *testing.T) {
	f := mustParse(t, `ARG GLOBAL=g1
ARG UNUSED=u
ARG NODEFAULT
FROM alpine AS base
ARG GLOBAL
ARG NODEFAULT
ENV HOME_DIR=/srv APP=$HOME_DIR/app
ARG VERSION=1.2
ENV FULL=app-${VERSION}
RUN true
FROM base
ENV APP=/opt/app
RUN true
`)
	type want struct {
		vals map[string]string
		keys []string
	}
	tests := []struct {
		line int
		want want
	}{
		// Before anything of the stage: nothing, the global ARGs included.
		{4, want{map[string]string{}, nil}},
		// A global ARG declared in the stage takes its default; one
		// without a default stays unknown.
		{6, want{map[string]string{"GLOBAL": "g1"}, []string{"GLOBAL"}}},
		// ENV sees the variables set before it on the same line.
		{8, want{map[string]string{"GLOBAL": "g1", "HOME_DIR": "/srv", "APP": "/srv/app"}, []string{"GLOBAL", "HOME_DIR", "APP"}}},
		{10, want{map[string]string{"GLOBAL": "g1", "HOME_DIR": "/srv", "APP": "/srv/app", "VERSION": "1.2", "FULL": "app-1.2"},
			[]string{"GLOBAL", "HOME_DIR", "APP", "VERSION", "FULL"}}},
		// A stage built on another sees all of it; a variable set again
		// keeps its place in the order.
		{13, want{map[string]string{"GLOBAL": "g1", "HOME_DIR": "/srv", "APP": "/opt/app", "VERSION": "1.2", "FULL": "app-1.2"},
			[]string{"GLOBAL", "HOME_DIR", "APP", "VERSION", "FULL"}}},
	}
	for _, tt := range tests {
		env := EnvBefore(instructionAt(t, f, tt.line))
		if len(env.Vals) != len(tt.want.vals) {
			t.Errorf("line %d: %v, want %v", tt.line, env.Vals, tt.want.vals)
		}
		for k, v := range tt.want.vals {
			if got, ok := env.Get(k); !ok || got != v {
				t.Errorf("line %d: %s = %q %v, want %q", tt.line, k, got, ok, v)
			}
		}
		if !slices.Equal(env.Keys(), tt.want.keys) {
			t.Errorf("line %d: keys %v, want %v", tt.line, env.Keys(), tt.want.keys)
		}
	}
	if _, ok := EnvBefore(instructionAt(t, f, 10)).Get("NODEFAULT"); ok {
		t.Error("an ARG without a default anywhere has no known value")
	}
	// The result is shared: Clone gives a copy to change.
	in := instructionAt(t, f, 10)
	c := EnvBefore(in).Clone()
	c.Set("EXTRA", "x")
	if _, ok := EnvBefore(in).Get("EXTRA"); ok || EnvBefore(in) != EnvBefore(in) {
		t.Error("EnvBefore is computed once and Clone does not change it")
	}
}

func TestEnvBeforeUnsetsWhatItCannotExpand(t *testing.T) {
	// An ARG declared without a default after one with a default keeps
	// the value; an ENV whose value does not expand (a bad substitution)
	// makes the variable unknown.
	f := mustParse(t, "FROM alpine\nARG A=1\nARG A\nENV B=${A:?}\nENV B=${A:-x\nRUN true\n")
	if v, ok := EnvBefore(instructionAt(t, f, 5)).Get("B"); !ok || v != "1" {
		t.Errorf("before line 5: B = %q %v, want 1", v, ok)
	}
	env := EnvBefore(instructionAt(t, f, 6))
	if v, ok := env.Get("A"); !ok || v != "1" {
		t.Errorf("A = %q %v, want 1", v, ok)
	}
	if v, ok := env.Get("B"); ok {
		t.Errorf("B = %q, want unknown", v)
	}
}

func TestEnvNonEmpty(t *testing.T) {
	f := mustParse(t, "FROM alpine\nENV EMPTY= FULL=1\nRUN true\n")
	in := instructionAt(t, f, 3)
	if EnvNonEmpty(in, "EMPTY") || !EnvNonEmpty(in, "FULL") || EnvNonEmpty(in, "MISSING") {
		t.Errorf("EnvNonEmpty: EMPTY %v FULL %v MISSING %v", EnvNonEmpty(in, "EMPTY"), EnvNonEmpty(in, "FULL"), EnvNonEmpty(in, "MISSING"))
	}
}

func TestExpandWord(t *testing.T) {
	f := mustParse(t, "ARG BASE=/opt\nFROM alpine\nARG BASE\nENV APP=$BASE/app EMPTY=\nARG LATER\nRUN true\n")
	in := instructionAt(t, f, 6)
	tests := []struct {
		word string
		want string
		ok   bool
	}{
		// No variable: the word as it is, quotes and all.
		{"plain 'word'", "plain 'word'", true},
		{"$APP/data", "/opt/app/data", true},
		{"${BASE}/bin", "/opt/bin", true},
		{"${EMPTY:-fallback}", "fallback", true},
		{"x${EMPTY}y", "xy", true},
		// Unknown variables: no expansion, whatever the modifier.
		{"$LATER", "", false},
		{"${HOME}/x", "", false},
		{"${LATER:-default}", "", false},
		// A quoted $ is still a variable to BuildKit's lexer; an escaped
		// one is not.
		{`"$APP"`, "/opt/app", true},
		{`\$APP`, "$APP", true},
	}
	for _, tt := range tests {
		got, ok := ExpandWord(in, tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ExpandWord(%q) = %q %v, want %q %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
	// The file's escape character escapes the $.
	g := mustParse(t, "# escape=`\nFROM alpine\nENV A=1\nRUN true\n")
	if got, ok := ExpandWord(instructionAt(t, g, 4), "`$A-$A"); got != "$A-1" || !ok {
		t.Errorf("backtick escape: %q %v", got, ok)
	}
}

// Build arguments (--build-arg) give ARGs their values, as in BuildKit's
// dispatchArg: they beat a stage ARG's default and the global value, and
// give one to an ARG without a default; a name no ARG declares stays
// unknown.
func TestExpandWordBuildArgs(t *testing.T) {
	src := "ARG BASE=/opt\nFROM alpine\nARG BASE\nARG VERSION=1.0\nARG NODEFAULT\nENV APP=$BASE/app-$VERSION\nRUN true\n"
	build := parser.Build{Args: map[string]string{"BASE": "/srv", "VERSION": "2.0", "NODEFAULT": "given", "UNDECLARED": "x"}}
	f := parser.ParseFor("Dockerfile", []byte(src), build)
	if f.Err != nil {
		t.Fatal(f.Err)
	}
	in := instructionAt(t, f, 7)
	for word, want := range map[string]string{
		"$APP":       "/srv/app-2.0",
		"$NODEFAULT": "given",
	} {
		if got, ok := ExpandWord(in, word); got != want || !ok {
			t.Errorf("ExpandWord(%q) = %q %v, want %q", word, got, ok, want)
		}
	}
	if got, ok := ExpandWord(in, "$UNDECLARED"); ok {
		t.Errorf("ExpandWord($UNDECLARED) = %q, want unknown: no ARG declares it", got)
	}
	// Without build arguments, the defaults.
	g := mustParse(t, src)
	if got, ok := ExpandWord(instructionAt(t, g, 7), "$APP"); got != "/opt/app-1.0" || !ok {
		t.Errorf("defaults: ExpandWord($APP) = %q %v", got, ok)
	}
	if _, ok := ExpandWord(instructionAt(t, g, 7), "$NODEFAULT"); ok {
		t.Error("defaults: $NODEFAULT is known")
	}
}

// A stage's ARG of a platform ARG, without a default, takes the value of
// the platform built for (BuildKit's defaultArgs are global values);
// undeclared in the stage, it is not set there.
func TestExpandWordPlatformArgs(t *testing.T) {
	src := "FROM alpine\nARG TARGETARCH\nARG TARGETPLATFORM\nRUN true\nFROM alpine\nRUN true\n"
	for _, tt := range []struct {
		build      parser.Build
		arch, plat string
	}{
		{parser.Build{}, "amd64", "linux/amd64"},
		{parser.Build{Platform: mustPlatform(t, "linux/arm/v7")}, "arm", "linux/arm/v7"},
		{parser.Build{Args: map[string]string{"TARGETARCH": "riscv64"}}, "riscv64", "linux/amd64"},
	} {
		f := parser.ParseFor("Dockerfile", []byte(src), tt.build)
		in := instructionAt(t, f, 4)
		if got, ok := ExpandWord(in, "$TARGETARCH $TARGETPLATFORM"); got != tt.arch+" "+tt.plat || !ok {
			t.Errorf("%+v: got %q %v, want %q", tt.build, got, ok, tt.arch+" "+tt.plat)
		}
		if got, ok := ExpandWord(instructionAt(t, f, 6), "$TARGETARCH"); ok {
			t.Errorf("%+v: a stage that does not declare TARGETARCH reads %q", tt.build, got)
		}
	}
}

func mustPlatform(t *testing.T, s string) ocispecs.Platform {
	t.Helper()
	p, err := parser.ParsePlatform(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

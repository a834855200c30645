package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
)

// offlineResolver and allLLBCaps let tests compare a DF rule with
// BuildKit's own DockerfileLint (TestDF302CoversBuildKit): an empty config
// for every image, and every LLB capability a current daemon has.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

var allLLBCaps = pb.Caps.CapSet(pb.Caps.All())

// Every BuildKit check that dflint registers (the ones no DF rule covers)
// is one internal/buildkitcheck runs; else it would never fire.
func TestBuildKitRulesArePorted(t *testing.T) {
	ported := map[string]bool{}
	for _, name := range buildkitcheck.Rules {
		ported[name] = true
	}
	n := 0
	for _, r := range All() {
		if !strings.HasPrefix(r.ID, BuildKitPrefix) {
			continue
		}
		n++
		if !ported[r.Name] {
			t.Errorf("%s is registered but internal/buildkitcheck does not run it: port it from dockerfile2llb, or cover it with a DF rule", r.ID)
		}
	}
	if n == 0 {
		t.Fatal("no BuildKit checks registered")
	}
}

// BuildKit's findings come from the port, at the lines BuildKit names
// (NoEmptyContinuation: the line after the empty one).
func TestBuildKitFindings(t *testing.T) {
	src := "ARG TAG\nFROM alpine${TAGG} AS Build\nRUN echo hi \\\n\n  there\nCOPY $SRC /dst\n"
	e, err := NewEngine(Options{Select: []string{"UndefinedVar", "UndefinedArgInFrom", "StageNameCasing", "NoEmptyContinuation"}})
	if err != nil {
		t.Fatal(err)
	}
	f := parser.Parse("Dockerfile", []byte(src))
	fs, errs := e.Lint(context.Background(), f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, fd := range fs {
		got = append(got, fmt.Sprintf("%d %s %s", fd.Line, fd.Name, fd.Message))
	}
	want := []string{
		"2 StageNameCasing Stage name 'Build' should be lowercase",
		"2 UndefinedArgInFrom FROM argument 'TAGG' is not declared (did you mean TAG?)",
		"5 NoEmptyContinuation Empty continuation line",
		"6 UndefinedVar Usage of undefined variable '$SRC'",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	e, err = NewEngine(Options{Select: []string{"UndefinedVar"}, NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	if fs, _ := e.Lint(context.Background(), f); len(fs) != 0 {
		t.Errorf("NoBuildKit: %v", fs)
	}
}

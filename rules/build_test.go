package rules

import (
	"context"
	"testing"

	"github.com/containerd/platforms"
	imagereg "github.com/dflint/dflint/internal/registry"
	"github.com/dflint/dflint/internal/registry/fakeregistry"
	"github.com/dflint/dflint/parser"
)

// The build (--platform, --build-arg) reaches dflint's rules through the
// FROM lines, and BuildKit's checks as ConvertOpt's TargetPlatform and
// BuildArgs. The file is parsed for the default build, as the runner and
// the fix loop do: the engine resolves it for its own.
func TestBuildReachesRulesAndChecks(t *testing.T) {
	arm64 := platforms.MustParse("linux/arm64")
	lint := func(src string, build parser.Build, ids ...string) []Finding {
		t.Helper()
		return lintOpts(t, src, Options{Select: ids, Today: testToday, Build: build})
	}
	tagged := "ARG TAG=latest\nFROM python:${TAG}\nCMD [\"python\"]\n"
	if n := countRule(lint(tagged, parser.Build{}, "DF102"), "DF102"); n != 1 {
		t.Errorf("DF102 on the default tag: %d findings, want 1", n)
	}
	if fs := lint(tagged, parser.Build{Args: map[string]string{"TAG": "3.12"}}, "DF102"); len(fs) != 0 {
		t.Errorf("DF102 with --build-arg TAG=3.12: %v", fs)
	}

	// The arm64 stage is built on scratch: UndefinedVar then knows
	// APP_ROOT is unset, offline.
	byArch := "FROM scratch AS base-arm64\nFROM alpine:3.20 AS base-amd64\nFROM base-${TARGETARCH}\nCOPY app $APP_ROOT/\n"
	if fs := lint(byArch, parser.Build{}, "UndefinedVar"); len(fs) != 0 {
		t.Errorf("linux/amd64: %v", fs)
	}
	if fs := lint(byArch, parser.Build{Platform: arm64}, "UndefinedVar"); len(fs) != 1 || fs[0].Line != 4 {
		t.Errorf("linux/arm64: %v, want UndefinedVar on line 4", fs)
	}

	// A build argument declares no ARG: UndefinedArgInFrom stays, as in
	// `docker build --check --build-arg VERSION=3.20`.
	undeclared := "FROM alpine:${VERSION}\n"
	if fs := lint(undeclared, parser.Build{Args: map[string]string{"VERSION": "3.20"}}, "UndefinedArgInFrom"); len(fs) != 1 {
		t.Errorf("UndefinedArgInFrom with a build argument: %v, want 1", fs)
	}
	// A stage ARG takes the build argument: no UndefinedVar for the
	// variable its default reads.
	stageArg := "FROM scratch\nARG DIR=$UNSET\nCOPY app $DIR/\n"
	if fs := lint(stageArg, parser.Build{}, "UndefinedVar"); len(fs) != 1 || fs[0].Line != 2 {
		t.Errorf("UndefinedVar in a stage ARG's default: %v, want one on line 2", fs)
	}
	if fs := lint(stageArg, parser.Build{Args: map[string]string{"DIR": "/srv"}}, "UndefinedVar"); len(fs) != 0 {
		t.Errorf("UndefinedVar with --build-arg DIR=/srv: %v", fs)
	}

	// Online, InvalidBaseImagePlatform expects the --platform's images.
	reg := &fakeregistry.Registry{Images: map[string]imagereg.Image{
		"acme/armonly:1": {Config: []byte(`{"os":"linux","architecture":"arm64","rootfs":{"type":"layers","diff_ids":["sha256:0000000000000000000000000000000000000000000000000000000000000000"]}}`)},
	}}
	src := "FROM acme/armonly:1\nCMD [\"/app\"]\n"
	fs, _ := lintOnline(t, src, reg, Options{}, "InvalidBaseImagePlatform")
	if len(fs) != 1 {
		t.Errorf("linux/amd64 against an arm64 image: %v, want InvalidBaseImagePlatform", fs)
	}
	fs, _ = lintOnline(t, src, reg, Options{Build: parser.Build{Platform: arm64}}, "InvalidBaseImagePlatform")
	if len(fs) != 0 {
		t.Errorf("linux/arm64 against an arm64 image: %v", fs)
	}
}

// A file parsed for another build is resolved for the engine's: its
// findings' offsets are the same source's.
func TestEngineParsesForItsBuild(t *testing.T) {
	e, err := NewEngine(Options{Select: []string{"DF102"}, Today: testToday, Build: parser.Build{Args: map[string]string{"TAG": "3.12"}}})
	if err != nil {
		t.Fatal(err)
	}
	f := parser.ParseFor("Dockerfile", []byte("ARG TAG=latest\nFROM python:${TAG}\n"), parser.Build{Args: map[string]string{"TAG": "latest"}})
	fs, errs := e.Lint(context.Background(), f)
	if len(fs) != 0 || len(errs) != 0 {
		t.Errorf("%v %v", fs, errs)
	}
}

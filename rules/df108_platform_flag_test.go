package rules

import (
	"context"
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestDF108PlatformFlag(t *testing.T) {
	runCases(t, "DF108", []ruleCase{
		{name: "constant", src: "FROM --platform=linux/amd64 python:3.12-slim\n", want: 1},
		{name: "constant quoted", src: "FROM --platform=\"linux/arm64\" python:3.12-slim\n", want: 1},
		{name: "constant with variant", src: "FROM --platform=linux/arm/v7 alpine:3.20\n", want: 1},
		{name: "constant in a named stage", src: "FROM --platform=linux/amd64 node:20 AS build\nFROM nginx:1.27\n", want: 1},
		{name: "redundant", src: "FROM --platform=$TARGETPLATFORM alpine:3.20\n", want: 1},
		{name: "redundant braces", src: "FROM --platform=${TARGETPLATFORM} alpine:3.20 AS run\n", want: 1},
		{name: "two stages", src: "FROM --platform=linux/amd64 golang:1.23 AS build\nFROM --platform=$TARGETPLATFORM alpine:3.20\n", want: 2},
		// Must not.
		{name: "no flag", src: "FROM alpine:3.20\n", want: 0},
		{name: "build platform", src: "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n", want: 0},
		{name: "build platform braces", src: "FROM --platform=${BUILDPLATFORM} golang:1.23 AS build\n", want: 0},
		{name: "other variable", src: "ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM alpine:3.20\n", want: 0},
		{name: "stage named for the arch", src: "FROM --platform=linux/arm64 alpine:3.20 AS build-arm64\n", want: 0},
		{name: "stage named for the os", src: "FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS windows\n", want: 0},
		{name: "target platform with a default", src: "ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n", want: 0},
		{name: "target platform with a suffix", src: "FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n", want: 0},
	})
}

// TestDF108ReportsBuildKitOnce: BuildKit's two checks are this rule's, so
// a default run reports each problem once, as DF108.
func TestDF108ReportsBuildKitOnce(t *testing.T) {
	e, err := NewEngine(Options{Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		"FROM --platform=linux/amd64 alpine:3.20\n",
		"FROM --platform=$TARGETPLATFORM alpine:3.20\n",
	} {
		fs, _ := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
		n := 0
		for _, f := range fs {
			if f.RuleID == "DF108" {
				n++
			} else if f.RuleID == "buildkit/FromPlatformFlagConstDisallowed" || f.RuleID == "buildkit/RedundantTargetPlatform" {
				t.Errorf("%q: BuildKit's %s is reported besides DF108", src, f.RuleID)
			}
		}
		if n != 1 {
			t.Errorf("%q: %d DF108 findings, want 1", src, n)
		}
	}
}

// TestDF108PerArchitectureFile: a Dockerfile whose path names the
// architecture is single-platform on purpose (corpus: PowerShell-Docker's
// release/7-4/ubuntu22.04-arm32v7/docker/Dockerfile).
func TestDF108PerArchitectureFile(t *testing.T) {
	src := []byte("FROM --platform=linux/arm/v7 ubuntu:22.04\n")
	e, err := NewEngine(Options{Select: []string{"DF108"}})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{
		"release/7-4/ubuntu22.04-arm32v7/docker/Dockerfile": 0,
		"docker/Dockerfile.arm":                             0,
		"docker/Dockerfile":                                 1,
		"farm/Dockerfile":                                   1,
	} {
		fs, _ := e.Lint(context.Background(), parser.Parse(path, src))
		if got := countRule(fs, "DF108"); got != want {
			t.Errorf("%s: got %d findings, want %d", path, got, want)
		}
	}
	src = []byte("FROM --platform=linux/amd64 ubuntu:22.04\n")
	fs, _ := e.Lint(context.Background(), parser.Parse("x86_64/Dockerfile", src))
	if n := countRule(fs, "DF108"); n != 0 {
		t.Errorf("x86_64/Dockerfile: got %d findings, want 0", n)
	}
}

package parser

import (
	"slices"
	"testing"
)

func stageNames(ss []*Stage) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

func TestChain(t *testing.T) {
	f := mustParse(t, `FROM alpine AS base
RUN a
FROM base AS mid
RUN b
FROM golang AS other
FROM MID AS final
RUN c
FROM later AS early
FROM alpine AS later
`)
	tests := []struct {
		stage int
		want  []string
	}{
		{0, []string{"base"}},
		{1, []string{"base", "mid"}},
		{2, []string{"other"}},
		// Stage names match in any case; the chain is root first.
		{3, []string{"base", "mid", "final"}},
		// FROM names only earlier stages: `later` here is an image.
		{4, []string{"early"}},
	}
	for _, tt := range tests {
		if got := stageNames(f.Stages[tt.stage].Chain()); !slices.Equal(got, tt.want) {
			t.Errorf("stage %d: Chain = %v, want %v", tt.stage, got, tt.want)
		}
	}
}

func TestChainInstructions(t *testing.T) {
	f := mustParse(t, "FROM alpine AS base\nRUN a\nFROM base AS mid\nRUN b\nFROM golang\nRUN x\nFROM mid\nRUN c\nCMD d\n")
	var lines []int
	for in := range f.Stages[3].ChainInstructions() {
		lines = append(lines, in.StartLine)
	}
	// Every instruction of base, mid and the final stage, FROMs included,
	// in build order; not the golang stage's.
	if want := []int{1, 2, 3, 4, 7, 8, 9}; !slices.Equal(lines, want) {
		t.Errorf("lines %v, want %v", lines, want)
	}
	// Stopping early stops the walk.
	lines = nil
	for in := range f.Stages[3].ChainInstructions() {
		lines = append(lines, in.StartLine)
		if in.Name == "run" {
			break
		}
	}
	if want := []int{1, 2}; !slices.Equal(lines, want) {
		t.Errorf("with break: lines %v, want %v", lines, want)
	}
}

// An instruction before any FROM has no stage; rules walk its chain all
// the same (FuzzLint found DF431 doing so on `RUN npm i`).
func TestChainOfNoStage(t *testing.T) {
	f := mustParse(t, "RUN npm i\n")
	in := f.Instructions[0]
	if in.Stage != nil {
		t.Fatalf("an instruction before any FROM has stage %v", in.Stage)
	}
	if chain := in.Stage.Chain(); chain != nil {
		t.Errorf("chain %v, want none", chain)
	}
	for in := range in.Stage.ChainInstructions() {
		t.Errorf("yielded %v", in)
	}
}

// TestStageIndexes checks the per-file indexes that replaced scans of every
// stage: they must find what the scans found.
func TestStageIndexes(t *testing.T) {
	f := mustParse(t, `FROM alpine AS base
FROM base AS mid
FROM golang AS dup
FROM base AS dup
FROM MID AS final
`)
	if s := f.StageByName("DUP", -1); s != f.Stages[2] {
		t.Errorf("StageByName(DUP) = %v, want the first stage of the name", s)
	}
	if s := f.StageByName("final", 4); s != nil {
		t.Errorf("StageByName(final, 4) = %v, want nil: the stage is not before the limit", s)
	}
	for ref, want := range map[string]*Stage{"1": f.Stages[1], "01": nil, "+1": nil, "-0": nil, "4": nil, "mid": f.Stages[1]} {
		if got := f.StageRef(ref, 4); got != want {
			t.Errorf("StageRef(%q, 4) = %v, want %v", ref, got, want)
		}
	}
	if got := stageNames(f.BuiltOn(f.Stages[0])); !slices.Equal(got, []string{"mid", "dup"}) {
		t.Errorf("BuiltOn(base) = %v", got)
	}
	if root := f.Stages[4].RootImage(); root != f.Stages[0] {
		t.Errorf("RootImage(final) = %v, want base", root)
	}
}

// TestFoldBefore checks the per-stage folds against a walk of the chain.
func TestFoldBefore(t *testing.T) {
	f := mustParse(t, `FROM alpine AS base
SHELL ["/bin/bash", "-c"]
RUN a
FROM base AS next
RUN b
SHELL ["/bin/ash", "-c"]
ONBUILD RUN c
RUN d
`)
	lastShell := func(in *Instruction) *Instruction {
		return FoldBefore(in, "test", nil, func(last, x *Instruction) *Instruction {
			if x.Name == "shell" {
				return x
			}
			return last
		})
	}
	isShell := func(x *Instruction) bool { return x.Name == "shell" }
	for _, in := range f.Instructions {
		var want, first *Instruction
		for x := range in.Stage.ChainInstructions() {
			if x.Index >= in.Index {
				break
			}
			if x.Name == "shell" {
				want = x
				if first == nil {
					first = x
				}
			}
		}
		if got := lastShell(in); got != want {
			t.Errorf("line %d: FoldBefore = %v, want %v", in.StartLine, got, want)
		}
		if got := FirstBefore(in, "first", isShell); got != first {
			t.Errorf("line %d: FirstBefore = %v, want %v", in.StartLine, got, first)
		}
		if in.Trigger != nil && lastShell(in.Trigger) != want {
			t.Errorf("line %d: the trigger sees another SHELL than its ONBUILD", in.StartLine)
		}
	}
}

// BuildKit defines the platform ARGs for every FROM; without --platform
// they are the default platform's. The swiftlang/swift-docker buildx files
// end with `FROM base-$TARGETARCH AS final` over stages base-amd64 and
// base-arm64: the final stage is base-amd64's, not an image `base-`.
func TestPlatformArgsInFrom(t *testing.T) {
	tests := []struct {
		name, src  string
		base       string
		baseStage  string // "" for an image
		unresolved []string
	}{
		{
			name:      "stage picked by TARGETARCH",
			src:       "FROM alpine AS base\nFROM base AS base-amd64\nFROM base AS base-arm64\nFROM base-$TARGETARCH AS final\n",
			base:      "base-amd64",
			baseStage: "base-amd64",
		},
		{
			name:      "braces and TARGETOS",
			src:       "FROM alpine AS bin-linux\nFROM bin-${TARGETOS}\n",
			base:      "bin-linux",
			baseStage: "bin-linux",
		},
		{
			name: "image tag from TARGETPLATFORM's parts",
			src:  "FROM busybox:${BUILDOS}-${BUILDARCH}\n",
			base: "busybox:linux-amd64",
		},
		{
			name:      "a global ARG without a value keeps the platform's",
			src:       "ARG TARGETARCH\nFROM alpine AS base-amd64\nFROM base-${TARGETARCH}\n",
			base:      "base-amd64",
			baseStage: "base-amd64",
		},
		{
			name:      "a global ARG default replaces it",
			src:       "ARG TARGETARCH=arm64\nFROM alpine AS base-amd64\nFROM alpine AS base-arm64\nFROM base-${TARGETARCH}\n",
			base:      "base-arm64",
			baseStage: "base-arm64",
		},
		{
			name:      "a variant is empty on amd64",
			src:       "FROM alpine AS base-amd64\nFROM base-${TARGETARCH}${TARGETVARIANT}\n",
			base:      "base-amd64",
			baseStage: "base-amd64",
		},
		{
			name:       "other ARGs without a default stay unresolved",
			src:        "FROM base-$TARGETARCH$FLAVOUR\n",
			base:       "base-amd64",
			unresolved: []string{"FLAVOUR"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.src)
			s := f.FinalStage()
			if s.Base != tt.base {
				t.Errorf("Base = %q, want %q", s.Base, tt.base)
			}
			got := ""
			if s.BaseStage != nil {
				got = s.BaseStage.Name
			}
			if got != tt.baseStage {
				t.Errorf("BaseStage = %q, want %q", got, tt.baseStage)
			}
			if !slices.Equal(s.BaseUnresolved, tt.unresolved) {
				t.Errorf("BaseUnresolved = %v, want %v", s.BaseUnresolved, tt.unresolved)
			}
		})
	}
}

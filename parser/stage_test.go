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

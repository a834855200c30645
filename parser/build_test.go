package parser

import (
	"slices"
	"testing"

	"github.com/containerd/platforms"
)

// A build (--platform, --build-arg) changes what the FROM lines resolve
// to, as in BuildKit's dockerfile2llb.defaultArgs and buildMetaArgs.
func TestParseForBuild(t *testing.T) {
	arm64 := platforms.MustParse("linux/arm64")
	armv7 := platforms.MustParse("linux/arm/v7")
	tests := []struct {
		name, src  string
		build      Build
		base       string
		baseStage  string // "" for an image
		unresolved []string
	}{
		{
			name:      "--platform picks the stage of its architecture",
			src:       "FROM alpine AS base-amd64\nFROM alpine AS base-arm64\nFROM base-$TARGETARCH AS final\n",
			build:     Build{Platform: arm64},
			base:      "base-arm64",
			baseStage: "base-arm64",
		},
		{
			name:  "the variant and the whole platform",
			src:   "FROM busybox:${TARGETARCH}${TARGETVARIANT}-${TARGETPLATFORM}\n",
			build: Build{Platform: armv7},
			base:  "busybox:armv7-linux/arm/v7",
		},
		{
			name:  "the build platform is the target platform: nothing is built elsewhere",
			src:   "FROM busybox:${BUILDARCH}\n",
			build: Build{Platform: arm64},
			base:  "busybox:arm64",
		},
		{
			name:  "without --platform, linux/amd64",
			src:   "FROM busybox:${TARGETARCH}\n",
			build: Build{},
			base:  "busybox:amd64",
		},
		{
			name:  "a build argument replaces a global ARG's default",
			src:   "ARG PY=3.11\nFROM python:${PY}-slim\n",
			build: Build{Args: map[string]string{"PY": "3.13"}},
			base:  "python:3.13-slim",
		},
		{
			name:  "and gives a value to a global ARG without one",
			src:   "ARG PY\nFROM python:${PY}-slim\n",
			build: Build{Args: map[string]string{"PY": "3.13"}},
			base:  "python:3.13-slim",
		},
		{
			name:  "a build argument is not expanded",
			src:   "ARG V=1\nARG TAG=$V\nFROM alpine:${TAG}\n",
			build: Build{Args: map[string]string{"TAG": "$V"}},
			base:  "alpine:$V",
		},
		{
			name:  "an ARG after one given a build argument reads its value",
			src:   "ARG V=1\nARG TAG=3.$V\nFROM alpine:${TAG}\n",
			build: Build{Args: map[string]string{"V": "20"}},
			base:  "alpine:3.20",
		},
		{
			name:       "a build argument no ARG declares changes nothing",
			src:        "FROM python:${PY}-slim\n",
			build:      Build{Args: map[string]string{"PY": "3.13"}},
			base:       "python:-slim",
			unresolved: []string{"PY"},
		},
		{
			name:      "a build argument replaces a platform ARG, declared or not",
			src:       "FROM alpine AS base-amd64\nFROM alpine AS base-arm64\nFROM base-$TARGETARCH\n",
			build:     Build{Args: map[string]string{"TARGETARCH": "arm64"}},
			base:      "base-arm64",
			baseStage: "base-arm64",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ParseFor("Dockerfile", []byte(tt.src), tt.build)
			if f.Err != nil {
				t.Fatal(f.Err)
			}
			if !f.Build.Equal(tt.build) {
				t.Errorf("File.Build = %+v, want %+v", f.Build, tt.build)
			}
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

func TestParsePlatform(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"linux/arm64", "linux/arm64"},
		{" linux/amd64 ", "linux/amd64"},
		{"linux/arm/v7", "linux/arm/v7"},
		{"linux/arm", "linux/arm/v7"},        // containerd's normal form
		{"linux/aarch64", "linux/arm64"},     // an alias
		{"windows/amd64", "windows/amd64"},   // another OS
		{"linux/arm64/v8", "linux/arm64"},    // v8 is arm64's only variant
		{"linux/riscv64", "linux/riscv64"},   // no variant
		{"linux/386", "linux/386"},           // 32-bit x86
		{"linux/ppc64le", "linux/ppc64le"},   // little-endian POWER
		{"linux/s390x", "linux/s390x"},       // IBM Z
		{"darwin/arm64", "darwin/arm64"},     // parsed, though no image runs there
		{"LINUX/ARM64", "linux/arm64"},       // case does not matter
		{"linux/x86_64", "linux/amd64"},      // an alias
		{"linux/arm/v6", "linux/arm/v6"},     // another arm variant
		{"linux/amd64/v3", "linux/amd64/v3"}, // a microarchitecture level
	} {
		p, err := ParsePlatform(tt.in)
		if err != nil {
			t.Errorf("ParsePlatform(%q): %v", tt.in, err)
			continue
		}
		if got := platforms.Format(p); got != tt.want {
			t.Errorf("ParsePlatform(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// Without the OS containerd takes the host's: dflint refuses, so that
	// the answer does not depend on the machine.
	for _, in := range []string{"arm64", "", "linux/", "linux/arm64/v8/x"} {
		if p, err := ParsePlatform(in); err == nil {
			t.Errorf("ParsePlatform(%q) = %s, want an error", in, platforms.Format(p))
		}
	}
}

// The zero Build is the default one; two builds are equal when they
// resolve files the same way.
func TestBuildEqual(t *testing.T) {
	amd64 := platforms.MustParse(DefaultTargetPlatform)
	if !(Build{}).Equal(Build{Platform: amd64}) {
		t.Error("the zero Build and linux/amd64 differ")
	}
	if !(Build{}).Equal(Build{Args: map[string]string{}}) {
		t.Error("no build arguments and an empty map differ")
	}
	if (Build{}).Equal(Build{Platform: platforms.MustParse("linux/arm64")}) {
		t.Error("linux/amd64 and linux/arm64 are equal")
	}
	if (Build{}).Equal(Build{Args: map[string]string{"A": ""}}) {
		t.Error("an empty build argument is no build argument")
	}
}

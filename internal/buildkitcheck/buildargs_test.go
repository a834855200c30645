package buildkitcheck_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/containerd/platforms"
	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// The ground of BuildKit's check tests that pass build arguments or a
// platform (frontend/dockerfile/dockerfile_check_test.go, v0.34.2), with
// dflint's own files: each case states what BuildKit reports, and the
// port must say it and agree with DockerfileLint.
func TestBuildArgsAndPlatformCases(t *testing.T) {
	arm64 := platforms.MustParse("linux/arm64")
	amd64 := platforms.MustParse("linux/amd64")
	tests := []struct {
		name   string
		src    string
		args   map[string]string
		target *ocispecs.Platform
		images singlePlatformImages // nil: offline
		want   []string             // "line Rule: message"
	}{
		// testInvalidDefaultArgInFrom: the check judges the defaults, so a
		// build argument does not silence it…
		{
			name: "ARG without a default in the tag",
			src:  "ARG TAG\nFROM alpine:$TAG\n",
			args: map[string]string{"TAG": "3.20"},
			want: []string{"2 InvalidDefaultArgInFrom: Default value for ARG alpine:$TAG results in empty or invalid base image name"},
		},
		{
			name: "ARG without a default as the whole base",
			src:  "ARG BASE\nFROM $BASE\n",
			args: map[string]string{"BASE": "alpine:3.20"},
			want: []string{"2 InvalidDefaultArgInFrom: Default value for ARG $BASE results in empty or invalid base image name"},
		},
		{
			name: "a default that leaves the tag empty",
			src:  "ARG SUFFIX=\"ine:\"\nFROM alp${SUFFIX}\n",
			args: map[string]string{"SUFFIX": "ine:3.20"},
			want: []string{"2 InvalidDefaultArgInFrom: Default value for ARG alp${SUFFIX} results in empty or invalid base image name"},
		},
		// …and a valid default stays valid whatever the argument.
		{
			name: "a valid default",
			src:  "ARG TAG=\"3.20\"\nFROM alpine:${TAG}\n",
			args: map[string]string{"TAG": "3.19"},
		},
		{
			name: "an empty default that is optional",
			src:  "ARG VARIANT=\"\"\nFROM alpine:3.20${VARIANT}\n",
			args: map[string]string{"VARIANT": "-x"},
		},
		{
			name: "no default, optional part",
			src:  "ARG VARIANT\nFROM alpine:3.20${VARIANT}\n",
			args: map[string]string{"VARIANT": "-x"},
		},
		// testUndeclaredArg: a build argument declares no ARG, and the
		// base is judged without it.
		{
			name: "build argument without an ARG",
			src:  "FROM alpine:${TAG}\n",
			args: map[string]string{"TAG": "3.20"},
			want: []string{
				"1 InvalidDefaultArgInFrom: Default value for ARG alpine:${TAG} results in empty or invalid base image name",
				"1 UndefinedArgInFrom: FROM argument 'TAG' is not declared",
			},
		},
		// testUnmatchedVars: a stage ARG takes the build argument, so its
		// default, which reads an undefined variable, is not expanded.
		{
			name: "stage ARG given a build argument",
			src:  "FROM scratch\nARG DIR=$UNSET\nCOPY app $DIR/\n",
			args: map[string]string{"DIR": "/srv"},
		},
		{
			name: "stage ARG left to its default",
			src:  "FROM scratch\nARG DIR=$UNSET\nCOPY app $DIR/\n",
			args: map[string]string{"OTHER": "/srv"},
			want: []string{"2 UndefinedVar: Usage of undefined variable '$UNSET'"},
		},
		// testBaseImagePlatformMismatch: the image's platform against the
		// target's.
		{
			name:   "arm64 image, amd64 target",
			src:    "FROM acme/armonly:1\nENV foo=bar\n",
			target: &amd64,
			images: singlePlatformImages{"docker.io/acme/armonly:1": arm64},
			want:   []string{`1 InvalidBaseImagePlatform: Base image acme/armonly:1 was pulled with platform "linux/arm64", expected "linux/amd64" for current build`},
		},
		{
			name:   "arm64 image, arm64 target",
			src:    "FROM acme/armonly:1\nENV foo=bar\n",
			target: &arm64,
			images: singlePlatformImages{"docker.io/acme/armonly:1": arm64},
		},
		{
			name:   "a build argument names the image",
			src:    "ARG IMAGE=alpine:3.20\nFROM ${IMAGE}\n",
			args:   map[string]string{"IMAGE": "acme/armonly:1"},
			target: &amd64,
			images: singlePlatformImages{"docker.io/acme/armonly:1": arm64, "docker.io/library/alpine:3.20": amd64},
			want:   []string{`2 InvalidBaseImagePlatform: Base image acme/armonly:1 was pulled with platform "linux/arm64", expected "linux/amd64" for current build`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := buildkitcheck.Options{BuildArgs: tt.args, TargetPlatform: tt.target}
			var resolver sourceresolver.ImageMetaResolver = offlineResolver{}
			if tt.images != nil {
				opts.Images, resolver = tt.images.Images, tt.images
			}
			f := parser.Parse("Dockerfile", []byte(tt.src))
			res := buildkitcheck.Check(f, opts)
			var got []string
			for _, w := range res.Warnings {
				line := 0
				if len(w.Location) > 0 {
					line = w.Location[0].Start.Line
				}
				got = append(got, fmt.Sprintf("%d %s: %s", line, w.Rule, w.Message))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("port:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			var st parityStats
			compare(t, tt.name, []byte(tt.src), opts, resolver, &st)
		})
	}
}

// singlePlatformImages serve each image for one platform, whatever is
// asked: a base pushed for one architecture only.
type singlePlatformImages map[string]ocispecs.Platform

func (s singlePlatformImages) config(ref string) []byte {
	p, ok := s[ref]
	if !ok {
		return []byte("{}")
	}
	return fmt.Appendf(nil, `{"os":%q,"architecture":%q,"rootfs":{"type":"layers","diff_ids":["sha256:%064x"]}}`, p.OS, p.Architecture, 1)
}

func (s singlePlatformImages) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", s.config(ref), nil
}

func (s singlePlatformImages) Images(ref string, _ ocispecs.Platform) ([]byte, bool) {
	return s.config(ref), true
}

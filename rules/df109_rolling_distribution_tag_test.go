package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestDF109RollingDistributionTag(t *testing.T) {
	runCases(t, "DF109", []ruleCase{
		{name: "alpine edge", src: "FROM alpine:edge\n", want: 1},
		{name: "debian sid slim", src: "FROM debian:sid-slim\n", want: 1},
		{name: "debian unstable", src: "FROM debian:unstable\n", want: 1},
		{name: "debian testing", src: "FROM debian:testing AS build\n", want: 1},
		{name: "debian experimental", src: "FROM debian:experimental\n", want: 1},
		{name: "ubuntu devel", src: "FROM ubuntu:devel\n", want: 1},
		{name: "ubuntu rolling", src: "FROM ubuntu:rolling\n", want: 1},
		{name: "fedora rawhide", src: "FROM fedora:rawhide\n", want: 1},
		{name: "fedora registry", src: "FROM registry.fedoraproject.org/fedora:rawhide\n", want: 1},
		{name: "mirror", src: "FROM public.ecr.aws/docker/library/alpine:edge\n", want: 1},
		{name: "arm repository of the official image", src: "FROM arm32v7/alpine:edge\n", want: 1},
		{name: "look-alike under another name: not known to follow edge", src: "FROM easypi/alpine-arm:edge\n", want: 0},
		{name: "tag from ARG default", src: "ARG SUITE=sid\nFROM debian:${SUITE}-slim\n", want: 1},
		{name: "every stage", src: "FROM alpine:edge AS a\nFROM debian:sid\n", want: 2},
		{name: "dated snapshot does not move", src: "FROM debian:sid-20260810-slim\n", want: 0},
		{name: "codename of testing names a release", src: "FROM debian:forky\n", want: 0},
		{name: "release", src: "FROM alpine:3.23\n", want: 0},
		{name: "debian release", src: "FROM debian:trixie-slim\n", want: 0},
		{name: "latest is DF102", src: "FROM alpine:latest\n", want: 0},
		{name: "untagged is DF101", src: "FROM alpine\n", want: 0},
		{name: "pinned by digest", src: "FROM alpine:edge@sha256:4f3f6f2c1b5e0e4e2a1d9b0cbb4c2a8fb3b8f1a0d7f8a9e6c5b4d3c2b1a0f9e8\n", want: 0},
		{name: "edge of another image", src: "FROM minio/minio:edge\n", want: 0},
		{name: "python image with a sid-like word", src: "FROM python:3.14-slim-trixie\n", want: 0},
		{name: "ARG without default", src: "ARG TAG\nFROM alpine:${TAG}\n", want: 0},
		{name: "stage named edge", src: "FROM alpine:3.23 AS edge\nFROM edge\n", want: 0},
		{name: "stage named for the branch: deliberate", src: "FROM debian:sid AS test-sid\n", want: 0},
		{name: "stage name merely containing the word", src: "FROM debian:sid AS considerate\n", want: 1},
	})
}

// A Dockerfile kept per release in a CI matrix targets the branch on
// purpose (swift-docker's swift-ci/…/fedora/rawhide/Dockerfile).
func TestDF109PathNamesTheBranch(t *testing.T) {
	e, err := NewEngine(Options{Select: []string{"DF109"}, Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{
		"swift-ci/6.4.x/fedora/rawhide/Dockerfile": 0,
		"docker/Dockerfile.edge":                   0,
		"images/alpine-edge/Dockerfile":            0,
		"ledger/Dockerfile":                        1,
		"app/Dockerfile":                           1,
	} {
		src := []byte("FROM alpine:edge\n")
		if strings.Contains(path, "rawhide") {
			src = []byte("FROM fedora:rawhide\n")
		}
		fs, _ := e.Lint(context.Background(), parser.Parse(path, src))
		if len(fs) != want {
			t.Errorf("%s: got %d findings, want %d", path, len(fs), want)
		}
	}
}

func TestDF109Message(t *testing.T) {
	tests := []struct{ src, want string }{
		{"FROM alpine:edge\n", "`alpine:edge` follows Alpine edge, the development branch: it changes under the same tag, and a build can break with no change in this repository; name a release: `alpine:3.24`"},
		{"FROM debian:sid-slim\n", "name a release: `debian:trixie-slim`"},
		{"FROM fedora:rawhide\n", "name a release: `fedora:44`"},
		{"FROM arm32v7/alpine:edge\n", "name a release, such as alpine 3.24"},
		{"ARG SUITE=sid\nFROM debian:${SUITE}\n", "`debian:${SUITE}` expands to `debian:sid`, which follows Debian unstable (sid)"},
	}
	for _, tt := range tests {
		fs := lintWith(t, tt.src, "DF109")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, tt.want) {
			t.Errorf("%q: got %+v, want a message with %q", tt.src, fs, tt.want)
		}
	}
}

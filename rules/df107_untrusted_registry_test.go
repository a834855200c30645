package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

// lintTrusted lints src with DF107 and the given trusted registries.
func lintTrusted(t *testing.T, src string, trusted ...string) int {
	t.Helper()
	e, err := NewEngine(Options{Select: []string{"DF107"}, TrustedRegistries: trusted, Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	for _, err := range errs {
		t.Error(err)
	}
	return countRule(fs, "DF107")
}

func TestDF107UntrustedRegistry(t *testing.T) {
	cases := []struct {
		name    string
		src     string
		trusted []string
		want    int
	}{
		{"hub image, hub not trusted", "FROM python:3.12-slim\n", []string{"registry.example.com"}, 1},
		{"hub image, hub trusted", "FROM python:3.12-slim\n", []string{"docker.io"}, 0},
		{"hub image, hadolint's spelling", "FROM python:3.12-slim\n", []string{"hub.docker.com"}, 0},
		{"explicit docker.io", "FROM docker.io/library/python:3.12-slim\n", []string{"registry.example.com"}, 1},
		{"official images only: official", "FROM python:3.12-slim\n", []string{"docker.io/library"}, 0},
		{"official images only: user image", "FROM bitnami/redis:7.2\n", []string{"docker.io/library"}, 1},
		{"trusted host", "FROM registry.example.com/python:3.12-slim\n", []string{"registry.example.com"}, 0},
		{"host is case-insensitive", "FROM Registry.Example.com/python:3.12-slim\n", []string{"registry.example.com"}, 0},
		{"host with port", "FROM registry.example.com:5000/app:1\n", []string{"registry.example.com:5000"}, 0},
		{"port differs", "FROM registry.example.com:5001/app:1\n", []string{"registry.example.com:5000"}, 1},
		{"wildcard subdomain", "FROM eu.registry.example.com/app:1\n", []string{"*.example.com"}, 0},
		{"wildcard does not match a lookalike", "FROM evilexample.com/app:1\n", []string{"*.example.com"}, 1},
		{"path prefix", "FROM ghcr.io/my-org/app:1\n", []string{"ghcr.io/my-org"}, 0},
		{"path prefix is a whole element", "FROM ghcr.io/my-org-evil/app:1\n", []string{"ghcr.io/my-org"}, 1},
		{"scheme and slash tolerated", "FROM ghcr.io/my-org/app:1\n", []string{"https://ghcr.io/"}, 0},
		{"several stages", "FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /a /a\n", []string{"gcr.io"}, 1},
		{"stage reference", "FROM registry.example.com/golang:1.23 AS build\nFROM build\n", []string{"registry.example.com"}, 0},
		{"scratch", "FROM registry.example.com/golang:1.23 AS build\nFROM scratch\nCOPY --from=build /a /a\n", []string{"registry.example.com"}, 0},
		{"ARG default expanded", "ARG REG=quay.io\nFROM ${REG}/app:1\n", []string{"registry.example.com"}, 1},
		{"ARG default trusted", "ARG REG=registry.example.com\nFROM ${REG}/app:1\n", []string{"registry.example.com"}, 0},
		{"ARG without default", "ARG REG\nFROM ${REG}/app:1\n", []string{"registry.example.com"}, 0},
		{"COPY --from image", "FROM registry.example.com/alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n", []string{"registry.example.com"}, 1},
		{"COPY --from trusted image", "FROM registry.example.com/alpine:3.20\nCOPY --from=registry.example.com/nginx:1.27 /etc/nginx /etc/nginx\n", []string{"registry.example.com"}, 0},
		{"COPY --from stage", "FROM registry.example.com/alpine:3.20 AS a\nFROM registry.example.com/alpine:3.20\nCOPY --from=a /x /x\n", []string{"registry.example.com"}, 0},
		{"COPY --from stage index", "FROM registry.example.com/alpine:3.20\nFROM registry.example.com/alpine:3.20\nCOPY --from=0 /x /x\n", []string{"registry.example.com"}, 0},
		{"lower-case", "from python:3.12-slim\n", []string{"registry.example.com"}, 1},
		{"continuation", "FROM \\\n    # base\n    python:3.12-slim \\\n    AS app\n", []string{"registry.example.com"}, 1},
		{"nothing configured", "FROM python:3.12-slim\nCOPY --from=nginx:1.27 /a /a\n", nil, 0},
		// hadolint's patterns (DL3026Spec: "*", "*.random.com").
		{"star trusts every registry", "FROM ubuntu:18.04 AS a\nFROM zemanlx/ubuntu:18.04 AS b\nFROM quay.io/x/y:1\n", []string{"*"}, 0},
		{"star trusts COPY --from images", "FROM ghcr.io/a/b:1\nCOPY --from=nginx:1.27 /a /a\n", []string{"*"}, 0},
		{"leading star without dot is a suffix", "FROM myregistry.example.com/app:1\n", []string{"*registry.example.com"}, 0},
		{"leading star suffix still has to match", "FROM registry.example.org/app:1\n", []string{"*.example.com"}, 1},
		{"trailing star is a prefix", "FROM registry.example.com:5000/app:1\n", []string{"registry.*"}, 0},
		{"trailing star prefix still has to match", "FROM quay.io/app:1\n", []string{"registry.*"}, 1},
		{"trailing star matches Docker Hub's names", "FROM python:3.12-slim\n", []string{"hub.*"}, 0},
		{"star with a path prefix", "FROM ghcr.io/my-org/app:1\nFROM quay.io/other/app:1\n", []string{"*/my-org"}, 1},
		{"three hub images untrusted", "FROM ubuntu:18.04 AS a\nFROM zemanlx/ubuntu:18.04 AS b\nFROM docker.io/zemanlx/ubuntu:18.04 AS c\n", []string{"trusted.com"}, 3},
		// RUN --mount from= (DL3026Spec: bind and cache mounts).
		{"bind mount from untrusted image", "FROM trusted.com/base:1\nRUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo make\n", []string{"trusted.com"}, 1},
		{"cache mount from untrusted image", "FROM trusted.com/base:1\nRUN --mount=type=cache,from=untrusted.com/repo/image:tag,target=/foo make\n", []string{"trusted.com"}, 1},
		{"default mount type from Docker Hub", "FROM trusted.com/base:1\nRUN --mount=from=golang:1.23,target=/go make\n", []string{"trusted.com"}, 1},
		{"tmpfs mount from= still pulls", "FROM trusted.com/base:1\nRUN --mount=type=tmpfs,from=alpine:3.20,target=/t make\n", []string{"trusted.com"}, 1},
		{"bind mount from trusted image", "FROM trusted.com/base:1\nRUN --mount=type=bind,from=trusted.com/repo/image:tag,target=/foo make\n", []string{"trusted.com"}, 0},
		{"cache mount from trusted image", "FROM trusted.com/base:1\nRUN --mount=type=cache,from=trusted.com/repo/image:tag,target=/foo make\n", []string{"trusted.com"}, 0},
		{"mount from a stage", "FROM trusted.com/base:1 AS deps\nFROM trusted.com/base:1\nRUN --mount=type=bind,from=deps,target=/deps make\n", []string{"trusted.com"}, 0},
		{"mount from a stage index", "FROM trusted.com/base:1\nFROM trusted.com/base:1\nRUN --mount=type=bind,from=0,target=/deps make\n", []string{"trusted.com"}, 0},
		{"mount without from", "FROM trusted.com/base:1\nRUN --mount=type=cache,target=/root/.cache make\n", []string{"trusted.com"}, 0},
		{"mount from scratch", "FROM trusted.com/base:1\nRUN --mount=type=bind,from=scratch,target=/x make\n", []string{"trusted.com"}, 0},
		{"two mounts, one untrusted", "FROM trusted.com/base:1\nRUN --mount=type=cache,target=/c --mount=type=bind,from=quay.io/x/y:1,target=/y make\n", []string{"trusted.com"}, 1},
		// A variable in a mount's from= is a BuildKit parse error ("define
		// alias stage instead"): DF001's, not DF107's.
		{"mount from a variable", "ARG TOOLS=quay.io/x/tools:1\nFROM trusted.com/base:1\nRUN --mount=type=bind,from=${TOOLS},target=/t make\n", []string{"trusted.com"}, 0},
		{"mount lower-case run", "FROM trusted.com/base:1\nrun --mount=type=bind,from=quay.io/x/y:1,target=/y make\n", []string{"trusted.com"}, 1},
		{"mount continuation", "FROM trusted.com/base:1\nRUN --mount=type=bind,from=quay.io/x/y:1,target=/y \\\n    make\n", []string{"trusted.com"}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lintTrusted(t, c.src, c.trusted...); got != c.want {
				t.Errorf("trusted %v: got %d findings, want %d\n%s", c.trusted, got, c.want, c.src)
			}
		})
	}
}

// TestDF107MountRange checks that a RUN --mount finding points at the mount
// flag, so that an editor underlines what to change.
func TestDF107MountRange(t *testing.T) {
	src := "FROM trusted.com/base:1\nRUN --mount=type=cache,target=/c --mount=type=bind,from=quay.io/x/y:1,target=/y make\n"
	e, err := NewEngine(Options{Select: []string{"DF107"}, TrustedRegistries: []string{"trusted.com"}, Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1", len(fs))
	}
	if got, want := src[fs[0].Start:fs[0].End], "--mount=type=bind,from=quay.io/x/y:1,target=/y"; got != want {
		t.Errorf("finding covers %q, want %q", got, want)
	}
	if !strings.Contains(fs[0].Message, "RUN --mount pulls") || !strings.Contains(fs[0].Message, "quay.io") {
		t.Errorf("message %q does not say which mount and registry", fs[0].Message)
	}
}

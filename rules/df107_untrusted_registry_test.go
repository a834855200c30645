package rules

import (
	"context"
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
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lintTrusted(t, c.src, c.trusted...); got != c.want {
				t.Errorf("trusted %v: got %d findings, want %d\n%s", c.trusted, got, c.want, c.src)
			}
		})
	}
}

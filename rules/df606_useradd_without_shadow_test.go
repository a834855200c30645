package rules

import (
	"strings"
	"testing"
)

func TestDF606UseraddWithoutShadow(t *testing.T) {
	runCases(t, "DF606", []ruleCase{
		{name: "useradd on alpine", src: "FROM alpine:3.20\nRUN useradd -m app\n", want: 1, onbuild: true},
		{name: "groupadd and useradd", src: "FROM alpine:3.20\nRUN groupadd -g 1000 app && useradd -u 1000 -g app app\n", want: 2},
		{name: "usermod on alpine tag", src: "FROM node:22-alpine\nRUN usermod -aG audio node\n", want: 1},
		{name: "useradd on wolfi", src: "FROM cgr.dev/chainguard/wolfi-base\nRUN useradd app\n", want: 1},
		{name: "useradd on busybox", src: "FROM busybox:1.36\nRUN useradd app\n", want: 1},
		{name: "shadow installed in a later RUN", src: "FROM alpine:3.20\nRUN useradd app\nRUN apk add shadow\n", want: 1},
		{name: "adduser -D on debian", src: "FROM debian:bookworm-slim\nRUN adduser -D app\n", want: 1, onbuild: true},
		{name: "adduser -S on ubuntu", src: "FROM ubuntu:24.04\nRUN addgroup -S app && adduser -S -G app app\n", want: 2},
		{name: "adduser cluster on python", src: "FROM python:3.12-slim\nRUN adduser -DH -u 1000 app\n", want: 1},
		{name: "adduser -D on ubi", src: "FROM registry.access.redhat.com/ubi9/ubi\nRUN adduser -D app\n", want: 1},

		{name: "adduser on alpine", src: "FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D -G app app\n", want: 0, onbuild: true},
		{name: "useradd on debian", src: "FROM debian:bookworm-slim\nRUN useradd -m app\n", want: 0},
		{name: "debian adduser", src: "FROM debian:bookworm-slim\nRUN adduser --disabled-password --gecos '' app\n", want: 0},
		{name: "debian adduser system", src: "FROM debian:bookworm-slim\nRUN adduser --system --group app\n", want: 0},
		{name: "shadow installed first", src: "FROM alpine:3.20\nRUN apk add --no-cache shadow && useradd -m app\n", want: 0},
		{name: "shadow installed in an earlier RUN", src: "FROM alpine:3.20\nRUN apk add shadow=4.15.1-r0\nRUN useradd app\n", want: 0},
		{name: "shadow in a base stage", src: "FROM alpine:3.20 AS base\nRUN apk add shadow\nFROM base\nRUN useradd app\n", want: 0},
		{name: "fallback", src: "FROM alpine:3.20\nRUN useradd app || adduser -D app\n", want: 0},
		{name: "guarded", src: "FROM alpine:3.20\nRUN if command -v useradd; then useradd app; else adduser -D app; fi\n", want: 0},
		{name: "unknown image", src: "FROM example.com/team/base:1\nRUN useradd app\n", want: 0},
		{name: "distroless has no user tools at all", src: "FROM gcr.io/distroless/base-debian12\nRUN useradd app\n", want: 0},
	})
}

func TestDF606Message(t *testing.T) {
	tests := []struct{ src, want string }{
		{"FROM alpine:3.20\nRUN useradd app\n", "`adduser -D [-u UID]"},
		{"FROM alpine:3.20\nRUN useradd app\n", "`apk add --no-cache shadow`"},
		{"FROM busybox:1.36\nRUN groupadd app\n", "`addgroup [-g GID] [-S] NAME`"},
		{"FROM debian:bookworm\nRUN adduser -D app\n", "`adduser --disabled-password --gecos '' NAME`"},
	}
	for _, tt := range tests {
		fs := lintWith(t, tt.src, "DF606")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, tt.want) {
			t.Errorf("%q: got %+v, want a message with %q", tt.src, fs, tt.want)
		}
	}
	fs := lintWith(t, "FROM busybox:1.36\nRUN useradd app\n", "DF606")
	if len(fs) != 1 || strings.Contains(fs[0].Message, "apk add") {
		t.Errorf("busybox has no apk to install shadow with: %+v", fs)
	}
}

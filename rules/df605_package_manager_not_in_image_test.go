package rules

import (
	"strings"
	"testing"
)

func TestDF605PackageManagerNotInImage(t *testing.T) {
	runCases(t, "DF605", []ruleCase{
		{name: "apt-get on alpine", src: "FROM alpine:3.20\nRUN apt-get update && apt-get install -y curl\n", want: 1, onbuild: true},
		{name: "apt on alpine tag of a language image", src: "FROM python:3.12-alpine\nRUN apt install -y curl\n", want: 1},
		{name: "apk on debian", src: "FROM debian:bookworm-slim\nRUN apk add --no-cache curl\n", want: 1, onbuild: true},
		{name: "apk on ubuntu", src: "FROM ubuntu:24.04\nRUN apk add curl\n", want: 1},
		{name: "apk on rhel", src: "FROM registry.access.redhat.com/ubi9/ubi\nRUN apk add curl\n", want: 1},
		{name: "dnf on ubi-minimal", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN dnf install -y curl\n", want: 1},
		{name: "yum on ubi-minimal", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN yum install -y curl\n", want: 1},
		{name: "apt-get on wolfi", src: "FROM cgr.dev/chainguard/wolfi-base\nRUN apt-get install -y curl\n", want: 1},
		{name: "apk on chainguard runtime", src: "FROM cgr.dev/chainguard/python:latest\nRUN apk add curl\n", want: 1},
		{name: "apt-get on distroless", src: "FROM gcr.io/distroless/base-debian12\nRUN apt-get install -y curl\n", want: 1},
		{name: "apk on busybox", src: "FROM busybox:1.36\nRUN apk add curl\n", want: 1},
		{name: "through sudo", src: "FROM alpine:3.20\nRUN sudo apt-get install -y curl\n", want: 1},
		{name: "sh -c", src: "FROM alpine:3.20\nRUN sh -c 'apt-get install -y curl'\n", want: 1},
		{name: "stage built on another", src: "FROM alpine:3.20 AS base\nFROM base\nRUN apt-get install -y curl\n", want: 1},
		{name: "one finding per RUN and manager", src: "FROM alpine:3.20\nRUN apt-get update && apt-get install -y curl && apt-get clean\n", want: 1},
		{name: "heredoc", src: "FROM alpine:3.20\nRUN <<EOF\napt-get install -y curl\nEOF\n", want: 1, noVariants: true},

		{name: "apk on alpine", src: "FROM alpine:3.20\nRUN apk add --no-cache curl\n", want: 0, onbuild: true},
		{name: "apt-get on debian", src: "FROM debian:bookworm\nRUN apt-get install -y curl\n", want: 0},
		{name: "apk on chainguard dev", src: "FROM cgr.dev/chainguard/python:latest-dev\nRUN apk add curl\n", want: 0},
		{name: "microdnf on ubi-minimal", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y curl\n", want: 0},
		{name: "yum on ubi", src: "FROM registry.access.redhat.com/ubi9/ubi\nRUN yum install -y curl\n", want: 0},
		{name: "unknown image", src: "FROM example.com/team/base:1\nRUN apt-get install -y curl\n", want: 0},
		{name: "unresolved base", src: "ARG BASE\nFROM $BASE\nRUN apt-get install -y curl\n", want: 0},
		{name: "command -v guard", src: "FROM alpine:3.20\nRUN command -v apt-get && apt-get install -y curl\n", want: 0},
		{name: "which guard", src: "FROM alpine:3.20\nRUN which apt-get >/dev/null && apt-get install -y curl\n", want: 0},
		{name: "if guard", src: "FROM alpine:3.20\nRUN if command -v apt-get; then apt-get install -y curl; else apk add curl; fi\n", want: 0},
		{name: "release file guard", src: "FROM alpine:3.20\nRUN [ -f /etc/debian_version ] && apt-get install -y curl\n", want: 0},
		{name: "alternatives", src: "FROM alpine:3.20\nRUN apk add curl || apt-get install -y curl\n", want: 0},
		{name: "or true", src: "FROM alpine:3.20\nRUN apt-get install -y curl || true\n", want: 0},
		{name: "case on distribution", src: "FROM alpine:3.20\nRUN case \"$ID\" in debian) apt-get install -y curl;; esac\n", want: 0},
		{name: "sh -c guarded outside", src: "FROM alpine:3.20\nRUN sh -c 'apt-get install -y curl' || true\n", want: 0},
		{name: "manager installed first", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y dnf\nRUN dnf install -y curl\n", want: 0},
		{name: "manager copied in", src: "FROM busybox:1.36\nCOPY --from=alpine:3.20 /sbin/apk /sbin/apk\nRUN apk add curl\n", want: 0},
		{name: "tool from elsewhere", src: "FROM busybox:1.36\nRUN /tmp/apk.static add curl && /mnt/sbin/apk add curl\n", want: 0},
		{name: "other stage", src: "FROM debian:bookworm AS build\nRUN apt-get install -y curl\nFROM alpine:3.20\nRUN apk add curl\n", want: 0},
		{name: "tag names another distribution than the data", src: "FROM openjdk:8-alpine\nRUN apk add curl\n", want: 0},
		{name: "azurelinux tag of a debian family", src: "FROM mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0\nRUN tdnf install -y curl\n", want: 0},
		{name: "digest without tag", src: "FROM mcr.microsoft.com/devcontainers/base@sha256:0dd988931313673ac1f24900de5184b560c9bcc144ce57bdfdaf01110e9f5286\nRUN apk add curl\n", want: 0},
		{name: "tag and digest", src: "FROM alpine:3.20@sha256:0dd988931313673ac1f24900de5184b560c9bcc144ce57bdfdaf01110e9f5286\nRUN apt-get install -y curl\n", want: 1},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get install curl\n", want: 0},
	})
}

func TestDF605Message(t *testing.T) {
	tests := []struct{ src, want string }{
		{"FROM alpine:3.20\nRUN apt-get install -y curl\n", "`apt-get` is not in alpine:3.20 (Alpine): its package manager is apk; install with `apk add --no-cache …`, using Alpine package names"},
		{"FROM cgr.dev/chainguard/python:latest\nRUN apk add curl\n", "`:latest-dev`"},
		{"FROM gcr.io/distroless/base-debian12\nRUN apt-get install -y curl\n", "install in a build stage and COPY"},
	}
	for _, tt := range tests {
		fs := lintWith(t, tt.src, "DF605")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, tt.want) {
			t.Errorf("%q: got %+v, want a message with %q", tt.src, fs, tt.want)
		}
	}
}

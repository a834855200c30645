package rules

import (
	"strings"
	"testing"
)

func TestDF607PackageNotInDistribution(t *testing.T) {
	runCases(t, "DF607", []ruleCase{
		{name: "debian name on alpine", src: "FROM alpine:3.20\nRUN apk add --no-cache libcurl4\n", want: 1, onbuild: true},
		{name: "debian names on alpine", src: "FROM alpine:3.20\nRUN apk add --no-cache build-essential libssl-dev curl\n", want: 2},
		{name: "alpine name on wolfi", src: "FROM cgr.dev/chainguard/wolfi-base\nRUN apk add libcurl\n", want: 1},
		{name: "g++ on wolfi", src: "FROM cgr.dev/chainguard/python:latest-dev\nRUN apk add g++\n", want: 1},
		{name: "alpine name on debian", src: "FROM debian:bookworm-slim\nRUN apt-get install -y build-base\n", want: 1, onbuild: true},
		{name: "rhel name on ubuntu", src: "FROM ubuntu:24.04\nRUN apt-get install -y openssl-devel\n", want: 1},
		{name: "versioned", src: "FROM alpine:3.20\nRUN apk add libcurl4=7.88.1\n", want: 1},
		{name: "virtual group", src: "FROM alpine:3.20\nRUN apk add --virtual .build-deps build-essential\n", want: 1},
		{name: "apt with release", src: "FROM debian:bookworm\nRUN apt-get install -y -t bookworm-backports zlib-dev\n", want: 1},

		{name: "alpine names on alpine", src: "FROM alpine:3.20\nRUN apk add --no-cache build-base openssl-dev libcurl g++ gcc\n", want: 0, onbuild: true},
		{name: "debian names on debian", src: "FROM debian:bookworm\nRUN apt-get install -y build-essential libssl-dev gcc musl-dev\n", want: 0},
		{name: "wolfi names on wolfi", src: "FROM cgr.dev/chainguard/wolfi-base\nRUN apk add libcurl-openssl4 gcc glibc-dev\n", want: 0},
		{name: "name the table does not know", src: "FROM alpine:3.20\nRUN apk add some-package\n", want: 0},
		{name: "not judged where the entry has no name", src: "FROM cgr.dev/chainguard/wolfi-base\nRUN apk add python3-devel\n", want: 0},
		{name: "manager the image lacks is DF605's", src: "FROM alpine:3.20\nRUN apt-get install -y libcurl4\n", want: 0},
		{name: "unknown image", src: "FROM example.com/team/base:1\nRUN apk add libcurl4\n", want: 0},
		{name: "variable", src: "FROM alpine:3.20\nRUN apk add $PKGS\n", want: 0},
		{name: "local file", src: "FROM debian:bookworm\nRUN apt-get install -y ./build-base.deb\n", want: 0},
		{name: "fallback", src: "FROM alpine:3.20\nRUN apk add libcurl4 || apk add libcurl\n", want: 0},
		{name: "not an install", src: "FROM alpine:3.20\nRUN apk del libcurl4\n", want: 0},
	})
}

func TestDF607Message(t *testing.T) {
	fs := lintWith(t, "FROM cgr.dev/chainguard/wolfi-base\nRUN apk add libcurl\n", "DF607")
	want := "`libcurl` is Alpine's package name: cgr.dev/chainguard/wolfi-base (Wolfi) has no package by that name; install `libcurl-openssl4`"
	if len(fs) != 1 || fs[0].Message != want {
		t.Errorf("got %+v\nwant %q", fs, want)
	}
	src := "FROM alpine:3.20\nRUN apk add libcurl4\n"
	fs = lintWith(t, src, "DF607")
	if len(fs) != 1 || src[fs[0].Start:fs[0].End] != "libcurl4" || !strings.Contains(fs[0].Message, "install `libcurl`") {
		t.Errorf("got %+v, want the package word and Alpine's name", fs)
	}
}

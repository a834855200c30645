package rules

import (
	"strings"
	"testing"
)

func TestDF102LatestTag(t *testing.T) {
	runCases(t, "DF102", []ruleCase{
		{name: "latest", src: "FROM node:latest\n", want: 1},
		{name: "latest upper case", src: "FROM node:LATEST\n", want: 1, noVariants: true},
		{name: "floating latest-dev", src: "FROM python:latest-dev\n", want: 1},
		{name: "python latest", src: "FROM python:latest\n", want: 1},
		{name: "Chainguard latest: the only tag", src: "FROM cgr.dev/chainguard/python:latest\n", want: 0},
		{name: "Chainguard latest-dev: the only tag", src: "FROM cgr.dev/chainguard/python:latest-dev\n", want: 0},
		{name: "Chainguard toolchain latest-dev", src: "FROM cgr.dev/chainguard/go:latest-dev AS build\n", want: 0},
		{name: "Chainguard wolfi-base", src: "FROM cgr.dev/chainguard/wolfi-base:latest\n", want: 0},
		{name: "other organisation under cgr.dev", src: "FROM cgr.dev/example.com/python:latest-dev\n", want: 0},
		{name: "Chainguard from ARG default", src: "ARG IMG=cgr.dev/chainguard/node\nFROM ${IMG}:latest\n", want: 0},
		{name: "Chainguard other floating tag", src: "FROM cgr.dev/chainguard/python:latest-glibc\n", want: 1},
		{name: "Chainguard version tag", src: "FROM cgr.dev/chainguard/python:3.12\n", want: 0},
		{name: "Chainguard look-alike elsewhere", src: "FROM docker.io/chainguard/python:latest\n", want: 1},
		{name: "ARG default latest", src: "ARG TAG=latest\nFROM node:${TAG}\n", want: 1},
		{name: "each stage", src: "FROM node:latest AS build\nFROM nginx:latest\n", want: 2},
		{name: "version", src: "FROM node:20\n", want: 0},
		{name: "latest pinned by digest", src: "FROM node:latest@sha256:4f3f6f2c1b5e0e4e2a1d9b0cbb4c2a8fb3b8f1a0d7f8a9e6c5b4d3c2b1a0f9e8\n", want: 0},
		{name: "untagged is DF101", src: "FROM node\n", want: 0},
		{name: "tag containing latest", src: "FROM example.com/app:not-latest\n", want: 0},
		{name: "stage named latest", src: "FROM node:20 AS latest\nFROM latest\n", want: 0},
		{name: "ARG without default", src: "ARG TAG\nFROM node:${TAG}\n", want: 0},
	})
}

func TestDF102Message(t *testing.T) {
	fs := lintWith(t, "ARG V=latest\nFROM node:$V\n", "DF102")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "`node:$V` expands to `node:latest`") {
		t.Errorf("message should show the expansion: %+v", fs)
	}
}

// A Chainguard image's other floating tags get the ordinary message: no
// special advice is left for the two tags DF102 no longer reports.
func TestDF102ChainguardOtherFloatingTag(t *testing.T) {
	fs := lintWith(t, "FROM cgr.dev/chainguard/python:latest-glibc-dev\n", "DF102")
	if len(fs) != 1 || fs[0].Message != "`cgr.dev/chainguard/python:latest-glibc-dev` floats to whatever was pushed last: name a version tag" {
		t.Errorf("want the ordinary message: %+v", fs)
	}
}

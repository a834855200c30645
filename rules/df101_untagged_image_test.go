package rules

import "testing"

func TestDF101UntaggedImage(t *testing.T) {
	runCases(t, "DF101", []ruleCase{
		{name: "no tag", src: "FROM python\n", want: 1},
		{name: "registry without tag", src: "FROM gcr.io/distroless/static-debian12\n", want: 1},
		{name: "registry port without tag", src: "FROM localhost:5000/app\n", want: 1},
		{name: "each stage", src: "FROM golang AS build\nFROM alpine\n", want: 2},
		{name: "with platform flag", src: "FROM --platform=$BUILDPLATFORM golang AS build\n", want: 1},
		{name: "ARG default without tag", src: "ARG BASE=ubuntu\nFROM $BASE\n", want: 1},
		{name: "tag", src: "FROM python:3.12\n", want: 0},
		{name: "registry port with tag", src: "FROM localhost:5000/app:1.0\n", want: 0},
		{name: "digest", src: "FROM python@sha256:4f3f6f2c1b5e0e4e2a1d9b0cbb4c2a8fb3b8f1a0d7f8a9e6c5b4d3c2b1a0f9e8\n", want: 0},
		{name: "scratch", src: "FROM scratch\n", want: 0},
		{name: "stage name", src: "FROM alpine:3.20 AS base\nFROM base\n", want: 0},
		{name: "stage name other case", src: "FROM alpine:3.20 AS Base\nFROM base\n", want: 0},
		{name: "ARG without default", src: "ARG BASE\nFROM $BASE\n", want: 0},
		{name: "ARG default with tag", src: "ARG TAG=3.12\nFROM python:${TAG}\n", want: 0},
	})
}

func TestDF101Range(t *testing.T) {
	src := "FROM --platform=linux/amd64 python AS app\n"
	fs := lintWith(t, src, "DF101")
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	if got := src[fs[0].Start:fs[0].End]; got != "python" {
		t.Errorf("finding covers %q, want the image word", got)
	}
	if fs[0].Fix != nil {
		t.Error("DF101 offers no offline fix")
	}
}

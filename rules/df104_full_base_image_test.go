package rules

import (
	"strings"
	"testing"
)

func TestDF104FullBaseImage(t *testing.T) {
	runCases(t, "DF104", []ruleCase{
		{name: "python", src: "FROM python:3.12\nCMD [\"python\"]\n", want: 1},
		{name: "python suite", src: "FROM python:3.11-bookworm\n", want: 1},
		{name: "python untagged", src: "FROM python\n", want: 1},
		{name: "node", src: "FROM node:20\n", want: 1},
		{name: "ruby", src: "FROM ruby:3.3\n", want: 1},
		{name: "debian", src: "FROM debian:bookworm\n", want: 1},
		{name: "temurin JDK", src: "FROM eclipse-temurin:21-jdk\n", want: 1},
		{name: "openjdk 11", src: "FROM openjdk:11\n", want: 1},
		{name: "through a stage", src: "FROM python:3.12 AS base\nRUN pip install flask\nFROM base\nCMD [\"flask\"]\n", want: 1},
		{name: "tag from ARG default", src: "ARG PY=3.12\nFROM python:${PY}\n", want: 1},
		{name: "mirror prefix", src: "FROM docker.io/library/python:3.12\n", want: 1},
		{name: "already slim", src: "FROM python:3.12-slim\n", want: 0},
		{name: "slim suite", src: "FROM python:3.12-slim-bookworm\n", want: 0},
		{name: "alpine", src: "FROM node:20-alpine\n", want: 0},
		{name: "distroless", src: "FROM gcr.io/distroless/python3-debian12\n", want: 0},
		{name: "JRE", src: "FROM eclipse-temurin:21-jre\n", want: 0},
		{name: "build stage only", src: "FROM python:3.12 AS build\nRUN pip wheel -w /w .\nFROM python:3.12-slim\nCOPY --from=build /w /w\n", want: 0},
		{name: "golang is DF201", src: "FROM golang:1.22\n", want: 0},
		{name: "rust slim still a toolchain", src: "FROM rust:1.77\n", want: 0},
		{name: "ubuntu has no slim", src: "FROM ubuntu:24.04\n", want: 0},
		{name: "unknown image", src: "FROM example.com/python:3.12\n", want: 0},
		{name: "windows", src: "FROM python:3.12-windowsservercore-ltsc2022\n", want: 0},
		{name: "ARG without default", src: "ARG PY\nFROM python:${PY}\n", want: 0},
		{name: "scratch", src: "FROM scratch\n", want: 0},
	})
}

func TestDF104Fix(t *testing.T) {
	tests := []struct{ src, want string }{
		{"FROM python:3.12\nCMD [\"python\"]\n", "FROM python:3.12-slim\nCMD [\"python\"]\n"},
		{"FROM python:3.11-bookworm AS app\r\n", "FROM python:3.11-slim-bookworm AS app\r\n"},
		{"FROM node\n", "FROM node:slim\n"},
		{"FROM --platform=linux/amd64 docker.io/library/node:20-bookworm\n", "FROM --platform=linux/amd64 docker.io/library/node:20-bookworm-slim\n"},
		{"FROM eclipse-temurin:21-jdk-jammy\n", "FROM eclipse-temurin:21-jre-jammy\n"},
		{"FROM debian:bookworm", "FROM debian:bookworm-slim"},
		{"FROM localhost:5000/x:1 AS x\nFROM ruby:3.3 AS base\nFROM base\n", "FROM localhost:5000/x:1 AS x\nFROM ruby:3.3-slim AS base\nFROM base\n"},
	}
	for _, tt := range tests {
		if got := applyFixesOf(t, tt.src, "DF104"); got != tt.want {
			t.Errorf("fix of %q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestDF104NoFix(t *testing.T) {
	for _, src := range []string{
		// The tag comes from an ARG: report only.
		"ARG PY=3.12\nFROM python:${PY}\n",
		// A digest would no longer match the new tag.
		"FROM python:3.12@sha256:4f3f6f2c1b5e0e4e2a1d9b0cbb4c2a8fb3b8f1a0d7f8a9e6c5b4d3c2b1a0f9e8\n",
		// A build stage outside the final chain also uses the image.
		"FROM python:3.12 AS base\nFROM base AS build\nRUN make\nFROM base\nCOPY --from=build /o /o\n",
	} {
		fs := lintWith(t, src, "DF104")
		if countRule(fs, "DF104") != 1 {
			t.Errorf("want one finding for %q, got %+v", src, fs)
			continue
		}
		if fs[0].Fix != nil {
			t.Errorf("want no fix for %q, got %+v", src, fs[0].Fix)
		}
	}
}

func TestDF104Message(t *testing.T) {
	fs := lintWith(t, "FROM python:3.11-bookworm\n", "DF104")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "`python:3.11-slim-bookworm`") {
		t.Errorf("message should name the slim image: %+v", fs)
	}
}

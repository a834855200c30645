package rules

import (
	"strings"
	"testing"

	"github.com/dflint/dflint/rewrite"
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
		{name: "JDK that compiles is DF201's", src: "FROM eclipse-temurin:21-jdk\nCOPY . .\nRUN ./mvnw package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n", want: 0},
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

func TestDF104Policy(t *testing.T) {
	tests := []struct {
		name   string
		policy rewrite.BasePolicy
		src    string
		want   string // "" for no fix
		msg    string
	}{
		{
			name:   "alpine variant",
			policy: rewrite.BasePolicy{Family: "alpine"},
			src:    "FROM python:3.12\nCMD [\"python\"]\n",
			want:   "FROM python:3.12-alpine\nCMD [\"python\"]\n",
			msg:    "use `python:3.12-alpine`",
		},
		{
			name:   "alpine converts apt",
			policy: rewrite.BasePolicy{Family: "alpine"},
			src:    "FROM node:20-bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends python3 g++ make && rm -rf /var/lib/apt/lists/*\n",
			want:   "FROM node:20-alpine\nRUN apk add --no-cache python3 g++ make\n",
		},
		{
			name:   "alpine JRE for a JDK",
			policy: rewrite.BasePolicy{Family: "alpine"},
			src:    "FROM eclipse-temurin:21-jdk\nCOPY app.jar /app.jar\n",
			want:   "FROM eclipse-temurin:21-jre-alpine\nCOPY app.jar /app.jar\n",
		},
		{
			name:   "alpine: no variant, slim instead",
			policy: rewrite.BasePolicy{Family: "alpine"},
			src:    "FROM debian:bookworm\n",
			want:   "FROM debian:bookworm-slim\n",
			msg:    "no Alpine variant",
		},
		{
			name:   "alpine: a command with no apk equivalent",
			policy: rewrite.BasePolicy{Family: "alpine"},
			src:    "FROM python:3.12\nRUN apt-get update && apt-get install -y libpq-dev && dpkg-reconfigure tzdata\n",
			msg:    "dflint cannot swap it: line 2: `dpkg-reconfigure`",
		},
		{
			name:   "chainguard: DF105 fixes it",
			policy: rewrite.BasePolicy{Family: "chainguard"},
			src:    "FROM python:3.12\nCMD [\"python\"]\n",
			msg:    "DF105 moves it to `cgr.dev/chainguard/python:latest`",
		},
		{
			name:   "distroless: DF105 cannot, slim instead",
			policy: rewrite.BasePolicy{Family: "distroless"},
			src:    "FROM python:3.13\nRUN pip install flask\n",
			want:   "FROM python:3.13-slim\nRUN pip install flask\n",
			msg:    "cannot be used here: the RUN on line 2 needs a shell",
		},
		{
			name:   "distroless: no equivalent, slim instead",
			policy: rewrite.BasePolicy{Family: "distroless"},
			src:    "FROM ruby:3.3\n",
			want:   "FROM ruby:3.3-slim\n",
			msg:    "no distroless equivalent",
		},
		{
			name:   "override to slim under a chainguard policy",
			policy: rewrite.BasePolicy{Family: "chainguard", Overrides: map[string]string{"python": "slim"}},
			src:    "FROM python:3.12\n",
			want:   "FROM python:3.12-slim\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fd := fixPolicy(t, tt.src, tt.policy, "DF104")
			if got != tt.want {
				t.Errorf("fix of %q:\n got %q\nwant %q (message: %s)", tt.src, got, tt.want, fd.Message)
			}
			if !strings.Contains(fd.Message, tt.msg) {
				t.Errorf("message %q should contain %q", fd.Message, tt.msg)
			}
		})
	}
}

// TestDF104SlimToAlpine is DF104 under the alpine base family on an image
// that is already small but Debian- or Ubuntu-based: it moves to the
// Alpine variant where the official image publishes one and the stage
// converts, and says why not otherwise.
func TestDF104SlimToAlpine(t *testing.T) {
	alpine := rewrite.BasePolicy{Family: "alpine"}
	tests := []struct {
		name string
		src  string
		want string // "" for no fix
		msg  string
	}{
		{
			name: "python slim",
			src:  "FROM python:3.11-slim\nRUN apt-get update && apt-get install -y libpq5 && rm -rf /var/lib/apt/lists/*\nCMD [\"python\", \"app.py\"]\n",
			want: "FROM python:3.11-alpine\nRUN apk add --no-cache libpq\nCMD [\"python\", \"app.py\"]\n",
			msg:  "the alpine base family asks for its Alpine variant `python:3.11-alpine`",
		},
		{
			name: "python slim with a suite",
			src:  "FROM python:3.12-slim-bookworm\nCMD [\"python\"]\n",
			want: "FROM python:3.12-alpine\nCMD [\"python\"]\n",
		},
		{
			name: "node slim with a suite",
			src:  "FROM node:22-bookworm-slim\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
			want: "FROM node:22-alpine\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
		},
		{
			name: "ruby slim",
			src:  "FROM ruby:3.3-slim\nCMD [\"ruby\", \"app.rb\"]\n",
			want: "FROM ruby:3.3-alpine\nCMD [\"ruby\", \"app.rb\"]\n",
		},
		{
			name: "Temurin JRE on Ubuntu",
			src:  "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n",
			want: "FROM eclipse-temurin:21-jre-alpine\nCOPY app.jar /app.jar\n",
			msg:  "an Ubuntu image",
		},
		{
			name: "useradd becomes adduser",
			src:  "FROM python:3.12-slim\nRUN useradd --create-home app\nUSER app\n",
			want: "FROM python:3.12-alpine\nRUN adduser -D app\nUSER app\n",
		},
		{
			name: "a static Go binary from a build stage",
			src:  "FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /server .\nFROM node:22-slim\nCOPY --from=build /server /server\n",
			want: "FROM golang:1.26 AS build\nRUN CGO_ENABLED=0 go build -o /server .\nFROM node:22-alpine\nCOPY --from=build /server /server\n",
		},
		{
			name: "a line the table does not list",
			src:  "FROM node:20-slim\n",
			msg:  "neither `node:20-slim` nor `node:20-alpine` is among the tags the official image maintains",
		},
		{
			name: "an image outside the table",
			src:  "FROM pypy:3.10-slim\n",
			msg:  "does not cover `pypy`",
		},
		{
			name: "a package with no Alpine name",
			src:  "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libfoo-nonexistent1\n",
			msg:  "dflint cannot move the stage there: line 2",
		},
		{
			name: "dpkg",
			src:  "FROM python:3.12-slim\nRUN dpkg -i /tmp/tool.deb\n",
			msg:  "`dpkg` has no equivalent on Alpine",
		},
		{
			name: "files from a glibc build stage",
			src:  "FROM python:3.12 AS build\nRUN pip install --prefix=/install psycopg2\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\nCMD [\"python\"]\n",
			msg:  "line 4 copies from stage `build` (on `python:3.12`), built on glibc",
		},
		{
			name: "a jar from a Maven stage",
			src:  "FROM maven:3-eclipse-temurin-21 AS build\nRUN mvn package\nFROM eclipse-temurin:21-jre\nCOPY --from=build /target/app.jar /app.jar\n",
			want: "FROM maven:3-eclipse-temurin-21 AS build\nRUN mvn package\nFROM eclipse-temurin:21-jre-alpine\nCOPY --from=build /target/app.jar /app.jar\n",
		},
		{
			name: "a runtime linked with jlink",
			src:  "FROM eclipse-temurin:21-jdk AS build\nRUN jlink --add-modules java.base --output /jre\nFROM eclipse-temurin:21-jre\nCOPY --from=build /jre /opt/jre\n",
			msg:  "copies from stage `build` (on `eclipse-temurin:21-jdk`), built on glibc",
		},
		{
			name: "a Go binary built with cgo",
			src:  "FROM golang:1.26 AS build\nRUN go build -o /server .\nFROM node:22-slim\nCOPY --from=build /server /server\n",
			msg:  "built on glibc",
		},
		{
			name: "Debian's multiarch directory",
			src:  "FROM python:3.12-slim\nENV LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu\nCMD [\"python\"]\n",
			msg:  "line 2 has `-linux-gnu`",
		},
		{
			name: "a manylinux wheel",
			src:  "FROM python:3.12-slim\nCOPY wheels/app-1.0-cp312-cp312-manylinux_2_17_x86_64.whl /tmp/\nRUN pip install /tmp/app-1.0-cp312-cp312-manylinux_2_17_x86_64.whl\n",
			msg:  "manylinux wheels are built for glibc",
		},
		{
			name: "a glibc binary download",
			src:  "FROM node:22-slim\nRUN curl -fsSL https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz | tar -xz -C /usr/local/bin\n",
			msg:  "`-linux-gnu`",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fd := fixPolicy(t, tt.src, alpine, "DF104")
			if got != tt.want {
				t.Errorf("fix of %q:\n got %q\nwant %q (message: %s)", tt.src, got, tt.want, fd.Message)
			}
			if !strings.Contains(fd.Message, tt.msg) {
				t.Errorf("message %q should contain %q", fd.Message, tt.msg)
			}
			if fd.Fix != nil && fd.Fix.Applicability != Unsafe {
				t.Errorf("the move changes the C library: the fix must be unsafe, got %v", fd.Fix.Applicability)
			}
		})
	}
}

// TestDF104SlimSilentOutsideAlpine: a slim image is what DF104 asks for
// under every other policy, and an image with no Alpine variant that runs
// the same program (debian, perl) or one already on Alpine is left alone
// under the alpine family too.
func TestDF104SlimSilentOutsideAlpine(t *testing.T) {
	for _, policy := range []rewrite.BasePolicy{{}, {Family: "slim"}, {Family: "distroless"}, {Family: "chainguard"}, {Family: "alpine", Overrides: map[string]string{"python": "slim"}}} {
		for _, src := range []string{"FROM python:3.12-slim\n", "FROM node:22-bookworm-slim\n", "FROM eclipse-temurin:21-jre\n"} {
			if src != "FROM python:3.12-slim\n" && policy.Family == "alpine" {
				continue // the override names python only
			}
			if fs := lintPolicy(t, src, policy, "DF104"); len(fs) != 0 {
				t.Errorf("policy %+v, %q: want no DF104, got %+v", policy, src, fs)
			}
		}
	}
	for _, src := range []string{"FROM debian:bookworm-slim\n", "FROM perl:5.40-slim\n", "FROM python:3.12-alpine\n", "FROM gcr.io/distroless/python3-debian12\n", "FROM golang:1.26\n"} {
		if fs := lintPolicy(t, src, rewrite.BasePolicy{Family: "alpine"}, "DF104"); len(fs) != 0 {
			t.Errorf("alpine policy, %q: want no DF104, got %+v", src, fs)
		}
	}
}

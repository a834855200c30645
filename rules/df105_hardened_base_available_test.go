package rules

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

func TestDF105HardenedBaseAvailable(t *testing.T) {
	runCases(t, "DF105", []ruleCase{
		{name: "python", src: "FROM python:3.12\nCMD [\"python\", \"app.py\"]\n", want: 1},
		// Base and toolchain images are not what the rule is for: an image
		// with no command of its own, or only the interpreter, is built on
		// (FinalImagePurpose).
		{name: "python base image", src: "FROM python:3.12\nCMD [\"python\"]\n", want: 0},
		{name: "no command", src: "FROM python:3.12\nRUN pip install flask\n", want: 0},
		{name: "python slim", src: "FROM python:3.12-slim-bookworm\nCMD [\"/app\"]\n", want: 1},
		// musl (Alpine) has no hardened equivalent: Wolfi and distroless
		// are glibc, Chainguard's static has no libc (issue 18: static
		// was named for every alpine base).
		{name: "python alpine", src: "FROM python:3.12-alpine\nCMD [\"/app\"]\n", want: 0},
		{name: "node", src: "FROM node:20\nCMD [\"/app\"]\n", want: 1},
		{name: "temurin JRE", src: "FROM eclipse-temurin:21-jre\nCMD [\"/app\"]\n", want: 1},
		{name: "ruby", src: "FROM ruby:3.3-slim\nCMD [\"/app\"]\n", want: 1},
		{name: "debian", src: "FROM debian:bookworm-slim\nCOPY app /app\nCMD [\"/app\"]\n", want: 1},
		{name: "ubuntu", src: "FROM ubuntu:24.04\nCMD [\"/app\"]\n", want: 1},
		{name: "alpine", src: "FROM alpine:3.20\nCMD [\"/app\"]\n", want: 0},
		{name: "alpine with apk", src: "FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY app /app\nCMD [\"/app\"]\n", want: 0},
		// No family chosen: named only when some equivalent would do.
		// Moving RUN steps to Wolfi's shell variant is a migration chosen
		// with a family, not an equivalent named without one.
		{name: "debian with apt", src: "FROM debian:12\nRUN apt-get install -y curl\nCMD [\"/app\"]\n", want: 0},
		{name: "debian with dpkg: nothing would do", src: "FROM debian:12\nRUN dpkg -i /tmp/x.deb\nCMD [\"/app\"]\n", want: 0},
		{name: "amazonlinux with yum", src: "FROM amazonlinux:2023\nRUN yum install -y tar\nCMD [\"/app\"]\n", want: 0},
		{name: "amazonlinux without RUN", src: "FROM amazonlinux:2023\nCOPY app /app\nENTRYPOINT [\"/app\"]\n", want: 1},
		{name: "ubi", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nCMD [\"/app\"]\n", want: 1},
		{name: "through a stage", src: "FROM node:20 AS base\nFROM base\nCMD [\"node\", \"server.js\"]\n", want: 1},
		{name: "build stage only", src: "FROM python:3.12 AS build\nRUN pip wheel -w /w .\nFROM scratch\nCOPY --from=build /w /w\nCMD [\"/app\"]\n", want: 0},
		{name: "distroless already", src: "FROM gcr.io/distroless/python3-debian12:nonroot\nCMD [\"/app\"]\n", want: 0},
		{name: "chainguard already", src: "FROM cgr.dev/chainguard/python:latest\nCMD [\"/app\"]\n", want: 0},
		// dotnet/dotnet-docker samples__aspnetapp__Dockerfile.chiseled:
		// Microsoft's chiseled and -distroless tags are its distroless.
		{name: "chiseled .NET", src: "FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCOPY app /app\nENTRYPOINT [\"./app\"]\n", want: 0},
		{name: "distroless .NET", src: "FROM mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-distroless\nCOPY app /app\nENTRYPOINT [\"./app\"]\n", want: 0},
		{name: ".NET on Ubuntu", src: "FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nCOPY app /app\nENTRYPOINT [\"./app\"]\n", want: 1},
		{name: "golang is DF201", src: "FROM golang:1.22\nCMD [\"/app\"]\n", want: 0},
		{name: "JDK is DF201", src: "FROM eclipse-temurin:21-jdk\nCMD [\"/app\"]\n", want: 0},
		{name: "pypy has none", src: "FROM pypy:3.10\nCMD [\"/app\"]\n", want: 0},
		{name: "unknown image", src: "FROM example.com/team/app:1\nCMD [\"/app\"]\n", want: 0},
		{name: "scratch", src: "FROM scratch\nCMD [\"/app\"]\n", want: 0},
		{name: "ARG without default", src: "ARG IMG\nFROM ${IMG}\nCMD [\"/app\"]\n", want: 0},
		{name: "windows", src: "FROM python:3.12-windowsservercore-ltsc2022\nCMD [\"/app\"]\n", want: 0},
		{name: "dev container", src: "FROM mcr.microsoft.com/devcontainers/python:3.12\nCMD [\"/app\"]\n", want: 0},
	})
}

// lintPolicy lints src with the given rules under a base-image policy.
func lintPolicy(t *testing.T, src string, policy rewrite.BasePolicy, ids ...string) []Finding {
	t.Helper()
	e, err := NewEngine(Options{Select: ids, NoBuildKit: true, Today: testToday, BasePolicy: policy})
	if err != nil {
		t.Fatal(err)
	}
	f := parser.Parse("Dockerfile", []byte(src))
	fs, errs := e.Lint(context.Background(), f)
	for _, err := range errs {
		t.Errorf("lint error: %v", err)
	}
	return fs
}

// fixPolicy applies the fix of the one finding of rule id under a policy;
// it returns the output ("" when there is no fix) and the finding.
func fixPolicy(t *testing.T, src string, policy rewrite.BasePolicy, id string) (string, Finding) {
	t.Helper()
	fs := lintPolicy(t, src, policy, id)
	if len(fs) != 1 {
		t.Fatalf("want one %s finding, got %+v", id, fs)
	}
	fd := fs[0]
	checkFixEdits(t, src, fd)
	if fd.Fix == nil {
		return "", fd
	}
	edits := append([]Edit(nil), fd.Fix.Edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	out, prev := "", 0
	for _, e := range edits {
		out += src[prev:e.Start] + e.NewText
		prev = e.End
	}
	return out + src[prev:], fd
}

func TestDF105Fix(t *testing.T) {
	chainguard := rewrite.BasePolicy{Family: "chainguard"}
	distroless := rewrite.BasePolicy{Family: "distroless"}
	tests := []struct {
		name   string
		policy rewrite.BasePolicy
		src    string
		want   string
		title  string // a part of the fix title
	}{
		{
			name:   "chainguard runtime, ENTRYPOINT reset for CMD",
			policy: chainguard,
			src:    "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
			want:   "FROM cgr.dev/chainguard/python:latest\nCOPY app.py /app/\nENTRYPOINT []\nCMD [\"python\", \"/app/app.py\"]\n",
			title:  "`ENTRYPOINT []`",
		},
		{
			name:   "chainguard -dev for RUN steps, apt converted, USER root",
			policy: chainguard,
			src: "FROM python:3.11\nENV DEBIAN_FRONTEND=noninteractive\n" +
				"RUN apt-get update && apt-get install -y --no-install-recommends \\\n    build-essential \\\n    libpq-dev \\\n    && rm -rf /var/lib/apt/lists/*\n" +
				"RUN pip install --no-cache-dir flask\nENTRYPOINT [\"flask\", \"run\"]\n",
			want: "FROM cgr.dev/chainguard/python:latest-dev\nUSER root\n" +
				"RUN apk add --no-cache \\\n    build-base \\\n    postgresql-dev\n" +
				"RUN pip install --no-cache-dir flask\nENTRYPOINT [\"flask\", \"run\"]\n",
			title: "`USER root`",
		},
		{
			name:   "chainguard custom organisation",
			policy: rewrite.BasePolicy{Family: "chainguard", Chainguard: "cgr.dev/acme.example"},
			src:    "FROM node:22-slim\nCOPY . /app\nENTRYPOINT [\"node\", \"/app/server.js\"]\n",
			want:   "FROM cgr.dev/acme.example/node:latest\nCOPY . /app\nENTRYPOINT [\"node\", \"/app/server.js\"]\n",
		},
		{
			name:   "chainguard distro: wolfi-base runs as root",
			policy: chainguard,
			src:    "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y ca-certificates curl && rm -rf /var/lib/apt/lists/*\nCOPY server /server\nENTRYPOINT [\"/server\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache ca-certificates curl\nCOPY server /server\nENTRYPOINT [\"/server\"]\n",
		},
		{
			name:   "chainguard distro without RUN: glibc-dynamic",
			policy: chainguard,
			src:    "FROM ubuntu:24.04\nCOPY server /server\nENTRYPOINT [\"/server\"]\n",
			want:   "FROM cgr.dev/chainguard/glibc-dynamic:latest\nCOPY server /server\nENTRYPOINT [\"/server\"]\n",
		},
		{
			name:   "chainguard from RHEL: dnf converted",
			policy: chainguard,
			src:    "FROM registry.access.redhat.com/ubi9/ubi:9.3\nRUN dnf install -y openssl-devel gcc-c++ && dnf clean all\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache openssl-dev gcc\n" + "ENTRYPOINT [\"/app\"]\n",
			title:  "package installs converted to `apk add --no-cache`",
		},
		{
			name:   "version pins dropped",
			policy: chainguard,
			src:    "FROM debian:12\nRUN apt-get install -y curl=8.5.0-2 git\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache curl git\n" + "ENTRYPOINT [\"/app\"]\n",
			title:  "Debian version pins dropped",
		},
		{
			name:   "useradd becomes BusyBox adduser",
			policy: chainguard,
			src:    "FROM debian:12\nRUN useradd -m app\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN adduser -D app\n" + "ENTRYPOINT [\"/app\"]\n",
		},
		{
			name:   "bash installed for a bash SHELL",
			policy: chainguard,
			src:    "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsS https://example.com | tar -x\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache bash\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsS https://example.com | tar -x\n" + "ENTRYPOINT [\"/app\"]\n",
			title:  "bash installed",
		},
		{
			name:   "a RUN of apt-get update alone goes",
			policy: chainguard,
			src:    "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache curl\n" + "ENTRYPOINT [\"/app\"]\n",
		},
		{
			name:   "semicolons and heredocs",
			policy: chainguard,
			src:    "FROM debian:12\nRUN apt-get update; apt-get install -y git\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends make\nEOF\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache git\nRUN <<EOF\nset -e\napk add --no-cache make\nEOF\n" + "ENTRYPOINT [\"/app\"]\n",
		},
		{
			name:   "export of apt's variables and a trailing clean go",
			policy: chainguard,
			src:    "FROM debian:12\nRUN set -eux; export DEBIAN_FRONTEND=noninteractive && apt-get update && apt-get install -y wget; apt-get clean\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN set -eux; apk add --no-cache wget\n" + "ENTRYPOINT [\"/app\"]\n",
		},
		{
			name:   "a cleanup after a comment line",
			policy: chainguard,
			src:    "FROM debian:12\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/* \\\n    # then the rest\n    && echo done\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache curl \\\n    # then the rest\n    && echo done\n" + "ENTRYPOINT [\"/app\"]\n",
		},
		{
			name:   "purge becomes apk del",
			policy: chainguard,
			src:    "FROM debian:12\nRUN apt-get install -y build-essential && make && apt-get purge -y --auto-remove build-essential\n" + "ENTRYPOINT [\"/app\"]\n",
			want:   "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN apk add --no-cache build-base && make && apk del build-base\n" + "ENTRYPOINT [\"/app\"]\n",
		},
		{
			name:   "lower case instructions",
			policy: chainguard,
			src:    "from python:3.12\nrun apt-get update && apt-get install -y curl\ncmd [\"python\", \"app.py\"]\n",
			want:   "from cgr.dev/chainguard/python:latest-dev\nuser root\nrun apk add --no-cache curl\nentrypoint []\ncmd [\"python\", \"app.py\"]\n",
		},
		{
			name:   "distroless runtime",
			policy: distroless,
			src:    "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
			want:   "FROM gcr.io/distroless/nodejs22-debian13:nonroot\nWORKDIR /app\nCOPY . .\nENTRYPOINT []\nCMD [\"node\", \"server.js\"]\n",
		},
		{
			name:   "a CMD written for the interpreter's ENTRYPOINT stays as it is",
			policy: distroless,
			src:    "FROM node:22-slim\nCOPY . /app\nCMD [\"/app/server.js\"]\n",
			want:   "FROM gcr.io/distroless/nodejs22-debian13:nonroot\nCOPY . /app\nCMD [\"/app/server.js\"]\n",
		},
		{
			name:   "distroless Java by version",
			policy: distroless,
			src:    "FROM eclipse-temurin:17-jre-jammy\nCOPY app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n",
			want:   "FROM gcr.io/distroless/java17-debian13:nonroot\nCOPY app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n",
		},
		{
			name:   "override names an image",
			policy: rewrite.BasePolicy{Overrides: map[string]string{"python": "cgr.dev/acme.example/python-fips:latest"}},
			src:    "FROM python:3.12-slim\nENTRYPOINT [\"python\", \"-m\", \"app\"]\n",
			want:   "FROM cgr.dev/acme.example/python-fips:latest\nENTRYPOINT [\"python\", \"-m\", \"app\"]\n",
		},
		{
			name:   "override names a family",
			policy: rewrite.BasePolicy{Family: "distroless", Overrides: map[string]string{"node": "chainguard"}},
			src:    "FROM node:18\nENTRYPOINT [\"node\", \"index.js\"]\n",
			want:   "FROM cgr.dev/chainguard/node:latest\nENTRYPOINT [\"node\", \"index.js\"]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fd := fixPolicy(t, tt.src, tt.policy, "DF105")
			if got != tt.want {
				t.Errorf("fix of\n%s\n got:\n%s\nwant:\n%s\n(message: %s)", tt.src, got, tt.want, fd.Message)
			}
			if fd.Fix != nil && !strings.Contains(fd.Fix.Title, tt.title) {
				t.Errorf("fix title %q should contain %q", fd.Fix.Title, tt.title)
			}
		})
	}
}

func TestDF105NoFix(t *testing.T) {
	chainguard := rewrite.BasePolicy{Family: "chainguard"}
	distroless := rewrite.BasePolicy{Family: "distroless"}
	tests := []struct {
		name   string
		policy rewrite.BasePolicy
		src    string
		msg    string // a part of the message
	}{
		{"no policy: equivalents named", rewrite.BasePolicy{}, "FROM python:3.12\n" + "ENTRYPOINT [\"/app\"]\n", "`cgr.dev/chainguard/python:latest` (Chainguard)"},
		{"slim policy: equivalents named", rewrite.BasePolicy{Family: "slim"}, "FROM python:3.12\n" + "ENTRYPOINT [\"/app\"]\n", "--base-family"},
		{"distroless: RUN needs a shell", distroless, "FROM python:3.13-slim\nRUN pip install flask\n" + "ENTRYPOINT [\"/app\"]\n", "the RUN on line 2 needs a shell"},
		{"distroless: shell-form CMD", distroless, "FROM node:22\nCMD node server.js\n", "shell form"},
		{"distroless: shell-form HEALTHCHECK", distroless, "FROM node:22\nHEALTHCHECK CMD curl -f http://localhost/\nENTRYPOINT [\"/app\"]\n", "HEALTHCHECK"},
		{"distroless: Python version", distroless, "FROM python:3.12\n" + "ENTRYPOINT [\"/app\"]\n", "Debian 13's Python 3.13"},
		{"distroless: no Ruby", distroless, "FROM ruby:3.3\n" + "ENTRYPOINT [\"/app\"]\n", "no Ruby image"},
		{"distroless: musl", distroless, "FROM python:3.13-alpine\n" + "ENTRYPOINT [\"/app\"]\n", "has musl and `gcr.io/distroless/python3-debian13:nonroot` glibc"},
		{"chainguard: musl", chainguard, "FROM node:22-alpine\nCOPY . /app\nCMD [\"node\", \"/app/server.js\"]\n", "has musl and `cgr.dev/chainguard/node:latest` glibc"},
		{"no policy: only what runs the stage as it is", rewrite.BasePolicy{}, "FROM python:3.12\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
			"hardened equivalents: `cgr.dev/chainguard/python:latest` (Chainguard);"},
		{"distroless policy: Chainguard named when distroless has none", distroless, "FROM python:3.12\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
			"which has no distroless equivalent: the distroless python3 image carries Debian 13's Python 3.13, not this version (python3-debian12, Python 3.11, is no longer updated since 2026-05); other hardened equivalents: `cgr.dev/chainguard/python:latest` (Chainguard)"},
		{"no policy: a distro without RUN", rewrite.BasePolicy{}, "FROM ubuntu:24.04\nCOPY server /server\nENTRYPOINT [\"/server\"]\n",
			"`gcr.io/distroless/base-debian13:nonroot` (distroless), `cgr.dev/chainguard/glibc-dynamic:latest` (Chainguard)"},
		{"chainguard: useradd with a password", chainguard, "FROM debian:12\nRUN useradd -p x -m app\n" + "ENTRYPOINT [\"/app\"]\n", "`useradd -p` has no BusyBox adduser equivalent"},
		{"chainguard: unknown package", chainguard, "FROM debian:12\nRUN apt-get install -y libfrobnicate7 curl\n" + "ENTRYPOINT [\"/app\"]\n", "the Debian package `libfrobnicate7` has no known Wolfi package"},
		{"chainguard: packages in a variable", chainguard, "FROM debian:12\nRUN apt-get install -y curl $EXTRA\n" + "ENTRYPOINT [\"/app\"]\n", "`$EXTRA` is not a literal package name"},
		{"chainguard: dpkg", chainguard, "FROM debian:12\nRUN dpkg -i /tmp/x.deb\n" + "ENTRYPOINT [\"/app\"]\n", "no dpkg"},
		{"chainguard: named user", chainguard, "FROM node:20\nUSER app\nCMD [\"node\", \"server.js\"]\n", "names the user `app`"},
		{"chainguard: chown to a named user", chainguard, "FROM node:20\nCOPY --chown=app:app . /app\n" + "ENTRYPOINT [\"/app\"]\n", "names the user `app:app`"},
		{"chainguard: another stage uses it", chainguard, "FROM python:3.12 AS base\nFROM base AS test\nRUN pytest\nFROM base\nCMD [\"python\", \"app.py\"]\n", "stage `test` also starts from it"},
		{"chainguard: image from an ARG", chainguard, "ARG PY=3.12\nFROM python:${PY}\n" + "ENTRYPOINT [\"/app\"]\n", "variables"},
		{"chainguard: apt-key", chainguard, "FROM ubuntu:22.04\nRUN apt-key add /k.gpg && apt-get install -y x\n" + "ENTRYPOINT [\"/app\"]\n", "apt-key"},
		{"chainguard: exec-form apt", chainguard, "FROM ubuntu:22.04\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]\n" + "ENTRYPOINT [\"/app\"]\n", "exec-form"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, fd := fixPolicy(t, tt.src, tt.policy, "DF105")
			if out != "" {
				t.Errorf("want no fix, got:\n%s", out)
			}
			if !strings.Contains(fd.Message, tt.msg) {
				t.Errorf("message %q should contain %q", fd.Message, tt.msg)
			}
		})
	}
}

func TestDF105NamedUsersCreatedByRun(t *testing.T) {
	// adduser in a RUN creates the user that USER names: the swap goes on.
	src := "FROM debian:12\nRUN useradd app\nUSER app\nCMD [\"/app\"]\n"
	out, fd := fixPolicy(t, src, rewrite.BasePolicy{Family: "chainguard"}, "DF105")
	if !strings.HasPrefix(out, "FROM cgr.dev/chainguard/wolfi-base:latest\n") {
		t.Errorf("want a wolfi-base swap, got %q (%s)", out, fd.Message)
	}
}

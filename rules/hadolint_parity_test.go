package rules

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

// The hadolint parity table: for every code hadolint has, Dockerfiles that
// hadolint reports under it and Dockerfiles it does not, each run through
// dflint with `--select` of the code (the rules the code names, and no
// others). The cases are dflint's own, written from what hadolint's
// test/Hadolint/Rule/DLxxxxSpec.hs files check (hadolint is GPL-3.0: its
// tests are read, not copied). docs/hadolint.md lists the same differences
// for users.
//
// A case is one of three kinds:
//   - plain: dflint must agree with hadolint;
//   - differs: dflint deliberately says otherwise, for the reason given; the
//     case asserts dflint's behaviour (the opposite of hadolint's);
//   - pending: dflint does not agree yet and an issue 19 item is changing
//     that; the case is skipped with that item, for the lead to flip after
//     merging.

// hadolintCodes are the codes hadolint has: one file per rule under
// src/Hadolint/Rule/ at hadolint commit 8f936c5 (2026-08-07). DL3005,
// DL3017, DL3031, DL3039 and DL4002 are not among them: hadolint removed
// them (or never had DL4002); hadolint_codes.go says what became of them.
var hadolintCodes = []string{
	"DL1001",
	"DL3000", "DL3001", "DL3002", "DL3003", "DL3004", "DL3006", "DL3007", "DL3008", "DL3009",
	"DL3010", "DL3011", "DL3012", "DL3013", "DL3014", "DL3015", "DL3016", "DL3018", "DL3019",
	"DL3020", "DL3021", "DL3022", "DL3023", "DL3024", "DL3025", "DL3026", "DL3027", "DL3028",
	"DL3029", "DL3030", "DL3032", "DL3033", "DL3034", "DL3035", "DL3036", "DL3037", "DL3038",
	"DL3040", "DL3041", "DL3042", "DL3043", "DL3044", "DL3045", "DL3046", "DL3047", "DL3048",
	"DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3057",
	"DL3058", "DL3059", "DL3060", "DL3061", "DL3062", "DL3063", "DL3064", "DL3065", "DL3066",
	"DL3067",
	"DL4000", "DL4001", "DL4003", "DL4004", "DL4005", "DL4006",
}

// parityCase is one Dockerfile and what hadolint says about it under code.
type parityCase struct {
	code string
	name string
	src  string
	// hadolint is true when hadolint reports the code on src.
	hadolint bool
	// differs, when set, is why dflint deliberately says the opposite;
	// the case then asserts dflint's own answer.
	differs string
	// pending, when set, is the issue 19 item that brings dflint in line;
	// the case is skipped until it is merged.
	pending string
	// opts sets what hadolint's test configured (trusted registries).
	opts func(*Options)
}

var parityCases = []parityCase{
	// DL1001: hadolint reports every inline ignore; DF002 reports ignores
	// that silence nothing.
	{code: "DL1001", name: "ignore that silences nothing", hadolint: true,
		src: "FROM alpine:3.20\n# hadolint ignore=DL3004\nRUN make install\n"},
	{code: "DL1001", name: "ignore that silences a finding", hadolint: true,
		src:     "FROM alpine:3.20\n# hadolint ignore=DL3004\nRUN sudo make install\n",
		differs: "DF002 reports only ignore comments that silence nothing; an ignore that works is a team's decision, not a finding"},
	{code: "DL1001", name: "shell pragma", hadolint: false,
		src: "FROM alpine:3.20\n# hadolint shell=powershell\nRUN make install\n"},

	{code: "DL3000", name: "relative WORKDIR", hadolint: true,
		src: "FROM alpine:3.20\nWORKDIR usr/src/app\n"},
	{code: "DL3000", name: "absolute WORKDIR", hadolint: false,
		src: "FROM alpine:3.20\nWORKDIR /usr/src/app\n"},
	{code: "DL3000", name: "relative WORKDIR after an absolute one", hadolint: true,
		src:     "FROM alpine:3.20\nWORKDIR /src\nWORKDIR build\n",
		differs: "after an absolute WORKDIR a relative one is fully determined (BuildKit's WorkdirRelativePath agrees)"},

	{code: "DL3001", name: "top in RUN", hadolint: true,
		src: "FROM debian:12\nRUN top\n"},
	{code: "DL3001", name: "vim as a package name", hadolint: false,
		src: "FROM debian:12\nRUN apt-get install -y vim\n"},
	{code: "DL3001", name: "service started and used in the same RUN", hadolint: true,
		src:     "FROM debian:12\nRUN service mysql start && mysql < /init.sql\n",
		differs: "a service the RUN itself starts and uses is how database images load data"},

	{code: "DL3002", name: "last USER root in an application image", hadolint: true,
		src: "FROM python:3.12-slim\nCOPY app.py /app/\nUSER root\nCMD [\"python\", \"/app/app.py\"]\n"},
	{code: "DL3002", name: "last USER unprivileged", hadolint: false,
		src: "FROM scratch\nUSER foo\n"},
	{code: "DL3002", name: "USER root in an image that ships no application", hadolint: true,
		src:     "FROM debian:12\nUSER root\nRUN apt-get update\n",
		differs: "DF301 (issue 18) reports only images that ship an application; tool and base images need root"},
	{code: "DL3002", name: "no USER in an application image", hadolint: false,
		src:     "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
		differs: "without USER the image runs as its base's user, root for python; hadolint sees only an explicit USER root"},

	{code: "DL3003", name: "cd that WORKDIR could replace", hadolint: true,
		src: "FROM alpine:3.20\nRUN cd /usr/src/app && make\n"},
	{code: "DL3003", name: "no cd", hadolint: false,
		src: "FROM alpine:3.20\nWORKDIR /usr/src/app\nRUN make\n"},
	{code: "DL3003", name: "cd into a tree the RUN builds and deletes", hadolint: true,
		src:     "FROM alpine:3.20\nRUN git clone https://example.com/x.git /tmp/x && cd /tmp/x && make install && rm -rf /tmp/x\n",
		differs: "DF503 (issue 18, opt-in) reports only a cd that a WORKDIR could replace"},

	{code: "DL3004", name: "sudo", hadolint: true,
		src: "FROM debian:12\nRUN sudo apt-get install -y curl\n"},
	{code: "DL3004", name: "no sudo", hadolint: false,
		src: "FROM debian:12\nRUN apt-get install -y curl\n"},
	{code: "DL3004", name: "sudo -u as root to drop privileges", hadolint: true,
		src:     "FROM debian:12\nRUN sudo -u nobody whoami\n",
		differs: "DF303 (issue 18): root dropping privileges with sudo -u is not an escalation"},

	{code: "DL3006", name: "untagged image", hadolint: true,
		src: "FROM debian\n"},
	{code: "DL3006", name: "tagged image", hadolint: false,
		src: "FROM debian:12\n"},
	{code: "DL3006", name: "earlier stage", hadolint: false,
		src: "FROM debian:12 AS base\nFROM base\n"},
	{code: "DL3006", name: "scratch", hadolint: false,
		src: "FROM scratch\n"},

	{code: "DL3007", name: "latest", hadolint: true,
		src: "FROM debian:latest\n"},
	{code: "DL3007", name: "version tag", hadolint: false,
		src: "FROM debian:12\n"},

	{code: "DL3008", name: "apt-get install unpinned", hadolint: true,
		src: "FROM debian:12\nRUN apt-get install -y python3\n"},
	{code: "DL3008", name: "apt-get install pinned", hadolint: false,
		src: "FROM debian:12\nRUN apt-get install -y python3=3.11.2-1\n"},

	{code: "DL3009", name: "apt lists kept", hadolint: true,
		src: "FROM debian:12\nRUN apt-get update && apt-get install -y python3\n"},
	{code: "DL3009", name: "apt lists removed", hadolint: false,
		src: "FROM debian:12\nRUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*\n"},

	{code: "DL3010", name: "archive copied then extracted", hadolint: true,
		src: "FROM debian:12\nCOPY app.tar /usr/src/app/\nRUN tar -xf /usr/src/app/app.tar\n"},
	{code: "DL3010", name: "archive copied, not extracted", hadolint: false,
		src: "FROM debian:12\nCOPY app.tar /usr/src/app/\n"},

	{code: "DL3011", name: "port out of range", hadolint: true,
		src: "FROM alpine:3.20\nEXPOSE 80000\n"},
	{code: "DL3011", name: "valid port", hadolint: false,
		src: "FROM alpine:3.20\nEXPOSE 8080\n"},

	{code: "DL3012", name: "two HEALTHCHECKs", hadolint: true,
		src: "FROM alpine:3.20\nHEALTHCHECK CMD /bin/true\nHEALTHCHECK CMD /bin/false\n"},
	{code: "DL3012", name: "one HEALTHCHECK per stage", hadolint: false,
		src: "FROM alpine:3.20 AS a\nHEALTHCHECK CMD /bin/true\nFROM alpine:3.20\nHEALTHCHECK CMD /bin/true\n"},

	{code: "DL3013", name: "pip install unpinned", hadolint: true,
		src: "FROM python:3.12\nRUN pip install --no-cache-dir django\n"},
	{code: "DL3013", name: "pip install pinned", hadolint: false,
		src: "FROM python:3.12\nRUN pip install --no-cache-dir django==5.0.1\n"},
	{code: "DL3013", name: "pip install from requirements", hadolint: false,
		src: "FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n"},

	{code: "DL3014", name: "apt-get install without -y", hadolint: true,
		src: "FROM debian:12\nRUN apt-get install python3\n"},
	{code: "DL3014", name: "apt-get install -y", hadolint: false,
		src: "FROM debian:12\nRUN apt-get install -y python3\n"},
	{code: "DL3014", name: "apt-get install --assume-yes", hadolint: false,
		src: "FROM debian:12\nRUN apt-get install --assume-yes python3\n"},

	{code: "DL3015", name: "recommends installed", hadolint: true,
		src: "FROM debian:12\nRUN apt-get install -y python3\n"},
	{code: "DL3015", name: "--no-install-recommends", hadolint: false,
		src: "FROM debian:12\nRUN apt-get install -y --no-install-recommends python3\n"},

	{code: "DL3016", name: "npm install unpinned", hadolint: true,
		src: "FROM node:20\nRUN npm install express\n"},
	{code: "DL3016", name: "npm install pinned", hadolint: false,
		src: "FROM node:20\nRUN npm install express@4.19.2\n"},
	{code: "DL3016", name: "npm install from package.json", hadolint: false,
		src: "FROM node:20\nRUN npm install\n"},

	{code: "DL3018", name: "apk add unpinned", hadolint: true,
		src: "FROM alpine:3.20\nRUN apk add --no-cache curl\n"},
	{code: "DL3018", name: "apk add pinned", hadolint: false,
		src: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0\n"},

	{code: "DL3019", name: "apk add without --no-cache", hadolint: true,
		src: "FROM alpine:3.20\nRUN apk add curl=8.9.0-r0\n"},
	{code: "DL3019", name: "apk add --no-cache", hadolint: false,
		src: "FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.0-r0\n"},

	{code: "DL3020", name: "ADD of a local file", hadolint: true,
		src: "FROM alpine:3.20\nADD app.py /app/\n"},
	{code: "DL3020", name: "ADD of a local archive", hadolint: false,
		src: "FROM alpine:3.20\nADD rootfs.tar.gz /\n"},
	{code: "DL3020", name: "COPY of a local file", hadolint: false,
		src: "FROM alpine:3.20\nCOPY app.py /app/\n"},

	{code: "DL3021", name: "several sources, destination not a directory", hadolint: true,
		src: "FROM alpine:3.20\nCOPY a.txt b.txt /dest\n"},
	{code: "DL3021", name: "several sources into a directory", hadolint: false,
		src: "FROM alpine:3.20\nCOPY a.txt b.txt /dest/\n"},

	{code: "DL3022", name: "COPY --from an unknown stage", hadolint: true,
		src: "FROM alpine:3.20\nCOPY --from=builder /out /out\n"},
	{code: "DL3022", name: "COPY --from an earlier stage", hadolint: false,
		src: "FROM alpine:3.20 AS builder\nRUN make\nFROM alpine:3.20\nCOPY --from=builder /out /out\n"},
	{code: "DL3022", name: "COPY --from an image with a tag", hadolint: false,
		src: "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n"},

	{code: "DL3023", name: "COPY --from its own stage", hadolint: true,
		src: "FROM alpine:3.20 AS app\nCOPY --from=app /out /out\n"},
	{code: "DL3023", name: "COPY --from another stage", hadolint: false,
		src: "FROM alpine:3.20 AS builder\nRUN make\nFROM alpine:3.20 AS app\nCOPY --from=builder /out /out\n"},

	{code: "DL3024", name: "duplicate stage name", hadolint: true,
		src: "FROM alpine:3.20 AS base\nRUN true\nFROM alpine:3.20 AS base\nRUN true\n"},
	{code: "DL3024", name: "distinct stage names", hadolint: false,
		src: "FROM alpine:3.20 AS base\nRUN true\nFROM alpine:3.20 AS app\nRUN true\n"},

	{code: "DL3025", name: "CMD in shell form", hadolint: true,
		src: "FROM node:20\nCMD node server.js\n"},
	{code: "DL3025", name: "ENTRYPOINT in shell form", hadolint: true,
		src: "FROM node:20\nENTRYPOINT node server.js\n"},
	{code: "DL3025", name: "CMD in exec form", hadolint: false,
		src: "FROM node:20\nCMD [\"node\", \"server.js\"]\n"},

	{code: "DL3026", name: "image from an untrusted registry", hadolint: true,
		src:  "FROM registry.example.com/debian:12\n",
		opts: func(o *Options) { o.TrustedRegistries = []string{"docker.io"} }},
	{code: "DL3026", name: "Docker Hub image, Docker Hub trusted", hadolint: false,
		src:  "FROM debian:12\n",
		opts: func(o *Options) { o.TrustedRegistries = []string{"docker.io"} }},
	{code: "DL3026", name: "image from a trusted registry", hadolint: false,
		src:  "FROM registry.example.com/debian:12\n",
		opts: func(o *Options) { o.TrustedRegistries = []string{"registry.example.com"} }},

	{code: "DL3027", name: "apt install", hadolint: true,
		src: "FROM debian:12\nRUN apt install -y python3\n"},
	{code: "DL3027", name: "apt-get install", hadolint: false,
		src: "FROM debian:12\nRUN apt-get install -y python3\n"},

	{code: "DL3028", name: "gem install unpinned", hadolint: true,
		src: "FROM ruby:3.3\nRUN gem install bundler\n"},
	{code: "DL3028", name: "gem install pinned", hadolint: false,
		src: "FROM ruby:3.3\nRUN gem install bundler:2.5.6\n"},

	{code: "DL3029", name: "constant --platform", hadolint: true,
		src: "FROM --platform=linux/amd64 debian:12\n"},
	{code: "DL3029", name: "--platform=$BUILDPLATFORM", hadolint: false,
		src: "FROM --platform=$BUILDPLATFORM debian:12\n"},
	{code: "DL3029", name: "constant --platform in a stage named for it", hadolint: true,
		src:     "FROM --platform=linux/arm64 debian:12 AS build-arm64\nRUN true\n",
		differs: "a stage named for its platform is deliberately built for it"},
	{code: "DL3029", name: "no --platform", hadolint: false,
		src: "FROM debian:12\n"},

	{code: "DL3030", name: "yum install without -y", hadolint: true,
		src: "FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n"},
	{code: "DL3030", name: "yum install -y", hadolint: false,
		src: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"},

	{code: "DL3032", name: "yum without clean", hadolint: true,
		src: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n"},
	{code: "DL3032", name: "yum clean all", hadolint: false,
		src: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"},

	{code: "DL3033", name: "yum install unpinned", hadolint: true,
		src: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n"},
	{code: "DL3033", name: "yum install pinned", hadolint: false,
		src: "FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n"},

	{code: "DL3034", name: "zypper install without -y", hadolint: true,
		src: "FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.58 && zypper clean\n"},
	{code: "DL3034", name: "zypper install -y", hadolint: false,
		src: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n"},

	{code: "DL3035", name: "zypper dist-upgrade", hadolint: true,
		src: "FROM opensuse/leap:15.6\nRUN zypper dist-upgrade -y\n"},
	{code: "DL3035", name: "zypper install", hadolint: false,
		src: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n"},

	{code: "DL3036", name: "zypper without clean", hadolint: true,
		src: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58\n"},
	{code: "DL3036", name: "zypper clean", hadolint: false,
		src: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n"},

	{code: "DL3037", name: "zypper install unpinned", hadolint: true,
		src: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd && zypper clean\n"},
	{code: "DL3037", name: "zypper install pinned", hadolint: false,
		src: "FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.58 && zypper clean\n"},

	{code: "DL3038", name: "dnf install without -y", hadolint: true,
		src: "FROM fedora:40\nRUN dnf install httpd-2.4.58 && dnf clean all\n"},
	{code: "DL3038", name: "dnf install -y", hadolint: false,
		src: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all\n"},

	{code: "DL3040", name: "dnf without clean", hadolint: true,
		src: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58\n"},
	{code: "DL3040", name: "dnf clean all", hadolint: false,
		src: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all\n"},

	{code: "DL3041", name: "dnf install unpinned", hadolint: true,
		src: "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n"},
	{code: "DL3041", name: "dnf install pinned", hadolint: false,
		src: "FROM fedora:40\nRUN dnf install -y httpd-2.4.58 && dnf clean all\n"},

	{code: "DL3042", name: "pip install without --no-cache-dir", hadolint: true,
		src: "FROM python:3.12\nRUN pip install django==5.0.1\n"},
	{code: "DL3042", name: "pip install --no-cache-dir", hadolint: false,
		src: "FROM python:3.12\nRUN pip install --no-cache-dir django==5.0.1\n"},
	{code: "DL3042", name: "PIP_NO_CACHE_DIR set", hadolint: false,
		src: "FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install django==5.0.1\n"},
	{code: "DL3042", name: "PIP_NO_CACHE_DIR=0", hadolint: true,
		src:     "FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install django==5.0.1\n",
		differs: "pip turns its cache off for any value of PIP_NO_CACHE_DIR it accepts, 0 and false included"},
	{code: "DL3042", name: "pipx install", hadolint: false,
		src: "FROM python:3.12\nRUN pipx install black==24.1.0\n"},

	{code: "DL3043", name: "ONBUILD ONBUILD", hadolint: true,
		src: "FROM alpine:3.20\nONBUILD ONBUILD RUN true\n"},
	{code: "DL3043", name: "ONBUILD RUN", hadolint: false,
		src: "FROM alpine:3.20\nONBUILD RUN true\n"},

	{code: "DL3044", name: "ENV refers to a key of the same ENV", hadolint: true,
		src: "FROM alpine:3.20\nENV A=/opt B=$A/bin\n"},
	{code: "DL3044", name: "ENV refers to an earlier ENV", hadolint: false,
		src: "FROM alpine:3.20\nENV A=/opt\nENV B=$A/bin\n"},

	{code: "DL3045", name: "relative COPY destination without WORKDIR", hadolint: true,
		src: "FROM alpine:3.20\nCOPY app.py app/\n"},
	{code: "DL3045", name: "relative COPY destination after WORKDIR", hadolint: false,
		src: "FROM alpine:3.20\nWORKDIR /srv\nCOPY app.py app/\n"},
	{code: "DL3045", name: "absolute COPY destination", hadolint: false,
		src: "FROM alpine:3.20\nCOPY app.py /app/\n"},

	{code: "DL3046", name: "useradd with a high UID and no -l", hadolint: true,
		src: "FROM debian:12\nRUN useradd -u 123456 app\n"},
	{code: "DL3046", name: "useradd -l", hadolint: false,
		src: "FROM debian:12\nRUN useradd -l -u 123456 app\n"},
	{code: "DL3046", name: "useradd with a low UID", hadolint: false,
		src: "FROM debian:12\nRUN useradd -u 1000 app\n"},

	{code: "DL3047", name: "wget without --progress", hadolint: true,
		src: "FROM debian:12\nRUN wget https://example.com/file.tar.gz\n"},
	{code: "DL3047", name: "wget --progress", hadolint: false,
		src: "FROM debian:12\nRUN wget --progress=dot:giga https://example.com/file.tar.gz\n"},

	{code: "DL3048", name: "label key in a reserved namespace", hadolint: true,
		src: "FROM alpine:3.20\nLABEL com.docker.label=\"foo\"\n"},
	{code: "DL3048", name: "valid label key", hadolint: false,
		src: "FROM alpine:3.20\nLABEL org.example.label=\"foo\"\n"},

	{code: "DL3049", name: "required label missing", hadolint: true, opts: func(o *Options) { o.LabelSchema = map[string]LabelType{"maintainer": LabelText} },
		src: "FROM alpine:3.20\nLABEL org.example.other=\"foo\"\n"},
	{code: "DL3049", name: "no label schema", hadolint: false,
		src: "FROM alpine:3.20\n"},

	{code: "DL3050", name: "label outside a strict schema", hadolint: true, opts: func(o *Options) { o.LabelSchema = map[string]LabelType{"maintainer": LabelText}; o.StrictLabels = true },
		src: "FROM alpine:3.20\nLABEL org.example.extra=\"foo\"\n"},
	{code: "DL3050", name: "labels without strict-labels", hadolint: false,
		src: "FROM alpine:3.20\nLABEL org.example.extra=\"foo\"\n"},

	{code: "DL3051", name: "empty label", hadolint: true, opts: func(o *Options) { o.LabelSchema = map[string]LabelType{"maintainer": LabelText} },
		src: "FROM alpine:3.20\nLABEL maintainer=\"\"\n"},
	{code: "DL3051", name: "label with a value", hadolint: false, opts: func(o *Options) { o.LabelSchema = map[string]LabelType{"maintainer": LabelText} },
		src: "FROM alpine:3.20\nLABEL maintainer=\"team@example.com\"\n"},

	{code: "DL3052", name: "URL label that is not a URL", hadolint: true,
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.url=\"not a url\"\n"},
	{code: "DL3052", name: "URL label with a URL", hadolint: false,
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.url=\"https://example.com/app\"\n"},

	{code: "DL3053", name: "created label that is not RFC 3339", hadolint: true,
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"yesterday\"\n"},
	{code: "DL3053", name: "created label in RFC 3339", hadolint: false,
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"2026-01-02T03:04:05Z\"\n"},

	{code: "DL3054", name: "licenses label that is not SPDX", hadolint: true,
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=\"my own licence!\"\n"},
	{code: "DL3054", name: "licenses label in SPDX", hadolint: false,
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=\"Apache-2.0\"\n"},

	{code: "DL3055", name: "revision label that is not a git hash", hadolint: true, opts: func(o *Options) { o.LabelSchema = map[string]LabelType{"org.opencontainers.image.revision": LabelHash} },
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.revision=\"not-a-hash\"\n"},
	{code: "DL3055", name: "revision label with a git hash", hadolint: false, opts: func(o *Options) { o.LabelSchema = map[string]LabelType{"org.opencontainers.image.revision": LabelHash} },
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.revision=\"1a2b3c4d\"\n"},

	{code: "DL3056", name: "version label that is not semver", hadolint: true, opts: func(o *Options) {
		o.LabelSchema = map[string]LabelType{"org.opencontainers.image.version": LabelSemver}
	},
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"version one\"\n"},
	{code: "DL3056", name: "version label in semver", hadolint: false, opts: func(o *Options) {
		o.LabelSchema = map[string]LabelType{"org.opencontainers.image.version": LabelSemver}
	},
		src: "FROM alpine:3.20\nLABEL org.opencontainers.image.version=\"1.2.3\"\n"},

	{code: "DL3057", name: "service without HEALTHCHECK", hadolint: true,
		src: "FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n"},
	{code: "DL3057", name: "service with HEALTHCHECK", hadolint: false,
		src: "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n"},
	{code: "DL3057", name: "tool image without HEALTHCHECK", hadolint: true,
		src:     "FROM alpine:3.20\nRUN apk add --no-cache jq\nENTRYPOINT [\"jq\"]\n",
		differs: "DF520 (opt-in) asks only services (a final stage that EXPOSEs a port) for a HEALTHCHECK"},

	{code: "DL3058", name: "email label that is not an address", hadolint: true, opts: func(o *Options) { o.LabelSchema = map[string]LabelType{"maintainer": LabelEmail} },
		src: "FROM alpine:3.20\nLABEL maintainer=\"not an address\"\n"},
	{code: "DL3058", name: "no label schema", hadolint: false,
		src: "FROM alpine:3.20\nLABEL maintainer=\"team@example.com\"\n"},

	{code: "DL3059", name: "two consecutive RUNs", hadolint: true,
		src: "FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl --version\n"},
	{code: "DL3059", name: "RUNs separated by another instruction", hadolint: false,
		src: "FROM alpine:3.20\nRUN apk add --no-cache curl\nWORKDIR /src\nRUN curl --version\n"},

	{code: "DL3060", name: "yarn install without cache clean", hadolint: true,
		src: "FROM node:20\nRUN yarn install\n"},
	{code: "DL3060", name: "yarn install with cache clean", hadolint: false,
		src: "FROM node:20\nRUN yarn install && yarn cache clean\n"},

	{code: "DL3061", name: "LABEL before FROM", hadolint: true,
		src: "LABEL a=b\nFROM alpine:3.20\n"},
	{code: "DL3061", name: "ARG before FROM", hadolint: false,
		src: "ARG TAG=3.20\nFROM alpine:${TAG}\n"},

	{code: "DL3062", name: "go install @latest", hadolint: true,
		src: "FROM golang:1.23\nRUN go install example.com/tool@latest\n"},
	{code: "DL3062", name: "go install @version", hadolint: false,
		src: "FROM golang:1.23\nRUN go install example.com/tool@v1.2.3\n"},
	{code: "DL3062", name: "go install of a local package", hadolint: false,
		src: "FROM golang:1.23\nRUN go install ./cmd/tool\n"},
	{code: "DL3062", name: "go install without @", hadolint: true,
		src:     "FROM golang:1.23\nRUN go install example.com/tool\n",
		differs: "without @ go install builds the version go.mod requires (and fails outside a module): nothing drifts"},

	{code: "DL3063", name: "stage named scratch", hadolint: true,
		src: "FROM alpine:3.20 AS scratch\n"},
	{code: "DL3063", name: "ordinary stage name", hadolint: false,
		src: "FROM alpine:3.20 AS build\n"},

	{code: "DL3064", name: "ARG named like a secret", hadolint: true,
		src: "ARG AWS_ACCESS_KEY_ID\nFROM debian:12\nRUN true\n"},
	{code: "DL3064", name: "ENV named like a secret", hadolint: true,
		src: "FROM debian:12\nENV my_password=abcdefghijklmnop\n"},
	{code: "DL3064", name: "ordinary ENV", hadolint: false,
		src: "FROM debian:12\nENV foobar=barfoo\n"},

	{code: "DL3065", name: "--platform=$TARGETPLATFORM", hadolint: true,
		src: "FROM --platform=$TARGETPLATFORM alpine:3.20\n"},
	{code: "DL3065", name: "--platform=$BUILDPLATFORM", hadolint: false,
		src: "FROM --platform=$BUILDPLATFORM alpine:3.20\n"},

	{code: "DL3066", name: "user name", hadolint: true,
		src: "FROM alpine:3.20\nUSER app\n"},
	{code: "DL3066", name: "numeric user", hadolint: false,
		src: "FROM alpine:3.20\nUSER 1000\n"},

	{code: "DL3067", name: "COPY of another stage's whole filesystem", hadolint: true,
		src: "FROM alpine:3.20 AS build\nRUN true\nFROM scratch\nCOPY --from=build / /\n"},
	{code: "DL3067", name: "COPY of a directory from another stage", hadolint: false,
		src: "FROM alpine:3.20 AS build\nRUN true\nFROM scratch\nCOPY --from=build /out /out\n"},

	{code: "DL4000", name: "MAINTAINER", hadolint: true,
		src: "FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n"},
	{code: "DL4000", name: "maintainer LABEL", hadolint: false,
		src: "FROM alpine:3.20\nLABEL maintainer=\"jane@example.com\"\n"},

	{code: "DL4001", name: "wget and curl in one stage", hadolint: true,
		src: "FROM debian:12\nRUN wget -q https://example.com/a\nRUN curl -fsSLO https://example.com/b\n"},
	{code: "DL4001", name: "curl only", hadolint: false,
		src: "FROM debian:12\nRUN curl -fsSLO https://example.com/a\nRUN curl -fsSLO https://example.com/b\n"},

	{code: "DL4003", name: "two CMDs", hadolint: true,
		src: "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n"},
	{code: "DL4003", name: "one CMD per stage", hadolint: false,
		src: "FROM alpine:3.20 AS a\nCMD [\"a\"]\nFROM alpine:3.20\nCMD [\"b\"]\n"},

	{code: "DL4004", name: "two ENTRYPOINTs", hadolint: true,
		src: "FROM alpine:3.20\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n"},
	{code: "DL4004", name: "one ENTRYPOINT", hadolint: false,
		src: "FROM alpine:3.20\nENTRYPOINT [\"a\"]\n"},

	{code: "DL4005", name: "ln onto /bin/sh", hadolint: true,
		src: "FROM debian:12\nRUN ln -sfv /bin/bash /bin/sh\n"},
	{code: "DL4005", name: "ln of something else", hadolint: false,
		src: "FROM debian:12\nRUN ln -sf /bin/true /sbin/initctl\n"},

	{code: "DL4006", name: "download piped to a shell", hadolint: true,
		src: "FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n"},
	{code: "DL4006", name: "pipe after SHELL with pipefail", hadolint: false,
		src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/install.sh | sh\n"},
	{code: "DL4006", name: "pipe whose status pipefail would not change", hadolint: true,
		src:     "FROM debian:12\nRUN echo hello | tr a-z A-Z\n",
		differs: "DF508 (issue 18) reports only pipelines whose exit status pipefail would change"},
}

// TestHadolintParity runs the table and logs, per code, how many cases
// agree with hadolint, differ on purpose, or wait for an issue 19 item.
func TestHadolintParity(t *testing.T) {
	type tally struct{ agree, differ, pending int }
	tallies := map[string]*tally{}
	for _, c := range parityCases {
		tl := tallies[c.code]
		if tl == nil {
			tl = &tally{}
			tallies[c.code] = tl
		}
		t.Run(c.code+"/"+c.name, func(t *testing.T) {
			if c.pending != "" {
				tl.pending++
				t.Skip(c.pending)
			}
			want := c.hadolint
			if c.differs != "" {
				want = !want
				tl.differ++
			} else {
				tl.agree++
			}
			got := parityFindings(t, c)
			if (len(got) > 0) != want {
				t.Errorf("--select %s reports %d finding(s) %v, want reported=%v (hadolint: %v; differs: %q)\n%s",
					c.code, len(got), got, want, c.hadolint, c.differs, c.src)
			}
		})
	}
	codes := make([]string, 0, len(tallies))
	for code := range tallies {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	var total tally
	for _, code := range codes {
		tl := tallies[code]
		t.Logf("%s: agree %d, differ deliberately %d, pending %d", code, tl.agree, tl.differ, tl.pending)
		total.agree += tl.agree
		total.differ += tl.differ
		total.pending += tl.pending
	}
	t.Logf("all codes: agree %d, differ deliberately %d, pending %d", total.agree, total.differ, total.pending)
}

// parityFindings lints the case with --select of its code and returns the
// IDs of what was reported.
func parityFindings(t *testing.T, c parityCase) []string {
	t.Helper()
	opts := Options{Select: []string{c.code}, Today: testToday}
	if c.opts != nil {
		c.opts(&opts)
	}
	e, err := NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(c.src)))
	for _, err := range errs {
		t.Errorf("lint error: %v", err)
	}
	var ids []string
	for _, f := range fs {
		ids = append(ids, fmt.Sprintf("%s@%d", f.RuleID, f.Line))
	}
	return ids
}

// TestHadolintParityCoversEveryCode: each of hadolint's codes has a case
// hadolint reports and one it does not, and every case names a code
// hadolint has.
func TestHadolintParityCoversEveryCode(t *testing.T) {
	known := map[string]bool{}
	for _, code := range hadolintCodes {
		known[code] = true
	}
	caught, notCaught := map[string]bool{}, map[string]bool{}
	for _, c := range parityCases {
		if !known[c.code] {
			t.Errorf("case %q names %s, which hadolint does not have", c.name, c.code)
		}
		if c.differs != "" && c.pending != "" {
			t.Errorf("%s %q: a case differs on purpose or is pending, not both", c.code, c.name)
		}
		if strings.TrimSpace(c.src) == "" {
			t.Errorf("%s %q: no Dockerfile", c.code, c.name)
		}
		if c.hadolint {
			caught[c.code] = true
		} else {
			notCaught[c.code] = true
		}
	}
	for _, code := range hadolintCodes {
		if !caught[code] {
			t.Errorf("%s: no case that hadolint reports", code)
		}
		if !notCaught[code] {
			t.Errorf("%s: no case that hadolint does not report", code)
		}
	}
}

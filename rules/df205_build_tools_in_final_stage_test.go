package rules

import "testing"

func TestDF205BuildToolsInFinalStage(t *testing.T) {
	runCases(t, "DF205", []ruleCase{
		{name: "apt gcc", src: "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\nCMD [\"gunicorn\", \"app:app\"]\n", want: 1},
		{name: "apt build-essential and dev", src: "FROM debian:12-slim\nRUN apt-get install -y build-essential libssl-dev curl\nCMD [\"/app\"]\n", want: 1},
		{name: "apk build-base", src: "FROM alpine:3.20\nRUN apk add --no-cache build-base python3-dev\nCMD [\"/app\"]\n", want: 1},
		{name: "dnf devel", src: "FROM rockylinux:9\nRUN dnf install -y gcc-c++ openssl-devel && dnf clean all\nCMD [\"/app\"]\n", want: 1},
		{name: "zypper", src: "FROM opensuse/leap:15.6\nRUN zypper install -y make\nCMD [\"/app\"]\n", want: 1},
		{name: "versioned compiler", src: "FROM ubuntu:24.04\nRUN apt-get install -y gcc-12=12.3.0-1ubuntu1\nCMD [\"/app\"]\n", want: 1},
		{name: "two RUNs", src: "FROM alpine:3.20\nRUN apk add --no-cache gcc\nRUN apk add --no-cache make\nCMD [\"/app\"]\n", want: 2},
		{name: "in a stage the final is built on", src: "FROM alpine:3.20 AS base\nRUN apk add --no-cache gcc\nFROM base\nCMD [\"/app\"]\n", want: 1},
		{name: "removed by another RUN only", src: "FROM alpine:3.20\nRUN apk add --no-cache gcc\nRUN apk del gcc\nCMD [\"/app\"]\n", want: 1},
		{name: "virtual group not removed", src: "FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev\nCMD [\"/app\"]\n", want: 1},
		{name: "heredoc", src: "FROM debian:12-slim\nRUN <<EOF\napt-get update\napt-get install -y gcc\nEOF\nCMD [\"/app\"]\n", want: 1},
		{name: "app with a bare interpreter CMD elsewhere", src: "FROM python:3.12-slim\nRUN apt-get install -y gcc\nCMD [\"python\", \"app.py\"]\n", want: 1},
		{name: "entrypoint script", src: "FROM alpine:3.20\nRUN apk add --no-cache make\nENTRYPOINT [\"/entrypoint.sh\"]\n", want: 1},
		// Must not.
		// Corpus: docker-library's ruby, php, python, postgres images save
		// apt-mark's manual list, build, then purge --auto-remove.
		{name: "apt-mark auto then purge --auto-remove", src: "FROM debian:12-slim\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends dpkg-dev libgdbm-dev; make install; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false\nCMD [\"irb\"]\n", want: 0},
		// Corpus: docker-library's golang, rust and swift images ship the
		// compilers: no CMD, or a bare shell or REPL.
		{name: "toolchain image without CMD", src: "FROM debian:12-slim\nRUN apt-get install -y --no-install-recommends g++ gcc libc6-dev make pkg-config\nENV PATH=/usr/local/go/bin:$PATH\n", want: 0},
		{name: "toolchain image with a shell CMD", src: "FROM fedora:39\nRUN dnf install -y gcc libcurl-devel\nCMD [\"bash\"]\n", want: 0},
		{name: "runtime packages", src: "FROM debian:12-slim\nRUN apt-get install -y libpq5 ca-certificates curl\n", want: 0},
		{name: "udev is not a dev package", src: "FROM debian:12-slim\nRUN apt-get install -y udev\n", want: 0},
		{name: "virtual group removed", src: "FROM python:3.12-alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir psycopg2 && apk del .build-deps\n", want: 0},
		{name: "purged in the same RUN", src: "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc && pip install --no-cache-dir uwsgi && apt-get purge -y --auto-remove gcc\n", want: 0},
		{name: "purged through a variable", src: "FROM python:3.12-slim\nRUN apt-get install -y gcc make && pip install x && apt-get purge -y --auto-remove $buildDeps\n", want: 0},
		{name: "build stage", src: "FROM debian:12 AS build\nRUN apt-get install -y build-essential\nFROM debian:12-slim\nCOPY --from=build /out /out\n", want: 0},
		// Corpus: traefik docs/check.Dockerfile (a CI image without a
		// command), moby/buildkit's validate targets.
		{name: "CI image without a command", src: "FROM alpine:3.20\nRUN apk add --no-cache build-base libxml2-dev ruby-dev\nWORKDIR /app\n", want: 0},
		{name: "lint target", src: "FROM alpine:3.20 AS lint\nRUN apk add --no-cache build-base\nCMD [\"make\", \"lint\"]\n", want: 0},
		// Corpus: jessfraz kernel-builder: a shell is the product.
		{name: "build environment with a shell entrypoint", src: "FROM debian:12\nRUN apt-get install -y bison flex libncurses-dev\nENTRYPOINT [\"bash\"]\n", want: 0},
		{name: "toolchain base", src: "FROM golang:1.23\nRUN apt-get install -y gcc\n", want: 0},
		{name: "packages from a variable", src: "FROM debian:12-slim\nRUN apt-get install -y $PACKAGES\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN choco install -y make\n", want: 0},
	})
}

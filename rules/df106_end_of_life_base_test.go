package rules

import (
	"strings"
	"testing"
)

func TestDF106EndOfLifeBase(t *testing.T) {
	runCases(t, "DF106", []ruleCase{
		{name: "python 3.8", src: "FROM python:3.8\n", want: 1},
		{name: "python patch and suite", src: "FROM python:3.9.18-slim-buster\n", want: 1},
		{name: "node 18 alpine", src: "FROM node:18-alpine AS build\nFROM nginx:1.27\n", want: 1},
		{name: "golang alpine suffix", src: "FROM golang:1.22-alpine3.19\n", want: 1},
		{name: "language current, alpine old", src: "FROM python:3.13-alpine3.18\n", want: 1},
		{name: "language current, debian old", src: "FROM node:22-buster-slim\n", want: 1},
		{name: "debian codename", src: "FROM debian:buster-slim\n", want: 1},
		{name: "debian number", src: "FROM debian:9\n", want: 1},
		{name: "ubuntu", src: "FROM ubuntu:18.04\n", want: 1},
		{name: "ubuntu codename", src: "FROM ubuntu:focal-20240101\n", want: 1},
		{name: "alpine", src: "FROM alpine:3.14\n", want: 1},
		{name: "ruby", src: "FROM ruby:2.7-slim\n", want: 1},
		{name: "php", src: "FROM php:7.4-apache\n", want: 1},
		{name: "temurin non-LTS", src: "FROM eclipse-temurin:19-jre\n", want: 1},
		{name: "openjdk", src: "FROM openjdk:8-jdk-alpine\n", want: 1},
		{name: "dotnet", src: "FROM mcr.microsoft.com/dotnet/aspnet:6.0\n", want: 1},
		{name: "dotnet core", src: "FROM mcr.microsoft.com/dotnet/core/sdk:3.1\n", want: 1},
		{name: "tag from ARG default", src: "ARG PY=3.7\nFROM python:${PY}-slim\n", want: 1},
		{name: "mirror prefix", src: "FROM public.ecr.aws/docker/library/python:3.7\n", want: 1},
		{name: "every stage", src: "FROM node:16 AS a\nFROM python:3.6\n", want: 2},
		{name: "with digest", src: "FROM python:3.7@sha256:4f3f6f2c1b5e0e4e2a1d9b0cbb4c2a8fb3b8f1a0d7f8a9e6c5b4d3c2b1a0f9e8\n", want: 1},
		{name: "supported python", src: "FROM python:3.12-slim-bookworm\n", want: 0},
		{name: "supported node", src: "FROM node:22-alpine\n", want: 0},
		{name: "no line in tag", src: "FROM python:3-slim\n", want: 0},
		{name: "floating node tag", src: "FROM node:lts-alpine\n", want: 0},
		{name: "untagged", src: "FROM python\n", want: 0},
		{name: "latest", src: "FROM debian:latest\n", want: 0},
		{name: "unknown image", src: "FROM example.com/team/python:3.6\n", want: 0},
		{name: "other image with version-like tag", src: "FROM nginx:1.18-alpine\n", want: 0},
		{name: "stage reference", src: "FROM python:3.12 AS base\nFROM base\n", want: 0},
		{name: "ARG without default", src: "ARG V\nFROM python:${V}\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/dotnet/sdk:6.0-nanoserver-ltsc2022\n", want: 0},
		{name: "scratch", src: "FROM scratch\n", want: 0},
		// Issue 18: lines dflint had no dates for.
		{name: "centos 7", src: "FROM centos:7\n", want: 1},
		{name: "centos codename-style tag", src: "FROM centos:centos6\n", want: 1},
		{name: "centos point release", src: "FROM centos:8.4.2105\n", want: 1},
		{name: "centos latest: the whole image is deprecated", src: "FROM centos:latest\n", want: 1},
		{name: "centos untagged", src: "FROM centos\n", want: 1},
		{name: "centos stream 8 ended", src: "FROM quay.io/centos/centos:stream8\n", want: 1},
		{name: "centos stream 9 is supported", src: "FROM quay.io/centos/centos:stream9-minimal\n", want: 0},
		{name: "centos stream 10 is supported", src: "FROM quay.io/centos/centos:stream10\n", want: 0},
		{name: "rocky linux 8 is supported", src: "FROM rockylinux:8\n", want: 0},
		{name: "amazon linux 2", src: "FROM amazonlinux:2\n", want: 1},
		{name: "amazon linux 1", src: "FROM amazonlinux:2018.03\n", want: 1},
		{name: "amazon linux 2023", src: "FROM amazonlinux:2023\n", want: 0},
		{name: "fedora 39", src: "FROM fedora:39\n", want: 1},
		{name: "fedora 44", src: "FROM fedora:44\n", want: 0},
		{name: "fedora rawhide is DF109's", src: "FROM fedora:rawhide\n", want: 0},
		{name: "gcc 6", src: "FROM gcc:6\n", want: 1},
		{name: "gcc 14", src: "FROM gcc:14.2\n", want: 0},
		{name: "ubi minor: not dated", src: "FROM registry.access.redhat.com/ubi8/ubi:8.6\n", want: 0},
	})
}

// TestDF106SaysWhatEnded checks that each message names what reached end
// of life: a language release, a distribution release, or an image's tags
// (openjdk:17 is the deprecated image, not Java 17, which is supported).
func TestDF106SaysWhatEnded(t *testing.T) {
	tests := []struct {
		src     string
		want    []string
		notWant []string
	}{
		{"FROM openjdk:17-slim\n", []string{"the `openjdk` image stopped maintaining its Java 17 tags on 2022-07-31", "Java 17 itself is supported until 2029-10-31", "the `openjdk` image is deprecated", "move to `eclipse-temurin`"}, []string{"Java 17 reached end of life"}},
		{"FROM arm32v7/openjdk:8-jre\n", []string{"the `openjdk` image is deprecated"}, nil},
		{"FROM public.ecr.aws/docker/library/centos:7\n", []string{"the `centos` image is deprecated"}, nil},
		{"FROM quay.io/centos/centos:centos7\n", []string{"CentOS Linux 7 reached end of life on 2024-06-30"}, []string{"deprecated"}},
		{"FROM openjdk:19\n", []string{"Java 19 itself reached end of life on 2023-03-21"}, nil},
		{"FROM python:3.9-slim-buster\n", []string{"the language release python 3.9 reached end of life on 2025-10-31", "the distribution release debian 10 (buster) reached end of life on 2024-06-30"}, nil},
		{"FROM centos:7\n", []string{"the distribution release CentOS Linux 7 reached end of life on 2024-06-30", "the `centos` image is deprecated", "move to `almalinux`"}, nil},
		{"FROM centos:latest\n", []string{"`centos:latest` is past end of life: the `centos` image is deprecated: every tag is past end of life since 2024-06-30", "move to `almalinux`"}, nil},
		{"FROM quay.io/centos/centos:stream8\n", []string{"the distribution release CentOS Stream 8 reached end of life on 2024-05-31", "move to CentOS Stream 10"}, []string{"deprecated", "CentOS Linux"}},
		{"FROM amazonlinux:2\n", []string{"the distribution release Amazon Linux 2 reached end of life on 2026-06-30", "move to Amazon Linux 2023"}, nil},
		{"FROM amazonlinux:1\n", []string{"Amazon Linux 1 (AMI 2018.03) reached end of life on 2023-12-31"}, nil},
		{"FROM fedora:39\n", []string{"the distribution release Fedora 39 reached end of life on 2024-11-26", "move to Fedora 44"}, nil},
		{"FROM node:18-alpine\n", []string{"the runtime release node 18 reached end of life on 2025-04-30"}, nil},
		{"FROM mcr.microsoft.com/dotnet/aspnet:6.0\n", []string{"the runtime release .NET 6.0 reached end of life on 2024-11-12", "move to .NET 10.0"}, nil},
		{"FROM gcc:6\n", []string{"the `gcc` image stopped maintaining its GCC 6 tags on 2020-04-30", "move to GCC 16"}, nil},
		{"FROM eclipse-temurin:19-jre\n", []string{"the runtime release Java 19 reached end of life"}, nil},
	}
	for _, tt := range tests {
		fs := lintWith(t, tt.src, "DF106")
		if len(fs) != 1 {
			t.Errorf("%q: got %d findings", tt.src, len(fs))
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(fs[0].Message, w) {
				t.Errorf("%q: message %q lacks %q", tt.src, fs[0].Message, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(fs[0].Message, w) {
				t.Errorf("%q: message %q has %q", tt.src, fs[0].Message, w)
			}
		}
	}
}

func TestDF106Message(t *testing.T) {
	fs := lintWith(t, "FROM python:3.9-slim-buster\n", "DF106")
	if len(fs) != 1 {
		t.Fatalf("got %d findings", len(fs))
	}
	for _, want := range []string{"python 3.9 reached end of life on 2025-10-31", "debian 10 (buster) reached end of life on 2024-06-30", "move to python 3.14 and debian 13 (trixie)"} {
		if !strings.Contains(fs[0].Message, want) {
			t.Errorf("message %q lacks %q", fs[0].Message, want)
		}
	}
	fs = lintWith(t, "FROM openjdk:11\n", "DF106")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "move to `eclipse-temurin`") || fs[0].Fix != nil {
		t.Errorf("openjdk: got %+v", fs)
	}
}

func TestDF106Fix(t *testing.T) {
	tests := []struct {
		name, src, want string
		applicability   Applicability
		why             string // in the message when the fix is display-only
	}{
		{"python within major", "FROM python:3.8\n", "FROM python:3.14\n", Unsafe, ""},
		{"php within major", "FROM php:8.1-fpm\n", "FROM php:8.5-fpm\n", Unsafe, ""},
		{"language line and OS suffix", "FROM python:3.9.18-slim-buster AS app\r\n", "FROM python:3.14-slim-trixie AS app\r\n", DisplayOnly, "debian 10 (buster) → debian 13 (trixie) is a new major version"},
		{"node is a major bump", "FROM node:18-alpine3.17\n", "FROM node:24-alpine3.24\n", DisplayOnly, "node 18 → node 24 is a new major version"},
		{"golang within major, alpine is not", "FROM --platform=linux/amd64 docker.io/library/golang:1.21-bullseye AS build\n", "FROM --platform=linux/amd64 docker.io/library/golang:1.27-trixie AS build\n", DisplayOnly, "debian 11 (bullseye)"},
		{"debian", "FROM debian:buster-slim", "FROM debian:trixie-slim", DisplayOnly, "new major version"},
		{"ubuntu release", "FROM ubuntu:18.04\n", "FROM ubuntu:26.04\n", DisplayOnly, "ubuntu 18.04 (bionic) → ubuntu 26.04 (resolute) is a new major version"},
		{"ubuntu with versioned packages", "FROM ubuntu:20.04\nRUN apt-get update && apt-get install -y python3.9 python3.9-venv\n", "FROM ubuntu:26.04\nRUN apt-get update && apt-get install -y python3.9 python3.9-venv\n", DisplayOnly, "new major version"},
		{"temurin OS suffix", "FROM eclipse-temurin:17-jdk-focal\n", "FROM eclipse-temurin:17-jdk-resolute\n", DisplayOnly, "ubuntu 20.04 (focal)"},
		{"python pinned by a package", "FROM python:3.8\nRUN apt-get update && apt-get install -y python3.8-dev\n", "FROM python:3.14\nRUN apt-get update && apt-get install -y python3.8-dev\n", DisplayOnly, "`python3.8-dev` is pinned to python 3.8"},
		{"golang pinned by an alpine stage", "FROM golang:1.22 AS build\nFROM alpine:3.23\nRUN apk add --no-cache go1.22\n", "FROM golang:1.27 AS build\nFROM alpine:3.23\nRUN apk add --no-cache go1.22\n", DisplayOnly, "`go1.22` is pinned to golang 1.22"},
		{"node build for a distroless nodejs20 runtime", "FROM node:20 AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs20-debian12\nCOPY --from=build /app /app\n", "FROM node:24 AS build\nRUN npm ci\nFROM gcr.io/distroless/nodejs20-debian12\nCOPY --from=build /app /app\n", DisplayOnly, "node 20 → node 24 is a new major version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := applyFixesOf(t, tt.src, "DF106"); got != tt.want {
				t.Errorf("fix of %q:\n got %q\nwant %q", tt.src, got, tt.want)
			}
			fs := lintWith(t, tt.src, "DF106")
			if len(fs) != 1 || fs[0].Fix == nil {
				t.Fatalf("want one finding with a fix, got %+v", fs)
			}
			if fs[0].Fix.Applicability != tt.applicability {
				t.Errorf("applicability %s, want %s (message %q)", fs[0].Fix.Applicability, tt.applicability, fs[0].Message)
			}
			if tt.why != "" && !strings.Contains(fs[0].Message, tt.why) {
				t.Errorf("message %q lacks %q", fs[0].Message, tt.why)
			}
			if tt.applicability == Unsafe && strings.Contains(fs[0].Message, "not applied") {
				t.Errorf("message of an applicable fix says it is not applied: %q", fs[0].Message)
			}
		})
	}
}

// TestDF106WritesOnlyPublishedTags: every tag a fix writes is in the table
// of published tags, and a tag with no published successor gets no fix.
func TestDF106WritesOnlyPublishedTags(t *testing.T) {
	for _, src := range []string{
		"FROM openjdk:17-slim-bullseye\n", // openjdk publishes only early-access tags now
		"FROM openjdk:11-jdk-buster\n",
		"FROM ubuntu:focal-20240101\n", // dated snapshots are not republished for newer releases
	} {
		fs := lintWith(t, src, "DF106")
		if len(fs) != 1 {
			t.Fatalf("%q: want one finding, got %+v", src, fs)
		}
		if fs[0].Fix != nil {
			t.Errorf("%q: unexpected fix %q", src, applyFixesOf(t, src, "DF106"))
		}
	}
	fs := lintWith(t, "FROM mcr.microsoft.com/dotnet/sdk:6.0 AS build\n", "DF106")
	if len(fs) != 1 || fs[0].Fix != nil || !strings.Contains(fs[0].Message, "no table of the tags") {
		t.Errorf("dotnet: want a finding without a fix that says why, got %+v", fs)
	}
}

func TestDF106NoFix(t *testing.T) {
	for _, src := range []string{
		"ARG PY=3.7\nFROM python:${PY}\n",
		"FROM python:3.7@sha256:4f3f6f2c1b5e0e4e2a1d9b0cbb4c2a8fb3b8f1a0d7f8a9e6c5b4d3c2b1a0f9e8\n",
		"FROM openjdk:8-jre\n",
	} {
		for _, fd := range lintWith(t, src, "DF106") {
			if fd.Fix != nil {
				t.Errorf("%q: unexpected fix %+v", src, fd.Fix)
			}
		}
	}
}

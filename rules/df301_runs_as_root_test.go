package rules

import (
	"strings"
	"testing"
)

func TestDF301RunsAsRoot(t *testing.T) {
	runCases(t, "DF301", []ruleCase{
		{name: "no USER", src: "FROM python:3.12-slim\nCMD [\"python\"]\n", want: 1},
		{name: "unknown base", src: "FROM example.com/team/base:1\nCMD [\"app\"]\n", want: 1},
		{name: "USER root last", src: "FROM python:3.12-slim\nUSER app\nUSER root\nCMD [\"python\"]\n", want: 1},
		{name: "USER 0", src: "FROM node:20\nUSER 0\n", want: 1},
		{name: "USER root:root", src: "FROM node:20\nUSER root:root\n", want: 1},
		{name: "USER 0:0", src: "FROM node:20\nUSER 0:0\n", want: 1},
		{name: "USER from ARG default", src: "FROM node:20\nARG U=root\nUSER $U\n", want: 1},
		{name: "scratch", src: "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n", want: 1},
		{name: "distroless latest", src: "FROM gcr.io/distroless/static-debian12:latest\nCOPY app /app\n", want: 1},
		{name: "chainguard wolfi-base", src: "FROM cgr.dev/chainguard/wolfi-base\nCMD [\"sh\"]\n", want: 1},
		{name: "USER only in a build stage", src: "FROM node:20 AS build\nUSER node\nFROM node:20-slim\nCMD [\"node\"]\n", want: 1},
		{name: "root USER through stage", src: "FROM node:20 AS base\nUSER node\nFROM base\nUSER root\n", want: 1},
		{name: "USER app", src: "FROM python:3.12-slim\nUSER app\n", want: 0},
		{name: "USER 1000:1000", src: "FROM python:3.12-slim\nUSER 1000:1000\n", want: 0},
		{name: "USER root then app", src: "FROM python:3.12-slim\nUSER root\nRUN apt-get update\nUSER 10001\n", want: 0},
		{name: "USER through stage", src: "FROM python:3.12-slim AS base\nUSER app\nFROM base\nCMD [\"python\"]\n", want: 0},
		{name: "distroless nonroot", src: "FROM gcr.io/distroless/static-debian12:nonroot\n", want: 0},
		{name: "distroless debug-nonroot", src: "FROM gcr.io/distroless/base-debian12:debug-nonroot\n", want: 0},
		{name: "chainguard", src: "FROM cgr.dev/chainguard/python:latest\n", want: 0},
		{name: "chainguard dev", src: "FROM cgr.dev/chainguard/node:latest-dev\n", want: 0},
		{name: "nginx unprivileged", src: "FROM nginxinc/nginx-unprivileged:stable-alpine\n", want: 0},
		{name: "bitnami", src: "FROM bitnami/redis:7.2\n", want: 0},
		{name: "dotnet chiseled", src: "FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD [\"cmd\"]\n", want: 0},
		{name: "windows tag", src: "FROM python:3.12-windowsservercore-ltsc2022\n", want: 0},
		{name: "ARG base without default", src: "ARG BASE\nFROM $BASE\n", want: 0},
		{name: "USER from unknown ARG", src: "FROM node:20\nARG U\nUSER $U\n", want: 0},
		{name: "gosu entrypoint", src: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT [\"docker-entrypoint.sh\"]\n", want: 0},
		{name: "only build stage root", src: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n", want: 0},
	})
}

func TestDF301Ranges(t *testing.T) {
	src := "FROM python:3.12-slim\nUSER app\nRUN x\nUSER root\n"
	fs := lintWith(t, src, "DF301")
	if len(fs) != 1 || src[fs[0].Start:fs[0].End] != "USER root" {
		t.Fatalf("want the finding on the last USER root, got %+v", fs)
	}
	src = "FROM python:3.12-slim AS base\nFROM base\nCMD [\"python\"]\n"
	fs = lintWith(t, src, "DF301")
	if len(fs) != 1 || fs[0].Line != 2 || src[fs[0].Start:fs[0].End] != "base" {
		t.Fatalf("want the finding on the final FROM's image word, got %+v", fs)
	}
	if !strings.Contains(fs[0].Message, "`python:3.12-slim` runs as root") {
		t.Errorf("message should name the root image: %s", fs[0].Message)
	}
}

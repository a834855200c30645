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
	})
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
	tests := []struct{ src, want string }{
		{"FROM python:3.8\n", "FROM python:3.14\n"},
		{"FROM python:3.9.18-slim-buster AS app\r\n", "FROM python:3.14-slim-trixie AS app\r\n"},
		{"FROM node:18-alpine3.17\n", "FROM node:24-alpine3.24\n"},
		{"FROM --platform=linux/amd64 docker.io/library/golang:1.21-bullseye AS build\n", "FROM --platform=linux/amd64 docker.io/library/golang:1.27-trixie AS build\n"},
		{"FROM debian:buster-slim", "FROM debian:trixie-slim"},
		{"FROM ubuntu:18.04\n", "FROM ubuntu:26.04\n"},
		{"FROM eclipse-temurin:17-jdk-focal\n", "FROM eclipse-temurin:17-jdk-resolute\n"},
		{"FROM mcr.microsoft.com/dotnet/sdk:6.0 AS build\n", "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\n"},
	}
	for _, tt := range tests {
		if got := applyFixesOf(t, tt.src, "DF106"); got != tt.want {
			t.Errorf("fix of %q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
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

package rules

import (
	"strings"
	"testing"
)

func TestDF202CopyBeforeDependencies(t *testing.T) {
	runCases(t, "DF202", []ruleCase{
		{name: "pip -r", src: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n", want: 1, onbuild: true},
		{name: "pip3 project", src: "FROM python:3.12-slim\nCOPY . /app\nRUN pip3 install --no-cache-dir /app ./\n", want: 1},
		{name: "python -m pip", src: "FROM python:3.12-slim\nCOPY ./ /src/\nRUN python -m pip install -e .\n", want: 1},
		{name: "poetry", src: "FROM python:3.12-slim\nCOPY . .\nRUN pip install poetry && poetry install --no-root\n", want: 1},
		{name: "uv sync", src: "FROM python:3.12-slim\nCOPY . .\nRUN uv sync --frozen\n", want: 1},
		{name: "npm ci", src: "FROM node:20-slim\nCOPY . .\nRUN npm ci --omit=dev\n", want: 1, onbuild: true},
		{name: "npm install bare", src: "FROM node:20-slim\nCOPY . .\nRUN npm install\n", want: 1},
		{name: "yarn", src: "FROM node:20-slim\nCOPY . .\nRUN yarn --frozen-lockfile\n", want: 1},
		{name: "pnpm", src: "FROM node:20-slim\nCOPY . .\nRUN pnpm install\n", want: 1},
		{name: "go build", src: "FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n", want: 1},
		{name: "go mod download", src: "FROM golang:1.22\nCOPY . .\nRUN go mod download\n", want: 1},
		{name: "bundle", src: "FROM ruby:3.3-slim\nADD . /app\nRUN bundle install\n", want: 1},
		{name: "maven", src: "FROM maven:3.9\nCOPY . .\nRUN mvn -B package\n", want: 1},
		{name: "cargo", src: "FROM rust:1.77\nCOPY . .\nRUN cargo build --release\n", want: 1},
		{name: "composer", src: "FROM php:8.3\nCOPY . /var/www\nRUN composer install --no-dev\n", want: 1},
		{name: "dotnet", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet restore\n", want: 1},
		{name: "exec form", src: "FROM node:20-slim\nCOPY . .\nRUN [\"npm\", \"ci\"]\n", want: 1},
		{name: "chown flag", src: "FROM node:20-slim\nCOPY --chown=node:node . .\nRUN npm ci\n", want: 1},
		{name: "once per copy", src: "FROM node:20-slim\nCOPY . .\nRUN npm ci\nRUN npm run build && pip install -r requirements.txt\n", want: 1},
		{name: "each stage", src: "FROM node:20 AS web\nCOPY . .\nRUN npm ci\nFROM golang:1.22\nCOPY . .\nRUN go build .\n", want: 2},
		{name: "manifest first", src: "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\n", want: 0, onbuild: true},
		{name: "go mod first", src: "FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n", want: 0},
		{name: "npm first then build", src: "FROM node:20\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n", want: 0},
		{name: "named package", src: "FROM python:3.12-slim\nCOPY . .\nRUN pip install gunicorn\n", want: 0},
		{name: "global npm tool", src: "FROM node:20\nCOPY . .\nRUN npm install -g serve\n", want: 0},
		{name: "go install tool", src: "FROM golang:1.22\nCOPY . .\nRUN go install github.com/a/b@v1.0.0\n", want: 0},
		{name: "copy of a directory", src: "FROM python:3.12-slim\nCOPY src/ /app\nRUN pip install -r /app/requirements.txt\n", want: 0},
		{name: "copy from stage", src: "FROM python:3.12-slim AS b\nFROM python:3.12-slim\nCOPY --from=b . .\nRUN pip install -r requirements.txt\n", want: 0},
		{name: "install before copy only", src: "FROM python:3.12-slim\nRUN pip install -r /tmp/req.txt\nCOPY . .\n", want: 0},
		{name: "cache mount", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN --mount=type=cache,target=/root/.nuget dotnet publish -o /app\n", want: 0},
		{name: "bind mount is not a cache", src: "FROM node:20\nCOPY . .\nRUN --mount=type=bind,source=x,target=/x npm ci\n", want: 1},
		{name: "other stage", src: "FROM python:3.12-slim AS a\nCOPY . .\nFROM a\nRUN pip install -r requirements.txt\n", want: 0},
	})
}

func TestDF202Message(t *testing.T) {
	fs := lintWith(t, "FROM golang:1.22\nCOPY . .\nRUN go build -o /app .\n", "DF202")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "`go.mod` and `go.sum`") || !strings.Contains(fs[0].Message, "`go build -o /app .`") {
		t.Fatalf("message should name the step and the manifests: %+v", fs)
	}
	if fs[0].Line != 2 {
		t.Errorf("finding should be on the COPY (line 2), got line %d", fs[0].Line)
	}
}

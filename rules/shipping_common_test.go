package rules

import (
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestFinalImagePurpose(t *testing.T) {
	tests := []struct {
		name, path, src string
		want            ImagePurpose
	}{
		{name: "program as CMD", src: "FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n", want: ShipsApplication},
		{name: "interpreter running a script", src: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", want: ShipsApplication},
		{name: "interpreter entrypoint with a script CMD", src: "FROM python:3.12-alpine\nENTRYPOINT [\"python3\"]\nCMD [\"app.py\"]\n", want: ShipsApplication},
		{name: "entrypoint script of the project", src: "FROM alpine:3.20\nENTRYPOINT [\"/entrypoint.sh\"]\n", want: ShipsApplication},
		{name: "project's docker-entrypoint.sh without CMD", src: "FROM debian:12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"docker-entrypoint.sh\"]\n", want: ShipsApplication},
		// Corpus: docker-library/postgres: the entrypoint runs the CMD.
		{name: "docker-entrypoint.sh running a server", src: "FROM debian:12-slim\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"postgres\"]\n", want: ShipsApplication},
		{name: "tini running a program", src: "FROM node:20-slim\nENTRYPOINT [\"tini\", \"--\"]\nCMD [\"node\", \"server.js\"]\n", want: ShipsApplication},
		{name: "inherited from a stage of the file", src: "FROM python:3.12-slim AS app\nCMD [\"gunicorn\", \"app:app\"]\nFROM app AS final\nRUN true\n", want: ShipsApplication},
		{name: "shell script in a shell", src: "FROM debian:12\nCMD [\"bash\", \"/start.sh\"]\n", want: ShipsApplication},
		{name: "stage named final", src: "FROM debian:12 AS final\nCMD [\"/app\"]\n", want: ShipsApplication},

		// Corpus: dotnet runtime-deps, swift, docker-library golang.
		{name: "no CMD", src: "FROM debian:12-slim\nRUN apt-get install -y libc6\n", want: BaseImage},
		{name: "bare shell", src: "FROM ubuntu:24.04\nCMD [\"/bin/bash\"]\n", want: BaseImage},
		{name: "bare shell, shell form", src: "FROM ubuntu:24.04\nCMD bash\n", want: BaseImage},
		{name: "interactive shell flags", src: "FROM alpine:3.20\nCMD [\"bash\", \"--login\", \"-i\"]\n", want: BaseImage},
		// Corpus: docker-library/python, ruby, php; nodejs/docker-node.
		{name: "bare interpreter", src: "FROM debian:12-slim\nCMD [\"python3\"]\n", want: BaseImage},
		{name: "php -a behind docker-php-entrypoint", src: "FROM debian:12-slim\nENTRYPOINT [\"docker-php-entrypoint\"]\nCMD [\"php\", \"-a\"]\n", want: BaseImage},
		{name: "node behind docker-entrypoint.sh", src: "FROM alpine:3.20\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\"]\n", want: BaseImage},
		// Corpus: adoptium/containers.
		{name: "temurin's cacert entrypoint without CMD", src: "FROM ubuntu:24.04\nENTRYPOINT [\"/__cacert_entrypoint.sh\"]\n", want: BaseImage},
		{name: "temurin's cacert entrypoint and jshell", src: "FROM ubuntu:24.04\nENTRYPOINT [\"/__cacert_entrypoint.sh\"]\nCMD [\"jshell\"]\n", want: BaseImage},
		{name: "tini and nothing to run", src: "FROM debian:12\nENTRYPOINT [\"tini\", \"--\"]\n", want: BaseImage},
		{name: "shell entrypoint", src: "FROM alpine:3.20\nENTRYPOINT [\"/bin/sh\"]\n", want: BaseImage},
		// Corpus: docker/awesome-compose nginx frontends.
		{name: "command inherited from the base image", src: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n", want: BaseImage},
		{name: "no stages", src: "ARG X=1\n", want: BaseImage},

		// Corpus: docker/awesome-compose (dev-envs), moby/buildkit
		// (validate), docker/docker-language-server (test).
		{name: "dev-envs target", src: "FROM python:3.12 AS builder\nCMD [\"flask\", \"run\"]\nFROM builder AS dev-envs\nRUN apt-get install -y git\n", want: DevelopmentTarget},
		{name: "test target", src: "FROM golang:1.23 AS test\nRUN go test ./...\nCMD [\"go\", \"test\", \"./...\"]\n", want: DevelopmentTarget},
		{name: "validate-toc target", src: "FROM node:20-alpine AS validate-toc\nRUN npx doctoc README.md\n", want: DevelopmentTarget},
		{name: "lint target", src: "FROM golangci/golangci-lint:v1.60 AS lint\nCMD [\"golangci-lint\", \"run\"]\n", want: DevelopmentTarget},
		{name: "devcontainer path", path: "app/.devcontainer/Dockerfile", src: "FROM python:3.12\nCMD [\"sleep\", \"infinity\"]\n", want: DevelopmentTarget},
		{name: "dev target is only the last stage", src: "FROM golang:1.23 AS test\nRUN go test ./...\nFROM gcr.io/distroless/static-debian12\nCOPY --from=test /app /app\nCMD [\"/app\"]\n", want: ShipsApplication},
		{name: "production-sounding names decide nothing", src: "FROM debian:12 AS build\nCMD [\"bash\"]\n", want: BaseImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = "Dockerfile"
			}
			f := parser.Parse(path, []byte(tt.src))
			if f.Err != nil {
				t.Fatalf("does not parse: %v", f.Err)
			}
			if got := FinalImagePurpose(f); got != tt.want {
				t.Errorf("FinalImagePurpose = %s, want %s\n%s", got, tt.want, tt.src)
			}
		})
	}
}

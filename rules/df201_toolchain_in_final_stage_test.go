package rules

import (
	"strings"
	"testing"
)

func TestDF201ToolchainInFinalStage(t *testing.T) {
	runCases(t, "DF201", []ruleCase{
		{name: "go single stage", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n", want: 1},
		{name: "go build without CMD", src: "FROM golang:1.22-alpine\nCOPY . .\nRUN go build -o /app .\n", want: 1},
		{name: "go run as command", src: "FROM golang:1.22\nCOPY . .\nCMD go run main.go\n", want: 1},
		{name: "through a stage", src: "FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app .\nFROM build\nCMD [\"/app\"]\n", want: 1},
		{name: "rust", src: "FROM rust:1.77\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n", want: 1},
		{name: "rust slim", src: "FROM rust:1.77-slim\nCOPY . .\nRUN cargo build --release\n", want: 1},
		{name: "maven", src: "FROM maven:3.9-eclipse-temurin-17\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n", want: 1},
		{name: "gradle wrapper", src: "FROM gradle:8.5-jdk17\nCOPY . .\nRUN ./gradlew bootJar\n", want: 1},
		{name: "openjdk 17 has no JRE tag", src: "FROM openjdk:17-jdk-slim\nCOPY app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", want: 1},
		{name: "dotnet sdk", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet publish -c Release -o /out\nENTRYPOINT [\"dotnet\", \"/out/app.dll\"]\n", want: 1},
		{name: "gcc", src: "FROM gcc:13\nCOPY . .\nRUN make\nCMD [\"./app\"]\n", want: 1},
		{name: "node static site", src: "FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nRUN npm install -g serve\nCMD [\"serve\", \"-s\", \"build\"]\n", want: 1},
		{name: "node static npx", src: "FROM node:20-alpine\nCOPY . .\nRUN yarn build\nCMD npx http-server dist\n", want: 1},
		{name: "JDK running a start script", src: "FROM openjdk:8-alpine\nRUN wget -q https://example.com/zk.tgz\nCMD [\"zkServer.sh\", \"start-foreground\"]\n", want: 1},
		{name: "go image shipping a linter", src: "FROM golang:1.22\nCOPY golangci-lint /usr/bin/\nCMD [\"golangci-lint\"]\n", want: 0},
		{name: "two-stage go", src: "FROM golang:1.22 AS build\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]\n", want: 0},
		{name: "temurin JDK is DF104", src: "FROM eclipse-temurin:21-jdk\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n", want: 0},
		{name: "go tool image", src: "FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n", want: 0},
		{name: "sdk as shell", src: "FROM golang:1.22\nRUN apt-get update && apt-get install -y protobuf-compiler\nCMD [\"bash\"]\n", want: 0},
		{name: "node server", src: "FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"server.js\"]\n", want: 0},
		{name: "python", src: "FROM python:3.12\nCOPY . .\nCMD [\"python\", \"app.py\"]\n", want: 0},
		{name: "ARG without default", src: "ARG IMG\nFROM $IMG\nRUN go build\n", want: 0},
	})
}

func TestDF201Messages(t *testing.T) {
	tests := map[string]string{
		"FROM golang:1.22\nRUN go build -o /app .\n":                            "`gcr.io/distroless/static-debian12:nonroot` (build with CGO_ENABLED=0",
		"FROM rust:1.77\nRUN cargo build --release\n":                           "`gcr.io/distroless/cc-debian12:nonroot`",
		"FROM maven:3.9-eclipse-temurin-17\nRUN mvn package\n":                  "`eclipse-temurin:17-jre`",
		"FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -o /o\n":     "`mcr.microsoft.com/dotnet/aspnet:8.0`",
		"FROM node:20\nRUN npm run build\nCMD [\"serve\", \"-s\", \"build\"]\n": "nginxinc/nginx-unprivileged",
	}
	for src, want := range tests {
		fs := lintWith(t, src, "DF201")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, want) {
			t.Errorf("%q: want one finding mentioning %q, got %+v", src, want, fs)
		}
	}
}

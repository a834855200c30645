package rules

import "testing"

func TestDF516CopyRelativeWithoutWorkdir(t *testing.T) {
	runCases(t, "DF516", []ruleCase{
		{name: "dot", src: "FROM node:20-slim\nCOPY package.json .\n", want: 1},
		{name: "relative dir", src: "FROM node:20-slim\nCOPY src app/src\n", want: 1},
		{name: "quoted relative", src: "FROM node:20-slim\nCOPY src \"app/\"\n", want: 1},
		{name: "json relative", src: "FROM node:20-slim\nCOPY [\"src\", \"app/\"]\n", want: 1},
		{name: "two copies", src: "FROM node:20-slim\nCOPY a .\nCOPY b .\n", want: 2},
		{name: "absolute", src: "FROM node:20-slim\nCOPY src /app/\n", want: 0},
		{name: "after WORKDIR", src: "FROM node:20-slim\nWORKDIR /app\nCOPY src .\n", want: 0},
		{name: "before WORKDIR", src: "FROM node:20-slim\nCOPY src .\nWORKDIR /app\n", want: 1},
		{name: "WORKDIR inherited", src: "FROM node:20-slim AS base\nWORKDIR /app\nFROM base\nCOPY src .\n", want: 0},
		// dotnet/dotnet-docker samples/dotnetapp Dockerfile.sdk-build:
		// FROM scratch, then COPY --from=build /out . (scratch is in /).
		{name: "scratch", src: "FROM node:20-slim AS build\nRUN true\nFROM scratch\nCOPY --from=build /out .\n", want: 0},
		{name: "stage on a scratch stage", src: "FROM scratch AS base\nCOPY a /a\nFROM base\nCOPY b b\n", want: 0},
		{name: "stage on an image stage without WORKDIR", src: "FROM node:20-slim AS base\nRUN true\nFROM base\nCOPY b b\n", want: 1},
		{name: "WORKDIR in other stage", src: "FROM node:20-slim\nWORKDIR /app\nFROM node:20-slim\nCOPY src .\n", want: 1},
		{name: "unknown variable", src: "FROM node:20-slim\nCOPY src $APP\n", want: 0},
		{name: "ARG relative", src: "FROM node:20-slim\nARG APP=app\nCOPY src $APP\n", want: 1},
		{name: "ENV absolute", src: "FROM node:20-slim\nENV APP=/app\nCOPY src $APP\n", want: 0},
		{name: "windows drive", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY src C:\\\\app\\\\\n", want: 0},
		{name: "ADD not judged", src: "FROM node:20-slim\nADD src .\n", want: 0},
		{name: "onbuild not judged", src: "FROM node:20-slim\nONBUILD COPY src .\n", want: 0},
	})
}

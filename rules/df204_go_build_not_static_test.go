package rules

import "testing"

const (
	goBuildStage = "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\n"
	copyToFinal  = "COPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n"
)

func TestDF204GoBuildNotStatic(t *testing.T) {
	runCases(t, "DF204", []ruleCase{
		{name: "scratch", src: goBuildStage + "RUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 1},
		{name: "distroless static", src: goBuildStage + "RUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\n" + copyToFinal, want: 1},
		{name: "chainguard static", src: goBuildStage + "RUN go build -o /app .\nFROM cgr.dev/chainguard/static:latest\n" + copyToFinal, want: 1},
		{name: "alpine final, debian build", src: goBuildStage + "RUN go build -o /app .\nFROM alpine:3.20\n" + copyToFinal, want: 1},
		{name: "bookworm tag", src: "FROM golang:1.23-bookworm AS build\nRUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 1},
		{name: "after go mod download", src: goBuildStage + "RUN go mod download && go build -o /app ./cmd/app\nFROM scratch\n" + copyToFinal, want: 1},
		{name: "two builds", src: goBuildStage + "RUN go build -o /app ./cmd/a && go build -o /b ./cmd/b\nFROM scratch\n" + copyToFinal, want: 2},
		{name: "other env in front", src: goBuildStage + "RUN GOOS=linux go build -o /app .\nFROM scratch\n" + copyToFinal, want: 1},
		{name: "explicit CGO_ENABLED=1", src: goBuildStage + "RUN CGO_ENABLED=1 go build -o /app .\nFROM scratch\n" + copyToFinal, want: 1},
		{name: "alpine build with gcc into scratch", src: "FROM golang:1.23-alpine AS build\nRUN apk add --no-cache gcc musl-dev\nRUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 1},
		{name: "through an intermediate stage", src: goBuildStage + "RUN go build -o /app .\nFROM build AS tested\nRUN go test ./...\nFROM scratch\nCOPY --from=tested /app /app\n", want: 1},
		{name: "copy by stage index", src: goBuildStage + "RUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n", want: 1},
		// Must not.
		{name: "CGO_ENABLED=0 in front", src: goBuildStage + "RUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "env wrapper", src: goBuildStage + "RUN env CGO_ENABLED=0 GOOS=linux go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "ENV", src: goBuildStage + "ENV CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "ENV in a base stage", src: "FROM golang:1.23 AS base\nENV CGO_ENABLED=0\nFROM base AS build\nRUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "ARG default", src: goBuildStage + "ARG CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "export", src: goBuildStage + "RUN export CGO_ENABLED=0 && go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "go env -w", src: goBuildStage + "RUN go env -w CGO_ENABLED=0\nRUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "static external linking", src: goBuildStage + "RUN go build -ldflags '-linkmode external -extldflags \"-static\"' -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "alpine build without a compiler", src: "FROM golang:1.23-alpine AS build\nRUN go build -o /app .\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "alpine build with gcc into alpine", src: "FROM golang:1.23-alpine AS build\nRUN apk add --no-cache build-base\nRUN go build -o /app .\nFROM alpine:3.20\n" + copyToFinal, want: 0},
		{name: "debian final", src: goBuildStage + "RUN go build -o /app .\nFROM debian:12-slim\n" + copyToFinal, want: 0},
		{name: "distroless base has glibc", src: goBuildStage + "RUN go build -o /app .\nFROM gcr.io/distroless/base-debian12\n" + copyToFinal, want: 0},
		{name: "single stage", src: goBuildStage + "RUN go build -o /app .\nCMD [\"/app\"]\n", want: 0},
		{name: "final built on the build stage", src: goBuildStage + "RUN go build -o /app .\nFROM build\nCMD [\"/app\"]\n", want: 0},
		{name: "stage not copied", src: goBuildStage + "RUN go build -o /app .\nFROM scratch\nCOPY app /app\n", want: 0},
		{name: "go test only", src: goBuildStage + "RUN go test ./...\nFROM scratch\n" + copyToFinal, want: 0},
		{name: "windows", src: "FROM golang:1.23-windowsservercore-ltsc2022 AS build\nRUN go build -o /app.exe .\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY --from=build /app.exe /app.exe\n", want: 0},
	})
}

package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

func TestDF201ToolchainInFinalStage(t *testing.T) {
	runCases(t, "DF201", []ruleCase{
		{name: "go single stage", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n", want: 1},
		{name: "go build and its program as CMD", src: "FROM golang:1.22-alpine\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n", want: 1},
		{name: "go run as command", src: "FROM golang:1.22\nCOPY . .\nCMD go run main.go\n", want: 1},
		{name: "through a stage", src: "FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /app .\nFROM build\nCMD [\"/app\"]\n", want: 1},
		{name: "rust", src: "FROM rust:1.77\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n", want: 1},
		{name: "rust slim", src: "FROM rust:1.77-slim\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n", want: 1},
		{name: "maven", src: "FROM maven:3.9-eclipse-temurin-17\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n", want: 1},
		{name: "gradle wrapper", src: "FROM gradle:8.5-jdk17\nCOPY . .\nRUN ./gradlew bootJar\nCMD [\"java\", \"-jar\", \"build/libs/app.jar\"]\n", want: 1},
		{name: "openjdk 17 has no JRE tag", src: "FROM openjdk:17-jdk-slim\nCOPY app.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n", want: 1},
		{name: "dotnet sdk", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY . .\nRUN dotnet publish -c Release -o /out\nENTRYPOINT [\"dotnet\", \"/out/app.dll\"]\n", want: 1},
		{name: "gcc", src: "FROM gcc:13\nCOPY . .\nRUN make\nCMD [\"./app\"]\n", want: 1},
		{name: "node static site", src: "FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nRUN npm install -g serve\nCMD [\"serve\", \"-s\", \"build\"]\n", want: 1},
		{name: "node static npx", src: "FROM node:20-alpine\nCOPY . .\nRUN yarn build\nCMD npx http-server dist\n", want: 1},
		{name: "JDK running a start script", src: "FROM openjdk:8-alpine\nRUN wget -q https://example.com/zk.tgz\nCMD [\"zkServer.sh\", \"start-foreground\"]\n", want: 1},
		// Corpus: docker/docker-language-server: the last stage runs the
		// tests.
		{name: "test target", src: "FROM golang:1.22 AS test\nCOPY . .\nRUN go build ./...\nCMD [\"go\", \"test\", \"./...\"]\n", want: 0},
		{name: "go build without a command: a CI or toolchain image", src: "FROM golang:1.22-alpine\nCOPY . .\nRUN go build -o /app .\n", want: 0},
		{name: "go image shipping a linter", src: "FROM golang:1.22\nCOPY golangci-lint /usr/bin/\nCMD [\"golangci-lint\"]\n", want: 0},
		{name: "two-stage go", src: "FROM golang:1.22 AS build\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]\n", want: 0},
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
		"FROM golang:1.22\nRUN go build -o /app .\nCMD [\"/app\"]\n":                                                 "`gcr.io/distroless/static-debian13:nonroot` (build with CGO_ENABLED=0",
		"FROM rust:1.77\nRUN cargo build --release\nCMD [\"./target/release/app\"]\n":                                "`gcr.io/distroless/cc-debian13:nonroot`",
		"FROM maven:3.9-eclipse-temurin-17\nRUN mvn package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n":         "`eclipse-temurin:17-jre`",
		"FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet publish -o /o\nENTRYPOINT [\"dotnet\", \"/o/app.dll\"]\n": "`mcr.microsoft.com/dotnet/aspnet:8.0`",
		"FROM node:20\nRUN npm run build\nCMD [\"serve\", \"-s\", \"build\"]\n":                                      "nginxinc/nginx-unprivileged",
	}
	for src, want := range tests {
		fs := lintWith(t, src, "DF201")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, want) {
			t.Errorf("%q: want one finding mentioning %q, got %+v", src, want, fs)
		}
	}
}

// df201Fix lints src with DF201 alone under a base-image family and
// returns the finding (there must be one) and the fixed text ("" when the
// finding has no fix).
func df201Fix(t *testing.T, src, family string) (Finding, string) {
	t.Helper()
	e, err := NewEngine(Options{Select: []string{"DF201"}, NoBuildKit: true, Today: testToday, BasePolicy: rewrite.BasePolicy{Family: family}})
	if err != nil {
		t.Fatal(err)
	}
	fs, errs := e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
	for _, err := range errs {
		t.Errorf("lint error: %v", err)
	}
	if len(fs) != 1 {
		t.Fatalf("want one DF201 finding, got %+v\n%s", fs, src)
	}
	fd := fs[0]
	if fd.Fix == nil {
		return fd, ""
	}
	checkFixEdits(t, src, fd)
	out, prev := "", 0
	for _, ed := range fd.Fix.Edits {
		out += src[prev:ed.Start] + ed.NewText
		prev = ed.End
	}
	return fd, out + src[prev:]
}

// TestDF201SplitDecisions holds the fix/no-fix decisions: a case with want
// set must be fixed and its output contain every want line; a case with
// why set must have no fix and a message that says why.
func TestDF201SplitDecisions(t *testing.T) {
	const goStory = "FROM golang:1.22\nWORKDIR /app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o server .\nEXPOSE 8080\nCMD [\"./server\"]\n"
	tests := []struct {
		name, src, family string
		want              []string
		why               string
	}{
		{name: "go story", src: goStory, want: []string{
			"FROM golang:1.22 AS build\n",
			"RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o server .\n\nFROM gcr.io/distroless/static-debian13:nonroot\nWORKDIR /app\nCOPY --from=build /app/server /app/server\nEXPOSE 8080\nENTRYPOINT [\"/app/server\"]\n",
		}},
		{name: "go story chainguard", src: goStory, family: "chainguard", want: []string{"\nFROM cgr.dev/chainguard/static:latest\n"}},
		{name: "go story distroless policy", src: goStory, family: "distroless", want: []string{"\nFROM gcr.io/distroless/static-debian13:nonroot\n"}},
		{name: "go without -o gets one named as the command runs it",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build\nCMD [\"./myapp\", \"-v\"]\n",
			want: []string{"RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o myapp\n", "ENTRYPOINT [\"/src/myapp\", \"-v\"]"}},
		{name: "go existing quoted ldflags",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -ldflags \"-X main.version=${VERSION}\" -o /bin/app ./cmd/app\nCMD [\"/bin/app\"]\n",
			want: []string{"go build -trimpath -ldflags \"-s -w -X main.version=${VERSION}\" -o /bin/app ./cmd/app", "COPY --from=build /bin/app /bin/app"}},
		{name: "go existing plain ldflags",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -trimpath -ldflags=-w -o /bin/app .\nCMD [\"/bin/app\"]\n",
			want: []string{"RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /bin/app .\n"}},
		{name: "go CGO_ENABLED=0 already set",
			src:  "FROM golang:1.22-alpine\nENV CGO_ENABLED=0 PORT=8080\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD [\"/out/app\"]\n",
			want: []string{"RUN go build -trimpath -ldflags=\"-s -w\" -o /out/app .\n", "ENV CGO_ENABLED=0 PORT=8080\nWORKDIR /src\n"}},
		{name: "go build-only ENV is not repeated",
			src:  "FROM golang:1.22\nENV GO111MODULE=on GOPROXY=direct\nENV APP_ENV=production\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n",
			want: []string{"FROM gcr.io/distroless/static-debian13:nonroot\nENV APP_ENV=production\nWORKDIR /src\n"}},
		{name: "go ENTRYPOINT and CMD",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nENTRYPOINT [\"./app\"]\nCMD [\"--port\", \"8080\"]\n",
			want: []string{"ENTRYPOINT [\"/src/app\"]\nCMD [\"--port\", \"8080\"]\n"}},
		{name: "go shell-form CMD with plain words",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD ./app serve --port 8080\n",
			want: []string{"ENTRYPOINT [\"/src/app\", \"serve\", \"--port\", \"8080\"]"}},
		{name: "go install, run by name",
			src:  "FROM golang:1.22\nWORKDIR /go/src/app\nCOPY . .\nRUN go get -d -v ./...\nRUN go install -v ./...\nCMD [\"app\"]\n",
			want: []string{"RUN CGO_ENABLED=0 go install -trimpath -ldflags=\"-s -w\" -v ./...", "COPY --from=build /go/bin/app /usr/local/bin/app\nENTRYPOINT [\"/usr/local/bin/app\"]"}},
		{name: "go binary moved into PATH",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o bin/api ./cmd/api && cp bin/api /usr/local/bin/api\nCMD [\"api\"]\n",
			want: []string{"COPY --from=build /usr/local/bin/api /usr/local/bin/api"}},
		{name: "go user made in the stage gives way to nonroot",
			src:  "FROM golang:1.22\nRUN useradd -u 10001 app\nWORKDIR /src\nCOPY . .\nRUN go build -o /src/app .\nUSER app\nCMD [\"/src/app\"]\n",
			want: []string{"COPY --from=build /src/app /src/app\nENTRYPOINT"}},
		{name: "go numeric user carries over",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /src/app .\nUSER 10001\nCMD [\"/src/app\"]\n",
			want: []string{"USER 10001\nENTRYPOINT"}},
		{name: "go labels, ARGs and comments move along",
			src:  "FROM golang:1.22\nARG VERSION=dev\nLABEL org.opencontainers.image.version=$VERSION\nWORKDIR /src\nCOPY . .\nRUN go build -o /src/app .\n\n# the API\nEXPOSE 8080\n# start it\nCMD [\"/src/app\"]\n",
			want: []string{"FROM golang:1.22 AS build\nARG VERSION=dev\nWORKDIR /src\n", "FROM gcr.io/distroless/static-debian13:nonroot\nARG VERSION=dev\nLABEL org.opencontainers.image.version=$VERSION\nWORKDIR /src\nCOPY --from=build /src/app /src/app\n# the API\nEXPOSE 8080\n# start it\nENTRYPOINT [\"/src/app\"]\n"}},
		{name: "go lower-case file",
			src:  "from golang:1.22\nworkdir /src\ncopy . .\nrun go build -o app .\ncmd [\"./app\"]\n",
			want: []string{"from golang:1.22 as build\n", "from gcr.io/distroless/static-debian13:nonroot\nworkdir /src\ncopy --from=build /src/app /src/app\nentrypoint [\"/src/app\"]"}},
		{name: "go named stage keeps its name",
			src:  "FROM golang:1.22 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n",
			want: []string{"FROM golang:1.22 AS builder\n", "COPY --from=builder /src/app /src/app"}},

		{name: "go run", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./...\nCMD [\"go\", \"run\", \".\"]\n", why: "`go run`"},
		{name: "go cgo on", src: "FROM golang:1.22\nENV CGO_ENABLED=1\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n", why: "CGO_ENABLED=1"},
		{name: "go installs a C compiler", src: "FROM golang:1.22-alpine\nRUN apk add --no-cache gcc musl-dev\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n", why: "cgo"},
		{name: "go two builds", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o a ./cmd/a && go build -o b ./cmd/b\nCMD [\"./a\"]\n", why: "several `go build`"},
		{name: "go command needs a shell", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD ./app --port $PORT\n", why: "shell"},
		{name: "go runtime directory prepared", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nRUN mkdir -p /data\nCMD [\"./app\"]\n", why: "`/data`, outside the build directory"},
		{name: "go config copied outside", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCOPY config.yaml /etc/app/config.yaml\nCMD [\"./app\"]\n", why: "outside the build directory"},
		{name: "go runtime package", src: "FROM golang:1.22\nRUN apt-get update && apt-get install -y ffmpeg\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n", why: "`ffmpeg`"},
		{name: "go healthcheck with curl", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nHEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1\nCMD [\"./app\"]\n", why: "HEALTHCHECK runs `curl`"},
		{name: "go command is not the binary", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD [\"./start.sh\"]\n", why: "which the build does not write"},
		{name: "go through a stage", src: "FROM golang:1.22 AS base\nWORKDIR /src\nFROM base\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n", why: "built on stage `base`"},
		{name: "go unknown RUN", src: "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nRUN ./app migrate\nCMD [\"./app\"]\n", why: "RUN `app migrate`"},
		{name: "go stage named build elsewhere", src: "FROM alpine AS build\nRUN true\nFROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n", why: "already named `build`"},

		{name: "rust", src: "FROM rust:1.77\nWORKDIR /usr/src/app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/api\"]\n",
			want: []string{"\nFROM gcr.io/distroless/cc-debian13:nonroot\nWORKDIR /usr/src/app\nCOPY --from=build /usr/src/app/target/release/api /usr/local/bin/api\nENTRYPOINT [\"/usr/local/bin/api\"]"}},
		{name: "rust bookworm", src: "FROM rust:1.77-bookworm\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"/app/target/release/api\"]\n",
			want: []string{"FROM gcr.io/distroless/cc-debian13:nonroot"}},
		{name: "rust debug build gets --release", src: "FROM rust:1.77\nWORKDIR /app\nCOPY . .\nRUN cargo build\nCMD [\"./target/debug/api\"]\n",
			want: []string{"RUN cargo build --release\n", "COPY --from=build /app/target/release/api /usr/local/bin/api"}},
		{name: "rust musl on alpine", src: "FROM rust:1.77-alpine\nRUN apk add --no-cache musl-dev\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/api\"]\n",
			want: []string{"FROM gcr.io/distroless/static-debian13:nonroot"}},
		{name: "rust cargo install", src: "FROM rust:1.77\nWORKDIR /app\nCOPY . .\nRUN cargo install --path .\nCMD [\"api\"]\n",
			want: []string{"COPY --from=build /usr/local/cargo/bin/api /usr/local/bin/api"}},
		{name: "rust chainguard", src: "FROM rust:1.77\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/api\"]\n", family: "chainguard",
			want: []string{"FROM cgr.dev/chainguard/glibc-dynamic:latest"}},
		{name: "rust cargo run", src: "FROM rust:1.77\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"cargo\", \"run\", \"--release\"]\n", why: "runs `cargo`"},
		{name: "rust workspace member", src: "FROM rust:1.77\nWORKDIR /app\nCOPY . .\nRUN cargo build --release -p api\nCMD [\"./target/release/api\"]\n", why: "another package or a workspace"},
		{name: "rust runtime library", src: "FROM rust:1.77\nRUN apt-get update && apt-get install -y libpq-dev\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD [\"./target/release/api\"]\n", why: "`libpq-dev`"},

		{name: "maven", src: "FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n",
			want: []string{"\nFROM eclipse-temurin:17-jre\nWORKDIR /app\nCOPY --from=build /app/target/app.jar /app/target/app.jar\nCMD [\"java\", \"-jar\", \"target/app.jar\"]"}},
		{name: "maven jar renamed", src: "FROM maven:3.9-eclipse-temurin-21\nWORKDIR /app\nCOPY . .\nRUN mvn -B package && cp target/*.jar /app.jar\nENTRYPOINT [\"java\", \"-jar\", \"/app.jar\"]\n",
			want: []string{"COPY --from=build /app.jar /app.jar"}},
		{name: "gradle jar pattern", src: "FROM gradle:8.5-jdk21\nWORKDIR /home/gradle/src\nCOPY . .\nRUN gradle bootJar\nCMD java -jar build/libs/*.jar\n",
			want: []string{"COPY --from=build /home/gradle/src/build/libs/*.jar /home/gradle/src/build/libs/\nCMD java -jar build/libs/*.jar"}},
		{name: "maven distroless policy", src: "FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n", family: "distroless",
			want: []string{"FROM gcr.io/distroless/java17-debian13:nonroot\n", "ENTRYPOINT [\"java\", \"-jar\", \"target/app.jar\"]"}},
		{name: "maven chainguard", src: "FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n", family: "chainguard",
			want: []string{"FROM cgr.dev/chainguard/maven:latest AS build\nUSER root\n", "FROM cgr.dev/chainguard/jre:latest\n", "ENTRYPOINT [\"/usr/bin/java\", \"-jar\", \"target/app.jar\"]"}},
		{name: "java 14 has no JRE", src: "FROM maven:3.6-jdk-14\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n", why: "no JRE for Java 14"},
		{name: "dotnet sdk with no published runtime", src: "FROM microsoft/dotnet:1.1-sdk-jessie\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o /app\nWORKDIR /app\nCMD [\"dotnet\", \"Web.dll\"]\n", why: "never published the tag `1.1-jessie`"},
		{name: "JDK that compiles goes to its JRE", src: "FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY . .\nRUN ./mvnw -B package\nCMD [\"java\", \"-jar\", \"target/app.jar\"]\n",
			want: []string{"FROM eclipse-temurin:17-jdk AS build\n", "\nFROM eclipse-temurin:17-jre\nWORKDIR /app\nCOPY --from=build /app/target/app.jar /app/target/app.jar\n"}},
		{name: "JDK runs a prebuilt program", src: "FROM openjdk:8-alpine\nRUN wget -q https://example.com/zk.tgz\nCMD [\"zkServer.sh\", \"start-foreground\"]\n", why: "nothing is built with Maven or Gradle"},
		{name: "maven classpath command", src: "FROM maven:3.9-eclipse-temurin-17\nWORKDIR /app\nCOPY . .\nRUN mvn -B package\nCMD [\"java\", \"-cp\", \"target/classes\", \"app.Main\"]\n", why: "does not run a jar"},

		{name: "dotnet web", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\nWORKDIR /app\nEXPOSE 8080\nENTRYPOINT [\"dotnet\", \"Api.dll\"]\n",
			want: []string{"\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nWORKDIR /app\nCOPY --from=build /app /app\nEXPOSE 8080\nENTRYPOINT [\"dotnet\", \"Api.dll\"]"}},
		{name: "dotnet worker", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o out\nENTRYPOINT [\"dotnet\", \"out/Worker.dll\"]\n",
			want: []string{"FROM mcr.microsoft.com/dotnet/aspnet:8.0\n", "COPY --from=build /src/out /src/out"}},
		{name: "dotnet distroless policy", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o /app\nWORKDIR /app\nCMD dotnet Api.dll\n", family: "distroless",
			want: []string{"FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled\n", "ENTRYPOINT [\"dotnet\", \"Api.dll\"]"}},
		{name: "go keeps the build platform", src: "FROM --platform=$BUILDPLATFORM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD [\"./app\"]\n",
			want: []string{"\nFROM --platform=$BUILDPLATFORM gcr.io/distroless/static-debian13:nonroot\n"}},
		{name: "dotnet run", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o out\nCMD [\"dotnet\", \"run\"]\n", why: "`dotnet run`"},
		{name: "dotnet publish without -o", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release\nCMD [\"dotnet\", \"bin/Release/net8.0/publish/Api.dll\"]\n", why: "no `-o` directory"},
		{name: "dotnet chainguard", src: "FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -o out\nCMD [\"dotnet\", \"out/Api.dll\"]\n", family: "chainguard", why: "only .NET 10"},

		{name: "node static site", src: "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nRUN npm install -g serve\nEXPOSE 3000\nCMD [\"serve\", \"-s\", \"build\"]\n",
			want: []string{"\nFROM nginxinc/nginx-unprivileged:stable-alpine\nCOPY --from=build /app/build /usr/share/nginx/html\nCOPY <<'EOF' /etc/nginx/conf.d/default.conf\n", "try_files $uri $uri/ /index.html;", "\nEOF\nEXPOSE 8080\n"}},
		{name: "node static not a single-page app", src: "FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN yarn install && yarn build\nCMD npx http-server dist -p 8080\n", family: "chainguard",
			want: []string{"\nFROM cgr.dev/chainguard/nginx:latest\nCOPY --from=build /app/dist /usr/share/nginx/html\nEXPOSE 8080"}},
		{name: "node serve without a directory", src: "FROM node:20\nWORKDIR /app/build\nCOPY . .\nRUN npm run build\nCMD [\"serve\"]\n", why: "default directory"},

		{name: "python", src: "FROM python:3.12\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
			want: []string{"RUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nRUN pip install", "\nFROM python:3.12-slim\nENV PATH=\"/opt/venv/bin:$PATH\"\nWORKDIR /app\nCOPY --from=build /opt/venv /opt/venv\nCOPY --from=build /app /app\nCMD [\"python\", \"app.py\"]"}},
		{name: "python existing virtualenv", src: "FROM python:3.12-slim\nWORKDIR /app\nRUN apt-get update && apt-get install -y build-essential\nRUN python -m venv /app/.venv\nENV PATH=/app/.venv/bin:$PATH\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
			want: []string{"\nFROM python:3.12-slim\nENV PATH=/app/.venv/bin:$PATH\nWORKDIR /app\nCOPY --from=build /app /app\n"}},
		{name: "python runtime library", src: "FROM python:3.12\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n", why: "`libpq-dev`"},
		{name: "python pip --user", src: "FROM python:3.12\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc\nCOPY . .\nRUN pip install --user -r requirements.txt\nCMD [\"python\", \"app.py\"]\n", why: "--user"},
		{name: "python chainguard", src: "FROM python:3.12\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n", family: "chainguard", why: "installs packages with apt-get"},
		{name: "python without WORKDIR", src: "FROM python:3.12\nRUN apt-get update && apt-get install -y gcc\nCOPY . /srv\nRUN pip install -r /srv/requirements.txt\nCMD [\"python\", \"/srv/app.py\"]\n", why: "outside the build directory"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fd, out := df201Fix(t, tc.src, tc.family)
			if tc.why != "" {
				if out != "" {
					t.Errorf("want no fix (%s), got:\n%s", tc.why, out)
				}
				if !strings.Contains(fd.Message, "no automatic split: ") || !strings.Contains(fd.Message, tc.why) {
					t.Errorf("message does not say why (%q): %s", tc.why, fd.Message)
				}
				return
			}
			if out == "" {
				t.Fatalf("want a fix, got none: %s", fd.Message)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if rt := fixRuntime(fd.Fix); rt == "" || rt == "build" || !strings.Contains(fd.Message, "`"+rt+"`") {
				t.Errorf("the message does not name the runtime image %q: %s", rt, fd.Message)
			}
			// The runtime stage must not itself be a DF201 finding.
			if fs := lintWith(t, out, "DF201"); len(fs) != 0 {
				t.Errorf("the fixed file still has DF201: %+v\n%s", fs, out)
			}
		})
	}
}

// TestDF201PythonDetection: Python stages are reported when they compile
// packages with tools they then ship.
func TestDF201PythonDetection(t *testing.T) {
	runCases(t, "DF201", []ruleCase{
		{name: "gcc and pip", src: "FROM python:3.12\nRUN apt-get update && apt-get install -y gcc\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n", want: 1},
		{name: "headers on alpine", src: "FROM python:3.12-alpine\nRUN apk add --no-cache postgresql-dev musl-dev\nRUN pip install psycopg2\nCMD [\"python\", \"app.py\"]\n", want: 1},
		{name: "no compiler", src: "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n", want: 0},
		{name: "compiler without pip", src: "FROM python:3.12\nRUN apt-get update && apt-get install -y gcc\n", want: 0},
		{name: "build stage only", src: "FROM python:3.12 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN pip install -r r.txt\nFROM python:3.12-slim\nCOPY --from=build /usr/local /usr/local\n", want: 0},
	})
}

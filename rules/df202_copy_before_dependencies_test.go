package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
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
		{name: "single-file go build", src: "FROM golang:1.22\nCOPY . .\nRUN go build -o /app main.go\n", want: 0},
		{name: "go run of a file", src: "FROM golang:1.22\nCOPY . .\nRUN go run gen.go && go build -o /app main.go\n", want: 0},
		{name: "GOPATH mode", src: "FROM golang:1.22\nENV GO111MODULE=off\nCOPY . .\nRUN go build -o /app .\n", want: 0},
		{name: "GOPATH mode in the command", src: "FROM golang:1.22\nCOPY . .\nRUN GO111MODULE=\"off\" go build -o /app .\n", want: 0},
		{name: "Go before modules by default", src: "FROM golang:1.12-alpine\nCOPY . .\nRUN go build -o /app .\n", want: 0},
		{name: "single file with go mod download", src: "FROM golang:1.22\nCOPY . .\nRUN go mod download && go build -o /app main.go\n", want: 1},
		{name: "packages on a distribution Go", src: "FROM alpine:3.22\nRUN apk add go\nCOPY . .\nRUN go build ./cmd/app\n", want: 1},
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

func TestDF202Fix(t *testing.T) {
	cases := []struct {
		name, src string
		want      string // the fixed file; "" when there must be no fix
		reason    string // part of the message when there is no fix
	}{
		{name: "pip moves the copy after the install",
			src:  "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
			want: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"},
		{name: "pip files in a subdirectory and absolute paths",
			src:  "FROM python:3.12-slim\nCOPY . /app\nRUN pip install -r /app/requirements/prod.txt --constraint=/app/constraints.txt\n",
			want: "FROM python:3.12-slim\nCOPY constraints.txt /app/\nCOPY requirements/prod.txt /app/requirements/\nRUN pip install -r /app/requirements/prod.txt --constraint=/app/constraints.txt\nCOPY . /app\n"},
		{name: "copy flags carry over, comments move with the copy",
			src:  "FROM node:20\nWORKDIR /app\n# the app\nCOPY --chown=node:node . .\nRUN npm ci\n",
			want: "FROM node:20\nWORKDIR /app\nCOPY --chown=node:node package.json package-lock.json* ./\nRUN npm ci\n# the app\nCOPY --chown=node:node . .\n"},
		{name: "steps between that read nothing stay",
			src:  "FROM python:3.12-slim\nCOPY . .\nRUN apt-get update && apt-get install -y gcc\nENV PIP_NO_CACHE_DIR=1\nRUN pipenv install --system --deploy\n",
			want: "FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\nENV PIP_NO_CACHE_DIR=1\nCOPY Pipfile Pipfile.lock* ./\nRUN pipenv install --system --deploy\nCOPY . .\n"},
		{name: "install then build is split",
			src:  "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN --mount=type=secret,id=npmrc npm ci \\\n && npm run build\n",
			want: "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json* ./\nRUN --mount=type=secret,id=npmrc npm ci\nCOPY . .\nRUN --mount=type=secret,id=npmrc npm run build\n"},
		{name: "go build gets go mod download first",
			src:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n",
			want: "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n"},
		{name: "tool installed in the same RUN",
			src:  "FROM python:3.12-slim\nCOPY . .\nRUN pip install poetry && poetry install --only main\n",
			want: "FROM python:3.12-slim\nRUN pip install poetry\nCOPY pyproject.toml poetry.lock* ./\nRUN poetry install --only main --no-root\nCOPY . .\nRUN poetry install --only main\n"},
		{name: "composer without scripts first",
			src:  "FROM php:8.3\nWORKDIR /var/www\nCOPY . .\nRUN composer install --no-dev --optimize-autoloader\n",
			want: "FROM php:8.3\nWORKDIR /var/www\nCOPY composer.json composer.lock* ./\nRUN composer install --no-dev --no-scripts --no-autoloader\nCOPY . .\nRUN composer install --no-dev --optimize-autoloader\n"},
		{name: "maven wrapper",
			src:  "FROM eclipse-temurin:21-jdk\nWORKDIR /b\nCOPY . .\nRUN ./mvnw -B package\n",
			want: "FROM eclipse-temurin:21-jdk\nWORKDIR /b\nCOPY pom.xml mvnw ./\nCOPY .mvn .mvn/\nRUN ./mvnw -B dependency:go-offline\nCOPY . .\nRUN ./mvnw -B package\n"},
		{name: "lower case keywords",
			src:  "from ruby:3.3\nworkdir /app\ncopy . .\nrun bundle install\n",
			want: "from ruby:3.3\nworkdir /app\ncopy Gemfile Gemfile.lock* ./\nrun bundle install\ncopy . .\n"},
		{name: "no final newline",
			src:  "FROM node:20\nCOPY . .\nRUN yarn install --frozen-lockfile",
			want: "FROM node:20\nCOPY package.json yarn.lock* ./\nRUN yarn install --frozen-lockfile\nCOPY . ."},
		{name: "cargo", src: "FROM rust:1.77\nCOPY . .\nRUN cargo build --release\n", reason: "cargo-chef"},
		{name: "gradle", src: "FROM gradle:8\nCOPY . .\nRUN gradle build\n", reason: "Gradle"},
		{name: "pip install of the project", src: "FROM python:3.12\nCOPY . .\nRUN pip install .\n", reason: "builds the project"},
		{name: "a RUN between may read the sources", src: "FROM python:3.12\nCOPY . .\nRUN make\nRUN pip install -r requirements.txt\n", reason: "line 3"},
		{name: "workdir changes", src: "FROM python:3.12\nCOPY . .\nWORKDIR /app\nRUN pip install -r requirements.txt\n", reason: "working directory"},
		{name: "exec form", src: "FROM node:20\nCOPY . .\nRUN [\"npm\", \"ci\"]\n", reason: "exec form"},
		{name: "build before install", src: "FROM node:20\nCOPY . .\nRUN ./prepare.sh && npm ci\n", reason: "reads the sources before"},
		{name: "onbuild", src: "FROM node:20\nONBUILD COPY . .\nONBUILD RUN npm ci\n", reason: "ONBUILD"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := lintWith(t, c.src, "DF202")
			if len(fs) != 1 {
				t.Fatalf("want one finding, got %+v", fs)
			}
			if c.want == "" {
				if fs[0].Fix != nil {
					t.Fatalf("want no fix, got %+v", fs[0].Fix)
				}
				if !strings.Contains(fs[0].Message, "no automatic fix: ") || !strings.Contains(fs[0].Message, c.reason) {
					t.Errorf("message should say why there is no fix (%q): %s", c.reason, fs[0].Message)
				}
				return
			}
			if fs[0].Fix == nil {
				t.Fatalf("no fix: %s", fs[0].Message)
			}
			if got := applyFixesOf(t, c.src, "DF202"); got != c.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// TestDF202GoModOnDisk: a single-file build counts as using modules when the
// go.mod is beside the Dockerfile, and is left alone when it is not.
func TestDF202GoModOnDisk(t *testing.T) {
	src := "FROM golang:1.22\nCOPY . .\nRUN go build -o /app main.go\n"
	for _, withMod := range []bool{true, false} {
		dir := t.TempDir()
		if withMod {
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		e, err := NewEngine(Options{Select: []string{"DF202"}, Today: testToday})
		if err != nil {
			t.Fatal(err)
		}
		fs, _ := e.Lint(context.Background(), parser.Parse(filepath.Join(dir, "Dockerfile"), []byte(src)))
		want := 0
		if withMod {
			want = 1
		}
		if len(fs) != want {
			t.Errorf("go.mod on disk %v: got %d findings, want %d", withMod, len(fs), want)
		}
		if withMod && len(fs) == 1 && fs[0].Fix == nil {
			t.Errorf("go.mod on disk: want a fix, got %q", fs[0].Message)
		}
	}
}

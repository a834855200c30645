package rules

import (
	"strings"
	"testing"
)

func TestDF301RunsAsRoot(t *testing.T) {
	runCases(t, "DF301", []ruleCase{
		{name: "no USER", src: "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n", want: 1},
		{name: "unknown base", src: "FROM example.com/team/base:1\nCMD [\"app\"]\n", want: 1},
		{name: "USER root last", src: "FROM python:3.12-slim\nUSER app\nUSER root\nCMD [\"python\", \"app.py\"]\n", want: 1},
		{name: "USER 0", src: "FROM node:20\nUSER 0\nCMD [\"/app\"]\n", want: 1},
		{name: "USER root:root", src: "FROM node:20\nUSER root:root\nCMD [\"/app\"]\n", want: 1},
		{name: "USER 0:0", src: "FROM node:20\nUSER 0:0\nCMD [\"/app\"]\n", want: 1},
		{name: "USER from ARG default", src: "FROM node:20\nARG U=root\nUSER $U\nCMD [\"/app\"]\n", want: 1},
		// UID 0 however written, and an account created with UID 0, are
		// root (issue 17).
		{name: "USER 00", src: "FROM node:20\nUSER 00\nCMD [\"/app\"]\n", want: 1},
		{name: "USER +0:app", src: "FROM node:20\nUSER +0:app\nCMD [\"/app\"]\n", want: 1},
		{name: "USER of an account with UID 0", src: "FROM debian:12\nRUN useradd -o -u 0 admin\nUSER admin\nCMD [\"/app\"]\n", want: 1},
		{name: "USER of an account with UID 000", src: "FROM debian:12\nRUN useradd --non-unique --uid=000 admin\nUSER admin:admin\nCMD [\"/app\"]\n", want: 1},
		{name: "scratch", src: "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n", want: 1},
		{name: "distroless latest", src: "FROM gcr.io/distroless/static-debian12:latest\nCOPY app /app\nCMD [\"/app\"]\n", want: 1},
		{name: "chainguard wolfi-base", src: "FROM cgr.dev/chainguard/wolfi-base\nCMD [\"/app\"]\n", want: 1},
		{name: "USER only in a build stage", src: "FROM node:20 AS build\nUSER node\nFROM node:20-slim\nCMD [\"node\", \"server.js\"]\n", want: 1},
		{name: "root USER through stage", src: "FROM node:20 AS base\nUSER node\nFROM base\nUSER root\nCMD [\"/app\"]\n", want: 1},
		{name: "USER app", src: "FROM python:3.12-slim\nUSER app\n", want: 0},
		{name: "USER 1000:1000", src: "FROM python:3.12-slim\nUSER 1000:1000\n", want: 0},
		{name: "USER 10", src: "FROM python:3.12-slim\nUSER 10\n", want: 0},
		{name: "USER of an account with UID 1500", src: "FROM debian:12\nRUN useradd -u 1500 admin\nUSER admin\n", want: 0},
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
		// Base and toolchain images: their users choose the USER
		// (issue 18). Corpus: dotnet runtime-deps, swift, docker-library
		// python and php, adoptium.
		{name: "base image without CMD", src: "FROM debian:12-slim\nRUN apt-get update && apt-get install -y libicu72\n", want: 0},
		{name: "toolchain image with a shell CMD", src: "FROM ubuntu:24.04\nRUN apt-get install -y swiftlang\nCMD [\"bash\"]\n", want: 0},
		{name: "language image with a REPL behind its entrypoint", src: "FROM debian:12-slim\nENTRYPOINT [\"docker-php-entrypoint\"]\nCMD [\"php\", \"-a\"]\n", want: 0},
		{name: "JDK image behind the cacert entrypoint", src: "FROM ubuntu:24.04\nENTRYPOINT [\"/__cacert_entrypoint.sh\"]\nCMD [\"jshell\"]\n", want: 0},
		{name: "command inherited from an unknown base", src: "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n", want: 0},
		// CI and development targets. Corpus: docker/awesome-compose.
		{name: "dev-envs target", src: "FROM python:3.12 AS builder\nCMD [\"python\", \"app.py\"]\nFROM builder AS dev-envs\nRUN apt-get install -y git\n", want: 0},
		{name: "test target", src: "FROM golang:1.23 AS test\nCMD [\"go\", \"test\", \"./...\"]\n", want: 0},
		// Services that start as root and switch user themselves.
		{name: "supervisord", src: "FROM debian:12\nRUN apt-get install -y supervisor nginx\nCMD [\"/usr/bin/supervisord\", \"-n\"]\n", want: 0},
		{name: "supervisord after an explicit USER root", src: "FROM debian:12\nUSER app\nUSER root\nCMD [\"supervisord\", \"-n\"]\n", want: 0},
		{name: "php-fpm", src: "FROM php:8.3-fpm\nCOPY . /var/www/html\nCMD [\"php-fpm\"]\n", want: 0},
		// Corpus: docker-library/php apache variants.
		{name: "apache2-foreground", src: "FROM debian:12-slim\nENTRYPOINT [\"docker-php-entrypoint\"]\nCMD [\"apache2-foreground\"]\n", want: 0},
		// Corpus: rocker-org/rocker-versioned2 (s6-overlay).
		{name: "s6-overlay init", src: "FROM ubuntu:24.04\nRUN /rocker_scripts/install_rstudio.sh\nCMD [\"/init\"]\n", want: 0},
		{name: "sshd", src: "FROM alpine:3.20\nRUN apk add --no-cache openssh\nCMD [\"/usr/sbin/sshd\", \"-D\"]\n", want: 0},
		// Corpus: vimagick dnsmasq; the daemon drops to nobody by default.
		{name: "dnsmasq", src: "FROM alpine:3.20\nRUN apk add --no-cache dnsmasq\nENTRYPOINT [\"dnsmasq\", \"-k\"]\n", want: 0},
		// Corpus: tianon infosiftr-moby (docker:dind-like), buildkit.
		{name: "docker in docker", src: "FROM debian:12-slim\nCOPY dockerd-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"dockerd-entrypoint.sh\"]\nCMD []\n", want: 0},
		{name: "firewall tool", src: "FROM alpine:3.20\nRUN apk add --no-cache iptables\nENTRYPOINT [\"iptables\"]\nCMD [\"-L\"]\n", want: 0},
		{name: "memcached", src: "FROM debian:12\nRUN apt-get install -y memcached\nCMD [\"memcached\", \"-u\", \"daemon\"]\n", want: 0},
		// Corpus: CentOS-Dockerfiles httpd, mysql55, postgres: a start
		// script dflint cannot read, and a service that drops privileges.
		{name: "start script of an installed mysql-server", src: "FROM centos:7\nRUN yum install -y mysql55-mysql-server && yum clean all\nADD entrypoint.sh /entrypoint.sh\nCMD [\"/entrypoint.sh\"]\n", want: 0},
		{name: "shell running the start script of httpd", src: "FROM centos:7\nRUN yum -y install httpd && yum clean all\nCMD [\"bash\", \"/run-httpd.sh\"]\n", want: 0},
		{name: "start script without a service", src: "FROM centos:7\nRUN yum install -y java-17-openjdk-headless\nCMD [\"/start.sh\"]\n", want: 1},
		{name: "service installed but a program started", src: "FROM debian:12\nRUN apt-get install -y nginx\nCMD [\"/usr/local/bin/app\"]\n", want: 1},
		{name: "REPL CMD with a program ENTRYPOINT", src: "FROM python:3.12-slim\nENTRYPOINT [\"python3\", \"app.py\"]\nCMD [\"--help\"]\n", want: 1},
		{name: "only build stage root", src: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n", want: 0},
	})
}

func TestDF301Ranges(t *testing.T) {
	src := "FROM python:3.12-slim\nUSER app\nRUN x\nUSER root\nCMD [\"python\", \"app.py\"]\n"
	fs := lintWith(t, src, "DF301")
	if len(fs) != 1 || src[fs[0].Start:fs[0].End] != "USER root" {
		t.Fatalf("want the finding on the last USER root, got %+v", fs)
	}
	src = "FROM python:3.12-slim AS base\nFROM base\nCMD [\"python\", \"app.py\"]\n"
	fs = lintWith(t, src, "DF301")
	if len(fs) != 1 || fs[0].Line != 2 || src[fs[0].Start:fs[0].End] != "base" {
		t.Fatalf("want the finding on the final FROM's image word, got %+v", fs)
	}
	if !strings.Contains(fs[0].Message, "`python:3.12-slim` runs as root") {
		t.Errorf("message should name the root image: %s", fs[0].Message)
	}
}

func TestDF301Fix(t *testing.T) {
	const debianUser = "RUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home app\n"
	cases := []struct {
		name, src string
		want      string // the fixed file; "" when there must be no fix
		reason    string // part of the message when there is no fix
	}{
		{name: "debian: user after the last RUN, later app files chowned",
			src:  "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install flask\nCOPY . .\nCOPY conf.ini /etc/app/\nCMD [\"flask\", \"run\"]\n",
			want: "FROM python:3.12-slim\nWORKDIR /app\nRUN pip install flask\n" + debianUser + "USER 10001\nCOPY --chown=10001:10001 . .\nCOPY conf.ini /etc/app/\nCMD [\"flask\", \"run\"]\n"},
		{name: "copies before the user stay root's",
			src:  "FROM debian:12\nWORKDIR /srv\nCOPY app ./\nRUN apt-get update\nCMD [\"./app\"]\n",
			want: "FROM debian:12\nWORKDIR /srv\nCOPY app ./\nRUN apt-get update\n" + debianUser + "USER 10001\nCMD [\"./app\"]\n"},
		{name: "no RUN: after FROM",
			src:  "FROM ubuntu:24.04\nCOPY app /usr/local/bin/\nCMD [\"app\"]\n",
			want: "FROM ubuntu:24.04\n" + debianUser + "USER 10001\nCOPY app /usr/local/bin/\nCMD [\"app\"]\n"},
		{name: "alpine",
			src:  "FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD [\"curl\"]\n",
			want: "FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN addgroup -S -g 10001 app \\\n    && adduser -S -D -u 10001 -G app app\nUSER 10001\nCMD [\"curl\"]\n"},
		{name: "ubi-minimal installs shadow-utils",
			src:  "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nCMD [\"app\"]\n",
			want: "FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils \\\n    && microdnf clean all \\\n    && groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home app\nUSER 10001\nCMD [\"app\"]\n"},
		{name: "node ships node",
			src:  "FROM node:20-slim\nWORKDIR /app\nRUN npm ci\nCOPY . .\nCMD [\"node\", \"index.js\"]\n",
			want: "FROM node:20-slim\nWORKDIR /app\nRUN npm ci\nUSER 1000\nCOPY --chown=1000:1000 . .\nCMD [\"node\", \"index.js\"]\n"},
		{name: "distroless ships nonroot",
			src:  "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
			want: "FROM gcr.io/distroless/static-debian12\nUSER 65532\nCOPY app /app\nENTRYPOINT [\"/app\"]\n"},
		{name: "user the Dockerfile creates",
			src:  "FROM debian:12\nRUN useradd -m -u 1500 -g users svc && apt-get update\nCMD [\"x\"]\n",
			want: "FROM debian:12\nRUN useradd -m -u 1500 -g users svc && apt-get update\nUSER 1500\nCMD [\"x\"]\n"},
		{name: "final USER root becomes the switch back",
			src:  "FROM python:3.12-slim\nUSER app\nRUN echo\n# back to root\nUSER root\nCMD [\"python\", \"app.py\"]\n",
			want: "FROM python:3.12-slim\nUSER app\nRUN echo\n# back to root\nUSER app\nCMD [\"python\", \"app.py\"]\n"},
		{name: "USER root before the last RUN",
			src:  "FROM python:3.12-slim\nUSER app\nUSER root\nRUN apt-get update\nCMD [\"./app\"]\n",
			want: "FROM python:3.12-slim\nUSER app\nUSER root\nRUN apt-get update\nUSER app\nCMD [\"./app\"]\n"},
		{name: "lower case and no final newline",
			src:  "from busybox:1.36\nrun mkdir /data\ncmd [\"/app\"]",
			want: "from busybox:1.36\nrun mkdir /data\nrun addgroup -S -g 10001 app \\\n    && adduser -S -D -u 10001 -G app app\nuser 10001\ncmd [\"/app\"]"},
		{name: "directories made in the app directory are given to the new user",
			src:  "FROM debian:12\nWORKDIR /app\nRUN mkdir -p data /app/logs /var/cache/x \"$HOME/y\" && mkdir -m 700 tmp\nCMD [\"./run\"]\n",
			want: "FROM debian:12\nWORKDIR /app\nRUN mkdir -p data /app/logs /var/cache/x \"$HOME/y\" && mkdir -m 700 tmp\nRUN groupadd --system --gid 10001 app \\\n    && useradd --system --uid 10001 --gid app --no-log-init --create-home app \\\n    && chown 10001:10001 /app/data /app/logs /app/tmp\nUSER 10001\nCMD [\"./run\"]\n"},
		{name: "an image's user gets them in a RUN of their own",
			src:  "FROM node:20-slim\nWORKDIR /srv\nRUN mkdir uploads\nCMD [\"node\", \"index.js\"]\n",
			want: "FROM node:20-slim\nWORKDIR /srv\nRUN mkdir uploads\nRUN chown 1000:1000 /srv/uploads\nUSER 1000\nCMD [\"node\", \"index.js\"]\n"},
		{name: "relative mkdir after cd is not guessed",
			src:  "FROM debian:12\nWORKDIR /app\nRUN cd /opt && mkdir data\nCMD [\"./run\"]\n",
			want: "FROM debian:12\nWORKDIR /app\nRUN cd /opt && mkdir data\n" + debianUser + "USER 10001\nCMD [\"./run\"]\n"},
		// A fix never picks UID 0: not an account the file creates with
		// it, not an earlier USER that names it (issue 17).
		{name: "an account created with UID 00 is not reused",
			src:  "FROM debian:12\nRUN useradd -u 00 -o bob\nCMD [\"x\"]\n",
			want: "FROM debian:12\nRUN useradd -u 00 -o bob\n" + debianUser + "USER 10001\nCMD [\"x\"]\n"},
		{name: "an earlier USER of an account with UID 0 is not switched back to",
			src:  "FROM debian:12\nRUN useradd -o -u 0 bob\nUSER bob\nRUN make\nUSER root\nCMD [\"./app\"]\n",
			want: "FROM debian:12\nRUN useradd -o -u 0 bob\nUSER bob\nRUN make\n" + debianUser + "USER 10001\nCMD [\"./app\"]\n"},
		{name: "USER 000 becomes a new user",
			src:  "FROM debian:12\nUSER 000\nCMD [\"./app\"]\n",
			want: "FROM debian:12\n" + debianUser + "USER 10001\nCMD [\"./app\"]\n"},
		{name: "scratch", src: "FROM scratch\nCOPY app /\nENTRYPOINT [\"/app\"]\n", reason: "no user database"},
		{name: "unknown distribution", src: "FROM example.com/base:1\nCMD [\"x\"]\n", reason: "does not know"},
		{name: "distroless without nonroot", src: "FROM mcr.microsoft.com/azurelinux/distroless/base:3.0\nCMD [\"x\"]\n", reason: "nonroot"},
		{name: "privileged port", src: "FROM python:3.12\nEXPOSE 80/tcp\nCMD [\"python\", \"-m\", \"http.server\", \"80\"]\n", reason: "port 80"},
		{name: "ubi-micro", src: "FROM registry.access.redhat.com/ubi9/ubi-micro\nCMD [\"x\"]\n", reason: "no package manager"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := lintWith(t, c.src, "DF301")
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
			if got := applyFixesOf(t, c.src, "DF301"); got != c.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, c.want)
			}
			if fs := lintWith(t, c.want, "DF301"); len(fs) != 0 {
				t.Errorf("the fixed file still runs as root: %+v", fs)
			}
		})
	}
}

// TestDF301ServicesThatDropPrivileges: a final stage whose command starts a
// service that switches user itself, or calls a privilege dropper, is not
// reported: a USER would break it.
func TestDF301ServicesThatDropPrivileges(t *testing.T) {
	for _, src := range []string{
		"FROM debian:bookworm\nRUN apt-get update && apt-get install -y mariadb-server\nCMD [\"mysqld\", \"--user=mysql\"]\n",
		"FROM debian:bookworm\nRUN apt-get update && apt-get install -y supervisor\nCMD [\"/usr/bin/supervisord\", \"-c\", \"/etc/supervisor/supervisord.conf\"]\n",
		"FROM debian:bookworm\nRUN apt-get update && apt-get install -y php8.2-fpm\nCMD [\"php-fpm8.2\", \"-F\"]\n",
		"FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server\nCMD /usr/sbin/sshd -D\n",
		"FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
		"FROM debian:bookworm\nCOPY app /app\nENTRYPOINT [\"chroot\", \"--userspec=1000:1000\", \"/\", \"/app\"]\n",
	} {
		if n := countRule(lintWith(t, src, "DF301"), "DF301"); n != 0 {
			t.Errorf("%q: got %d findings, want 0", src, n)
		}
	}
	// A service run in a RUN (a config test) does not start the container.
	if n := countRule(lintWith(t, "FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx && nginx -t\nCMD [\"/app\"]\n", "DF301"), "DF301"); n != 1 {
		t.Errorf("nginx -t in a RUN: got %d findings, want 1", n)
	}
}

// TestDF301ReusesUserCreatedWithLongOptions: the fix runs as the user the
// file creates with long options and a UID from a variable, rather than
// adding a second `app` user.
func TestDF301ReusesUserCreatedWithLongOptions(t *testing.T) {
	src := "FROM debian:bookworm\nARG APP_UID=1000\nRUN addgroup --gid=$APP_UID app && adduser --uid=$APP_UID --ingroup app --disabled-password app\nCOPY . /app\nCMD [\"/app/run\"]\n"
	got := applyFixesOf(t, src, "DF301")
	if strings.Count(got, "adduser") != 1 || strings.Contains(got, "useradd") || !strings.Contains(got, "USER app") {
		t.Errorf("want USER app and no second user:\n%s", got)
	}
}

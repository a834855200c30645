package rules

import "testing"

func TestDF503CdInRun(t *testing.T) {
	runCases(t, "DF503", []ruleCase{
		{name: "cd and make", src: "FROM alpine:3.20\nRUN cd /src && make\n", want: 1, onbuild: true},
		{name: "two cds one finding", src: "FROM alpine:3.20\nRUN cd /src && make && cd /app && make\n", want: 1},
		{name: "cd in heredoc", src: "FROM alpine:3.20\nRUN <<EOF\ncd /src\nmake\nEOF\n", want: 1, noVariants: true},
		{name: "two RUNs", src: "FROM alpine:3.20\nRUN cd /a && make\nRUN cd /b && make\n", want: 2},
		{name: "copied tree built in place", src: "FROM node:22\nCOPY . /app\nRUN cd /app && npm ci\n", want: 1},
		{name: "deleted tree is another", src: "FROM alpine:3.20\nRUN cd /src && make install && rm -rf /tmp/x\n", want: 1},
		{name: "no cd", src: "FROM alpine:3.20\nWORKDIR /src\nRUN make\n", want: 0, onbuild: true},
		{name: "cd as an argument", src: "FROM alpine:3.20\nRUN echo cd\n", want: 0},
		{name: "make -C", src: "FROM alpine:3.20\nRUN make -C /src install\n", want: 0},
		{name: "exec form", src: "FROM alpine:3.20\nRUN [\"cd\", \"/src\"]\n", want: 0},
		{name: "powershell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN cd C:\\\\src; make\n", want: 0},
		// Building in a tree the same RUN makes and deletes, which WORKDIR
		// cannot do (docker-library python, php, ruby, node).
		{name: "extracted, built and deleted", src: "FROM debian:12\nRUN mkdir -p /usr/src/python && tar -xf py.tar.xz -C /usr/src/python && cd /usr/src/python && make install && cd / && rm -rf /usr/src/python\n", want: 0},
		{name: "deleted by a parent", src: "FROM debian:12\nRUN cd /usr/src/php/ext && make && rm -rf /usr/src/php\n", want: 0},
		{name: "made by mkdir", src: "FROM debian:12\nRUN mkdir -p /opt/build && cd /opt/build && cmake /src\n", want: 0},
		{name: "cloned", src: "FROM debian:12\nRUN git clone https://x/y.git /opt/y && cd /opt/y && make\n", want: 0},
		{name: "relative after extraction", src: "FROM debian:12\nRUN tar -xzf redis.tgz && cd redis-7.2 && make\n", want: 0},
		{name: "temp dir", src: "FROM debian:12\nRUN cd /tmp && curl -O https://x/a.deb && dpkg -i a.deb\n", want: 0},
		{name: "mktemp", src: "FROM debian:12\nRUN cd \"$(mktemp -d)\" && make\n", want: 0},
		{name: "back to the previous directory", src: "FROM debian:12\nRUN cd - && make\n", want: 0},
		// Scoped on purpose.
		{name: "cd in subshell", src: "FROM alpine:3.20\nRUN (cd /src && make)\n", want: 0},
		{name: "cd in substitution", src: "FROM alpine:3.20\nRUN V=$(cd /src && git describe) && echo $V\n", want: 0},
		{name: "cd in sh -c", src: "FROM alpine:3.20\nRUN sh -c 'cd /src && make'\n", want: 0},
		// Mounts are not there for later steps.
		{name: "cache mount", src: "FROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build cd /root/.cache/go-build && ls\n", want: 0},
		{name: "bind mount", src: "FROM golang:1.23\nRUN --mount=type=bind,target=/src cd /src && go build -o /out/app\n", want: 0},
		// Only file handling there: the relative-path shorthand of one step.
		{name: "only links", src: "FROM debian:12\nRUN cd /usr/local/bin && ln -s python3 python && chmod +x python\n", want: 0},
		{name: "links then build elsewhere", src: "FROM debian:12\nCOPY . /app\nRUN cd /usr/local/bin && ln -s python3 python && cd /app && make\n", want: 1},
		// Going back is not a directory to work in.
		{name: "back to the root", src: "FROM debian:12\nRUN cd / && make -C /src\n", want: 0},
		// The directory must be there before the RUN.
		{name: "made by an unknown command", src: "FROM php:8.3\nRUN docker-php-source extract; cd /usr/src/php; ./configure\n", want: 0},
		{name: "after setup, under a COPY", src: "FROM node:22\nCOPY . /app/\nRUN npm i -g pnpm && cd /app/web && pnpm i\n", want: 1},
		{name: "after setup, relative to WORKDIR", src: "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm i -g pnpm && cd web && pnpm i\n", want: 1},
		{name: "under a WORKDIR, made by the RUN", src: "FROM python:3.12\nWORKDIR /opt/graphite\nRUN pip install graphite-web && cd ./webapp && python setup.py\n", want: 0},
		{name: "tmpfs on the WORKDIR", src: "FROM alpine\nWORKDIR /src\nRUN --mount=target=.,type=tmpfs rsync -a /context/. . && cd frontend && make\n", want: 0},
		{name: "busybox applet", src: "FROM nginx:alpine\nRUN cd /usr/share/nginx/html && rm -rf * && curl -sSL https://x/a.zip | busybox unzip -\n", want: 0},
		{name: "downloads there", src: "FROM centos:7\nRUN cd /etc/yum.repos.d && curl -LO https://x/y.repo\n", want: 0},
		{name: "after set -eux", src: "FROM node:22\nRUN set -eux; cd /srv && make\n", want: 1},
	})
}

func TestDF503OptIn(t *testing.T) {
	src := "FROM alpine:3.20\nRUN cd /src && make\n"
	if n := countRule(lintOpts(t, src, Options{Today: testToday}), "DF503"); n != 0 {
		t.Errorf("DF503 ran without being selected: %d findings", n)
	}
	if n := countRule(lintOpts(t, src, Options{Select: []string{"DL3003"}, Today: testToday}), "DF503"); n != 1 {
		t.Errorf("--select DL3003: got %d DF503 findings, want 1", n)
	}
}

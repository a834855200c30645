package rules

import (
	"strings"
	"testing"
)

func TestDF603UserNotInImage(t *testing.T) {
	runCases(t, "DF603", []ruleCase{
		{name: "name on distroless", src: "FROM gcr.io/distroless/static-debian12\nUSER app\n", want: 1},
		{name: "name and group", src: "FROM gcr.io/distroless/static-debian12\nUSER app:app\n", want: 1},
		{name: "name on scratch", src: "FROM scratch\nCOPY app /app\nUSER nobody\n", want: 1},
		{name: "chown name", src: "FROM gcr.io/distroless/base-debian12\nCOPY --chown=app:app app /app\n", want: 1},
		{name: "add chown name", src: "FROM gcr.io/distroless/base-debian12\nADD --chown=www-data app.tar /app\n", want: 1},
		{name: "variable resolved", src: "FROM gcr.io/distroless/base-debian12\nARG APP_USER=app\nUSER $APP_USER\n", want: 1},
		{name: "base stage's image", src: "FROM gcr.io/distroless/base-debian12 AS base\nFROM base\nUSER app\n", want: 1},
		{name: "nonroot", src: "FROM gcr.io/distroless/static-debian12\nUSER nonroot:nonroot\n", want: 0},
		{name: "nobody", src: "FROM gcr.io/distroless/static-debian12\nUSER nobody\n", want: 0},
		{name: "numeric", src: "FROM scratch\nUSER 65532:65532\n", want: 0},
		{name: "numeric chown", src: "FROM scratch\nCOPY --chown=1000:1000 app /app\n", want: 0},
		{name: "root", src: "FROM gcr.io/distroless/static-debian12\nUSER root\n", want: 0},
		{name: "variable unknown", src: "FROM gcr.io/distroless/static-debian12\nARG APP_USER\nUSER $APP_USER\n", want: 0},
		{name: "users unknown", src: "FROM alpine:3.20\nUSER app\n", want: 0},
		{name: "debian has no app", src: "FROM debian:bookworm-slim\nUSER app\n", want: 1},
		{name: "a script may add it", src: "FROM debian:bookworm-slim\nCOPY setup.sh /tmp/\nRUN /tmp/setup.sh app\nUSER app\n", want: 0},
		{name: "a command in a variable may add it", src: "FROM debian:bookworm-slim\nARG MKUSER\nRUN $MKUSER app\nUSER app\n", want: 0},
		{name: "base is an ARG", src: "ARG BASE\nFROM $BASE\nUSER app\n", want: 0},
		{name: "passwd copied in", src: "FROM alpine:3.20 AS build\nRUN adduser -D app\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app\n", want: 0},
		{name: "etc copied in", src: "FROM scratch\nCOPY --from=build /etc/passwd /etc/group /etc/\nUSER app\n", want: 0},
		{name: "passwd written", src: "FROM gcr.io/distroless/base-debian12:debug\nSHELL [\"/busybox/sh\", \"-c\"]\nRUN echo 'app:x:1000:1000::/app:/sbin/nologin' >> /etc/passwd\nUSER app\n", want: 0},
		{name: "user added in the base stage", src: "FROM gcr.io/distroless/base-debian12:debug AS base\nRUN adduser -D app\nFROM base\nUSER app\n", want: 0},
		{name: "passwd copied after", src: "FROM scratch\nUSER app\nCOPY --from=build /etc/passwd /etc/passwd\n", want: 1},
		{name: "user made in another stage only", src: "FROM alpine:3.20 AS build\nRUN adduser -D app\nFROM scratch\nCOPY --from=build /app /app\nUSER app\n", want: 1},
		{name: "onbuild", src: "FROM gcr.io/distroless/static-debian12\nONBUILD USER app\n", want: 0},
	})
}

func TestDF603Message(t *testing.T) {
	for src, want := range map[string]string{
		"FROM gcr.io/distroless/static-debian12\nUSER app\n": "use the image's `nonroot` user (or its UID, `65532`)",
		"FROM scratch\nUSER app\n":                           "it has no /etc/passwd",
	} {
		fs := lintWith(t, src, "DF603")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, want) {
			t.Errorf("%q: want one finding saying %s, got %+v", src, want, fs)
		}
	}
}

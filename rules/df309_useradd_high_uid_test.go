package rules

import "testing"

func TestDF309UseraddHighUID(t *testing.T) {
	runCases(t, "DF309", []ruleCase{
		{name: "-u high", src: "FROM debian:12\nRUN useradd -u 1000000 app\n", want: 1, onbuild: true},
		{name: "--uid=", src: "FROM debian:12\nRUN useradd --uid=123456 app\n", want: 1},
		{name: "-u glued", src: "FROM debian:12\nRUN useradd -m -u123456 app\n", want: 1},
		{name: "sudo", src: "FROM debian:12\nRUN sudo useradd -r -u 999999 app\n", want: 1},
		{name: "arg value", src: "FROM debian:12\nARG UID=1000000\nRUN useradd -u ${UID} app\n", want: 1},
		{name: "arg value quoted", src: "FROM debian:12\nARG UID=1000000\nRUN useradd -u \"$UID\" app\n", want: 1},
		{name: "glued variable", src: "FROM debian:12\nARG UID=1000000\nRUN useradd -u$UID app\n", want: 1},
		{name: "with -l", src: "FROM debian:12\nRUN useradd -l -u 1000000 app\n", want: 0, onbuild: true},
		{name: "--no-log-init", src: "FROM debian:12\nRUN useradd --no-log-init -u 1000000 app\n", want: 0},
		{name: "cluster with l", src: "FROM debian:12\nRUN useradd -lm -u 1000000 app\n", want: 0},
		{name: "low uid", src: "FROM debian:12\nRUN useradd -u 10001 app\n", want: 0, onbuild: true},
		{name: "no uid", src: "FROM debian:12\nRUN useradd app\n", want: 0},
		{name: "unknown variable", src: "FROM debian:12\nRUN useradd -u $USER_UID app\n", want: 0},
		{name: "low arg", src: "FROM debian:12\nARG USER_UID=1000\nRUN useradd -u $USER_UID app\n", want: 0},
		{name: "adduser", src: "FROM alpine:3.20\nRUN adduser -u 1000000 -D app\n", want: 0},
	})
}

func TestDF309Fix(t *testing.T) {
	src := "FROM debian:12\nRUN groupadd -g 1000000 app && useradd -u 1000000 -g app app\n"
	fs := lintWith(t, src, "DF309")
	if len(fs) != 1 || fs[0].Fix == nil {
		t.Fatalf("findings: %+v", fs)
	}
	e := fs[0].Fix.Edits[0]
	got := src[:e.Start] + e.NewText + src[e.End:]
	want := "FROM debian:12\nRUN groupadd -g 1000000 app && useradd -l -u 1000000 -g app app\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

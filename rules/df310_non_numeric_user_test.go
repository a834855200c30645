package rules

import "testing"

func TestDF310NonNumericUser(t *testing.T) {
	runCases(t, "DF310", []ruleCase{
		{name: "name", src: "FROM debian:12\nUSER app\n", want: 1, onbuild: true},
		{name: "name and group", src: "FROM debian:12\nUSER app:app\n", want: 1},
		{name: "name and numeric group", src: "FROM debian:12\nUSER app:1000\n", want: 1},
		{name: "from arg", src: "FROM debian:12\nARG U=app\nUSER ${U}\n", want: 1},
		{name: "scratch", src: "FROM scratch\nCOPY app /app\nUSER nobody\n", want: 1},
		{name: "numeric", src: "FROM debian:12\nUSER 10001\n", want: 0, onbuild: true},
		{name: "numeric pair", src: "FROM debian:12\nUSER 10001:10001\n", want: 0},
		{name: "numeric group name", src: "FROM debian:12\nUSER 10001:app\n", want: 0},
		{name: "numeric arg", src: "FROM debian:12\nARG UID=10001\nUSER $UID\n", want: 0},
		{name: "root", src: "FROM debian:12\nUSER root\n", want: 0},
		{name: "unknown variable", src: "FROM debian:12\nUSER $APP_USER\n", want: 0},
		{name: "windows", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n", want: 0},
	})
}

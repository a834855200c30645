package rules

import "testing"

func TestDF404AptUpgrade(t *testing.T) {
	runCases(t, "DF404", []ruleCase{
		{name: "upgrade", src: "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n", want: 1, onbuild: true},
		{name: "dist-upgrade", src: "FROM debian:12\nRUN apt-get -y dist-upgrade\n", want: 1},
		{name: "apt full-upgrade", src: "FROM debian:12\nRUN apt full-upgrade -y\n", want: 1},
		{name: "semicolon", src: "FROM debian:12\nRUN apt-get update; apt-get upgrade -y; apt-get install -y curl\n", want: 1},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get upgrade -y'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\napt-get upgrade -y\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM debian:12\nRUN sudo apt-get upgrade -y\n", want: 1},
		{name: "only-upgrade", src: "FROM debian:12\nRUN apt-get install -y --only-upgrade openssl\n", want: 0, onbuild: true},
		{name: "simulate", src: "FROM debian:12\nRUN apt-get -s upgrade\n", want: 0},
		{name: "package named upgrade", src: "FROM debian:12\nRUN apt-get install -y upgrade\n", want: 0},
		{name: "pip upgrade", src: "FROM debian:12\nRUN pip install --upgrade pip\n", want: 0},
	})
}

// TestDF404Message: with package names, the message says that upgrade
// still upgrades everything and names the command that does not.
func TestDF404Message(t *testing.T) {
	tests := []struct{ src, want string }{
		{"FROM debian:12\nRUN apt-get update && apt-get upgrade -y openssl \"$PKG\"\n",
			"`apt-get upgrade openssl \"$PKG\"` upgrades every installed package, not only openssl \"$PKG\": to upgrade just those, use `apt-get install --only-upgrade openssl \"$PKG\"`"},
		{"FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n",
			"`apt-get upgrade` makes the image depend on the day it is built: use a newer base image, or upgrade the packages you need by name with `apt-get install --only-upgrade PKG`"},
	}
	for _, tt := range tests {
		fs := lintWith(t, tt.src, "DF404")
		if len(fs) != 1 || fs[0].Message != tt.want {
			t.Errorf("%q:\ngot  %+v\nwant message %q", tt.src, fs, tt.want)
		}
	}
}

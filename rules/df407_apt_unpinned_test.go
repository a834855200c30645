package rules

import "testing"

func TestDF407AptUnpinned(t *testing.T) {
	runCases(t, "DF407", []ruleCase{
		{name: "unpinned", src: "FROM debian:12\nRUN apt-get install -y curl\n", want: 1, onbuild: true},
		{name: "pinned", src: "FROM debian:12\nRUN apt-get install -y curl=7.88\n", want: 0, onbuild: true},
		{name: "one of two", src: "FROM debian:12\nRUN apt-get install -y curl=7.88 wget\n", want: 1},
		{name: "two commands", src: "FROM debian:12\nRUN apt-get install -y a && apt install -y b; apt-get install -y c=1\n", want: 2},
		{name: "variable version", src: "FROM debian:12\nRUN apt-get install -y curl=${CURL_VERSION}\n", want: 0},
		{name: "only a variable", src: "FROM debian:12\nRUN apt-get install -y $PACKAGES\n", want: 0},
		{name: "release", src: "FROM debian:12\nRUN apt-get install -y curl/bookworm-backports\n", want: 0},
		{name: "deb", src: "FROM debian:12\nRUN apt-get install -y ./x.deb\n", want: 0},
		{name: "option value", src: "FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl=1\n", want: 0},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get install -y curl'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM debian:12\nRUN sudo apt-get install -y curl\n", want: 1},
		{name: "update", src: "FROM debian:12\nRUN apt-get update\n", want: 0},
	})
}

package rules

import "testing"

func TestDF522AptCacheMount(t *testing.T) {
	runCases(t, "DF522", []ruleCase{
		{name: "apt-get install", src: "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", want: 1},
		{name: "apt install with options", src: "FROM debian:12\nRUN apt -o Dpkg::Options::=--force-confnew -y install curl\n", want: 1},
		{name: "two installs one finding", src: "FROM debian:12\nRUN apt-get install -y a && apt-get install -y b\n", want: 1},
		{name: "in sh -c", src: "FROM debian:12\nRUN sh -c 'apt-get install -y curl'\n", want: 1},
		{name: "cache mount", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl\n", want: 0},
		{name: "lib mount", src: "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get install -y curl\n", want: 0},
		{name: "other cache mount", src: "FROM debian:12\nRUN --mount=type=cache,target=/root/.cache apt-get install -y curl\n", want: 1},
		{name: "update only", src: "FROM debian:12\nRUN apt-get update\n", want: 0},
		{name: "remove", src: "FROM debian:12\nRUN apt-get remove -y curl\n", want: 0},
		{name: "echo", src: "FROM debian:12\nRUN echo apt-get install\n", want: 0},
	})
}

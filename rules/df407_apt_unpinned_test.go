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
		// hadolint's DL3008 cases, in dflint's own Dockerfiles.
		{name: "DL3008 unpinned", src: "FROM debian:12\nRUN apt-get update && apt-get install python3\n", want: 1, onbuild: true},
		{name: "DL3008 pinned chained", src: "FROM debian:12\nRUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=18.19 \\\n && rm -rf /var/lib/apt/lists/*\n", want: 0},
		{name: "DL3008 pinned with globs and epochs", src: "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y \\\n python3-demjson=2.2.2* \\\n wget=1.21.3* \\\n git=1:2.39.* \\\n ruby=1:3.1.*\n", want: 0},
		{name: "DL3008 pinned", src: "FROM debian:12\nRUN apt-get install -y python3=3.11.2-1\n", want: 0, onbuild: true},
		{name: "DL3008 local deb", src: "FROM debian:12\nRUN apt-get install ./wkhtmltox_0.12.6-1.bookworm_amd64.deb\n", want: 0},
		{name: "DL3008 target release", src: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends -t bookworm-backports openjdk-17-jdk=17.0.9+9-1~bpo12+1\n", want: 0},
		{name: "target-release long", src: "FROM debian:12\nRUN apt-get install -y --target-release bookworm-backports curl\n", want: 1},
	})
}

package rules

import "testing"

func TestDF508MissingPipefail(t *testing.T) {
	runCases(t, "DF508", []ruleCase{
		{name: "pipe", src: "FROM debian:12\nRUN curl -fsSL https://x | sh\n", want: 1},
		{name: "two RUNs with pipes", src: "FROM debian:12\nRUN a | b\nRUN c | d\n", want: 2},
		{name: "pipe in command substitution", src: "FROM debian:12\nRUN V=$(curl -s x | jq -r .v) && echo $V\n", want: 1},
		{name: "pipe in heredoc", src: "FROM debian:12\nRUN <<EOF\na | b\nEOF\n", want: 1, noVariants: true},
		{name: "or is not a pipe", src: "FROM debian:12\nRUN a || b\n", want: 0},
		{name: "no pipe", src: "FROM debian:12\nRUN a && b\n", want: 0},
		{name: "SHELL with pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n", want: 0},
		{name: "SHELL with clustered flags", src: "FROM alpine:3.20\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN a | b\n", want: 0},
		{name: "SHELL without pipefail", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN a | b\n", want: 1},
		{name: "SHELL after the RUN", src: "FROM debian:12\nRUN a | b\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n", want: 1},
		{name: "SHELL reset by FROM", src: "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM debian:12\nRUN a | b\n", want: 1},
		{name: "SHELL inherited from stage", src: "FROM debian:12 AS base\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nFROM base\nRUN a | b\n", want: 0},
		{name: "set -o pipefail", src: "FROM debian:12\nRUN set -o pipefail && a | b\n", want: 0},
		{name: "set -euxo pipefail", src: "FROM debian:12\nRUN set -euxo pipefail; a | b\n", want: 0},
		{name: "set after the pipe", src: "FROM debian:12\nRUN a | b; set -o pipefail\n", want: 1},
		{name: "heredoc with set", src: "FROM debian:12\nRUN <<EOF\nset -eo pipefail\na | b\nEOF\n", want: 0, noVariants: true},
		// Producers that cannot fail in a way the build must notice: pipefail
		// changes nothing (docker-library images: `echo "$sha  file" | sha256sum -c -`).
		{name: "echo producer", src: "FROM debian:12\nRUN echo 'root:pw' | chpasswd\n", want: 0},
		{name: "printf producer", src: "FROM debian:12\nRUN printf '%s\\n' a b | sort > /list\n", want: 0},
		{name: "yes producer", src: "FROM debian:12\nRUN yes | apt-get install foo\n", want: 0},
		{name: "echo of a substitution", src: "FROM debian:12\nRUN echo \"$(uname -m)\" | tee /arch\n", want: 0},
		{name: "block of echos", src: "FROM debian:12\nRUN { echo a; echo b; } | sort > /f\n", want: 0},
		{name: "cat of a heredoc", src: "FROM debian:12\nRUN cat <<EOF | sh\necho hi\nEOF\n", want: 0, noVariants: true},
		{name: "cat of two files", src: "FROM debian:12\nRUN cat /etc/os-release /etc/lsb-release | grep ID\n", want: 1},
		{name: "echo then a failing stage", src: "FROM debian:12\nRUN echo a | python3 gen.py | sh\n", want: 1},
		{name: "echo then a filter", src: "FROM debian:12\nRUN echo a | sed s/a/b/ | sh\n", want: 0},
		{name: "harmless and real pipe", src: "FROM debian:12\nRUN echo x | chpasswd && curl -fsSL https://k | sh\n", want: 1},
		{name: "uname producer", src: "FROM debian:12\nRUN ARCH=$(uname -m | sed s/x86_64/amd64/) && echo $ARCH\n", want: 0},
		{name: "dpkg architecture", src: "FROM debian:12\nRUN A=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\" && echo $A\n", want: 0},
		{name: "dpkg query", src: "FROM debian:12\nRUN dpkg -l | grep ssl\n", want: 0},
		{name: "dpkg install", src: "FROM debian:12\nRUN dpkg -i /x.deb | tee /log\n", want: 1},
		// Consumers that fail on empty or cut input: a failed download
		// already fails the pipeline (docker-library: `curl … | tar -xz`).
		{name: "tar extracts", src: "FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xzC /opt\n", want: 0},
		{name: "old-style tar", src: "FROM debian:12\nRUN curl -sSL https://x/a.tgz | tar xz --strip 1\n", want: 0},
		{name: "gpg import", src: "FROM debian:12\nRUN curl -fsSL https://x/key.asc | gpg --import -\n", want: 0},
		{name: "apt-key add", src: "FROM debian:12\nRUN wget -qO- https://x/key | apt-key add -\n", want: 0},
		{name: "checksum check", src: "FROM debian:12\nRUN grep \" node.tar.xz$\" SHASUMS256.txt | sha256sum -c -\n", want: 0},
		{name: "tar with a variable", src: "FROM debian:12\nRUN curl -fsSL https://x/a.tgz | tar -xz -C \"$DIR\"\n", want: 0},
		{name: "cat of one file into grep", src: "FROM debian:12\nRUN cat /etc/passwd | grep root > /p\n", want: 0},
		{name: "cat of one file into a loop", src: "FROM debian:12\nRUN cat /list | while read f; do rm $f; done\n", want: 1},
		{name: "download into grep", src: "FROM debian:12\nRUN curl -fsSL https://x/v | grep -o 'v[0-9.]*' > /v\n", want: 1},
		{name: "tar creates", src: "FROM debian:12\nRUN git ls-files | tar -cf /out.tar -T -\n", want: 1},
		{name: "script into a shell", src: "FROM debian:12\nRUN curl -fsSL https://x/install.sh | bash -s -- -y\n", want: 1},
		{name: "gpg other command", src: "FROM debian:12\nRUN curl -fsSL https://x/k | gpg --list-packets\n", want: 1},
		// Listing the image's own files and packages, then filtering: these
		// exit non-zero for reasons that do not matter, and pipefail would
		// fail the build (docker-library: dpkg-query --search of a file no
		// package owns).
		{name: "official images' runtime deps", src: "FROM debian:12\nRUN find /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual\n", want: 0},
		{name: "apt-mark showmanual", src: "FROM debian:12\nRUN apt-mark showmanual | xargs apt-mark auto > /dev/null\n", want: 0},
		{name: "scanelf in an assignment", src: "FROM alpine:3.20\nRUN deps=\"$(scanelf --needed --nobanner --recursive /usr/local | awk '{ print $2 }' | sort -u)\" && apk add $deps\n", want: 0},
		{name: "apk info through xargs", src: "FROM alpine:3.20\nRUN scanelf --needed --nobanner /tmp/envsubst | awk '{ print $2 }' | sort -u | xargs -r apk info --installed | sort -u > /deps\n", want: 0},
		{name: "download then filter", src: "FROM debian:12\nRUN curl -fsSL https://x/i.sh | grep -v '^#' | sh\n", want: 1},
		{name: "filter reading a file", src: "FROM debian:12\nRUN sed 's/a/b/' /tmp/install.sh | sh\n", want: 1},
		{name: "xargs running a download", src: "FROM debian:12\nRUN cat /urls | xargs -n1 curl -fsS | sh\n", want: 1},
		// Failures the script lets pass anyway (tianon/dockerfiles).
		{name: "or true", src: "FROM debian:12\nRUN curl -fsSL https://x/v | sh || true\n", want: 0},
		{name: "condition then or colon", src: "FROM debian:12\nRUN ldd /opt/app | grep 'not found' && exit 1 || :\n", want: 0},
		{name: "producer that cannot fail", src: "FROM debian:12\nRUN { app --help || :; } 2>&1 | grep usage\n", want: 0},
		{name: "or something else", src: "FROM debian:12\nRUN curl -fsSL https://x/v | sh || echo failed >&2\n", want: 1},
		// A pipeline inside a substitution whose status nothing reads:
		// pipefail cannot stop the build.
		{name: "export of a substitution", src: "FROM debian:12\nRUN export $(curl -s https://x | grep A)\n", want: 0},
		{name: "argument substitution", src: "FROM debian:12\nRUN tar -xf $(ls /dl | head -n1)\n", want: 0},
		{name: "for list substitution", src: "FROM debian:12\nRUN for f in $(ls /d | grep x); do rm $f; done\n", want: 0},
		{name: "nested in an argument", src: "FROM debian:12\nRUN V=$(echo $(curl -s x | jq .v)) && echo $V\n", want: 0},
		{name: "exec form", src: "FROM debian:12\nRUN [\"sh\", \"-c\", \"a | b\"]\n", want: 0},
		{name: "powershell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN a | b\n", want: 0},
	})
}

// The finding points at the pipeline that needs pipefail, not at an
// earlier harmless one.
func TestDF508PointsAtFailingPipe(t *testing.T) {
	src := "FROM debian:12\nRUN echo x | chpasswd && curl -fsSL https://k | sh\n"
	fs := lintWith(t, src, "DF508")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	if got, want := src[fs[0].Start:fs[0].End], "curl -fsSL https://k | sh"; got != want {
		t.Errorf("finding covers %q, want %q", got, want)
	}
}

func TestDF508Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"debian", "FROM debian:12\nRUN a | b\nRUN c | d\n",
			"FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\nRUN c | d\n"},
		{"wolfi-base: BusyBox ash", "FROM cgr.dev/chainguard/wolfi-base:latest\nRUN a | b\n",
			"FROM cgr.dev/chainguard/wolfi-base:latest\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"},
		{"alpine above comments, CRLF", "FROM alpine:3.20\r\n# fetch\r\nRUN a | b\r\n",
			"FROM alpine:3.20\r\nSHELL [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\r\n# fetch\r\nRUN a | b\r\n"},
		{"lower case, indented", "from node:20-alpine AS b\n  run a | b\n",
			"from node:20-alpine AS b\n  shell [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\"]\n  run a | b\n"},
		{"active bash", "FROM debian:12\nSHELL [\"/usr/bin/bash\", \"-c\"]\nRUN a | b\n",
			"FROM debian:12\nSHELL [\"/usr/bin/bash\", \"-c\"]\nSHELL [\"/usr/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN a | b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := df5ApplyFixes(t, tt.src, "DF508")
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			if n := countRule(lintWith(t, got, "DF508"), "DF508"); n != 0 {
				t.Errorf("fixed file still has %d findings", n)
			}
		})
	}
}

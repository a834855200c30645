package rules

import (
	"strings"
	"testing"
)

func TestDF523CopiedArchiveExtracted(t *testing.T) {
	const from = "FROM debian:12\n"
	runCases(t, "DF523", []ruleCase{
		// hadolint's DL3010 cases, written anew.
		{name: "extracted by path", src: from + "COPY release.tar /srv/app\nRUN tar -xf /srv/app/release.tar\n", want: 1},
		{name: "extracted after WORKDIR, later in a chain", src: from + "COPY release.tar /srv/app\nWORKDIR /srv/app\nRUN make prep && echo unpacking && tar -xf release.tar\n", want: 1},
		{name: "renamed by the COPY", src: from + "COPY dist/out/release.tar /release.tar\nRUN tar -xf /release.tar\n", want: 1},
		{name: "windows paths", src: from + "COPY dist\\out\\release.tar.gz \"C:\\Program Files\\Acme\"\nRUN tar -xf \"C:\\Program Files\\Acme\\release.tar.gz\"\n", want: 1},
		{name: "windows paths, renamed", src: from + "COPY dist\\out\\release.tar.gz \"C:\\Program Files\\acme.tar.gz\"\nRUN tar -xf acme.tar.gz\n", want: 1},
		{name: "never extracted", src: from + "COPY release.tar /srv/app\nFROM debian:12 AS next\n", want: 0},
		{name: "not an archive", src: from + "COPY package.json /srv/app\nRUN tar -xf package.json.tar\n", want: 0},
		{name: "copied from a stage", src: "FROM debian:12 AS build\nRUN tar -cf /out/release.tar /src\n" + from + "COPY --from=build /out/release.tar /opt/release.tar\nRUN tar -xf /opt/release.tar\n", want: 0},

		// dflint's own.
		{name: "traditional tar letters", src: from + "COPY release.tgz /tmp/\nRUN tar xzf /tmp/release.tgz -C /opt\n", want: 1},
		{name: "long option", src: from + "COPY release.tar.xz /tmp/\nRUN tar --extract --file=/tmp/release.tar.xz -C /opt\n", want: 1},
		{name: "decompressed into tar", src: from + "COPY release.tar.gz /tmp/\nRUN gunzip -c /tmp/release.tar.gz | tar -x -C /opt\n", want: 1},
		{name: "gzip -d", src: from + "COPY release.tar.gz /tmp/\nRUN gzip -dc /tmp/release.tar.gz | tar -x -C /opt\n", want: 1},
		{name: "gzip compresses", src: from + "COPY release.tar /tmp/\nRUN gzip -9 /tmp/release.tar\n", want: 0},
		{name: "tar lists", src: from + "COPY release.tar /tmp/\nRUN tar -tf /tmp/release.tar\n", want: 0},
		{name: "tar creates", src: from + "COPY release.tar /tmp/\nRUN tar -cf /backup.tar /tmp/release.tar\n", want: 0},
		{name: "extracted before it is copied", src: from + "RUN tar -xf /tmp/release.tar || true\nCOPY release.tar /tmp/\n", want: 0},
		{name: "a compressed file that is not a tar archive", src: from + "COPY dump.sql.gz /tmp/\nRUN gunzip /tmp/dump.sql.gz\n", want: 0},
		{name: "zip archive", src: from + "COPY site.zip /tmp/\nRUN unzip /tmp/site.zip -d /srv\n", want: 0},
		{name: "other archive extracted", src: from + "COPY release.tar /tmp/\nRUN tar -xf /tmp/other.tar\n", want: 0},
		{name: "glob source", src: from + "COPY dist/*.tar /tmp/\nRUN tar -xf /tmp/release.tar\n", want: 0},
		{name: "two RUNs, one finding", src: from + "COPY release.tar /tmp/\nRUN tar -xf /tmp/release.tar -C /a\nRUN tar -xf /tmp/release.tar -C /b\n", want: 1},
		{name: "new stage forgets", src: from + "COPY release.tar /tmp/\nFROM debian:12\nRUN tar -xf /tmp/release.tar\n", want: 0},
		// A build stage's layers do not ship: its archive costs nothing.
		{name: "in a build stage", src: "FROM debian:12 AS build\nCOPY release.tar /tmp/\nRUN tar -xf /tmp/release.tar -C /out\nFROM debian:12\nCOPY --from=build /out /opt\n", want: 0},
		{name: "in the final image's base stage", src: "FROM debian:12 AS base\nCOPY release.tar /tmp/\nRUN tar -xf /tmp/release.tar -C /opt\nFROM base\nCMD [\"/opt/app\"]\n", want: 1},
		{name: "variable destination", src: from + "ARG NAME=release.tar\nCOPY dist/app.bin /tmp/$NAME\nRUN tar -xf /tmp/release.tar\n", want: 1},
	})
}

func TestDF523Message(t *testing.T) {
	fs := lintWith(t, "FROM debian:12\nCOPY release.tgz /tmp/\nRUN tar xzf /tmp/release.tgz -C /opt\n", "DF523")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	if fs[0].Line != 2 || !strings.Contains(fs[0].Message, "release.tgz is COPYed here and unpacked by `tar` on line 3") ||
		!strings.Contains(fs[0].Message, "--mount=type=bind") {
		t.Errorf("finding on line %d: %s", fs[0].Line, fs[0].Message)
	}
}

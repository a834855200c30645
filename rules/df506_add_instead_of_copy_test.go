package rules

import "testing"

func TestDF506AddInsteadOfCopy(t *testing.T) {
	runCases(t, "DF506", []ruleCase{
		{name: "local file", src: "FROM alpine:3.20\nADD app.py /srv/\n", want: 1, onbuild: true},
		{name: "directory", src: "FROM alpine:3.20\nADD . /srv\n", want: 1},
		{name: "copy", src: "FROM alpine:3.20\nCOPY app.py /srv/\n", want: 0, onbuild: true},
		{name: "tar.gz", src: "FROM alpine:3.20\nADD rootfs.tar.gz /\n", want: 0, onbuild: true},
		{name: "tgz", src: "FROM alpine:3.20\nADD rootfs.TGZ /\n", want: 0},
		{name: "tar.xz", src: "FROM alpine:3.20\nADD rootfs.tar.xz /\n", want: 0},
		{name: "tar", src: "FROM alpine:3.20\nADD rootfs.tar /\n", want: 0},
		{name: "zip is not unpacked", src: "FROM alpine:3.20\nADD site.zip /srv/\n", want: 1},
		{name: "archive among others", src: "FROM alpine:3.20\nADD a.txt b.tar.gz /srv/\n", want: 0},
		{name: "url", src: "FROM alpine:3.20\nADD https://example.com/app.py /srv/\n", want: 0},
		{name: "git", src: "FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n", want: 0},
		{name: "checksum", src: "FROM alpine:3.20\nADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 app.py /srv/\n", want: 0},
		{name: "chown", src: "FROM alpine:3.20\nADD --chown=app:app app.py /srv/\n", want: 1},
		{name: "known variable", src: "FROM alpine:3.20\nARG SRC=app.py\nADD $SRC /srv/\n", want: 1},
		{name: "known archive variable", src: "FROM alpine:3.20\nARG SRC=rootfs.tar.gz\nADD $SRC /\n", want: 0},
		{name: "unknown variable", src: "FROM alpine:3.20\nARG SRC\nADD $SRC /srv/\n", want: 0},
		{name: "heredoc", src: "FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n", want: 1, noVariants: true},
		{name: "json", src: "FROM alpine:3.20\nADD [\"app.py\", \"/srv/\"]\n", want: 1},
		{name: "crlf", src: "FROM alpine:3.20\r\nADD app.py \\\r\n  /srv/\r\n", want: 1},
		{name: "backtick", src: "# escape=`\nFROM alpine:3.20\nADD app.py `\n  /srv/\n", want: 1},
		{name: "quoted archive", src: "FROM alpine:3.20\nADD \"rootfs.tar.gz\" /\n", want: 0, onbuild: true},
		{name: "single-quoted archive", src: "FROM alpine:3.20\nADD 'rootfs.tgz' /\n", want: 0},
		{name: "json archive", src: "FROM alpine:3.20\nADD [\"rootfs.tgz\", \"/x/\"]\n", want: 0, onbuild: true},
		{name: "quoted file", src: "FROM alpine:3.20\nADD \"app.py\" /srv/\n", want: 1},
		{name: "quoted archive variable", src: "FROM alpine:3.20\nARG SRC=rootfs.tar.gz\nADD \"$SRC\" /\n", want: 0},
		{name: "lz4 is not unpacked", src: "FROM alpine:3.20\nADD data.tar.lz4 /srv/\n", want: 1},
		{name: "tb2", src: "FROM alpine:3.20\nADD rootfs.tb2 /\n", want: 0},
	})
}

// The cases of hadolint's DL3020 spec, in dflint's words.
func TestDF506HadolintDL3020(t *testing.T) {
	runCases(t, "DF506", []ruleCase{
		{name: "tar", src: "FROM alpine:3.20\nADD file.tar /usr/src/app/\n", want: 0},
		{name: "gzip", src: "FROM alpine:3.20\nADD file.gz /usr/src/app/\n", want: 0},
		{name: "bz2", src: "FROM alpine:3.20\nADD file.bz2 /usr/src/app/\n", want: 0},
		{name: "xz", src: "FROM alpine:3.20\nADD file.xz /usr/src/app/\n", want: 0},
		{name: "tgz", src: "FROM alpine:3.20\nADD file.tgz /usr/src/app/\n", want: 0},
		{name: "url", src: "FROM alpine:3.20\nADD http://file.com /usr/src/app/\n", want: 0},
		{name: "file", src: "FROM alpine:3.20\nADD file /usr/src/app/\n", want: 1},
		{name: "zip", src: "FROM alpine:3.20\nADD file.zip /usr/src/app/\n", want: 1},
		{name: "tgz with quotes", src: "FROM alpine:3.20\nADD \"file.tgz\" /usr/src/app/\n", want: 0},
		{name: "url with quotes", src: "FROM alpine:3.20\nADD \"http://file.com\" /usr/src/app/\n", want: 0},
		{name: "zip with quotes", src: "FROM alpine:3.20\nADD \"file.zip\" /usr/src/app/\n", want: 1},
		// Deliberate difference: BuildKit does not unpack compress (.Z) or
		// lzma files, so ADD only copies them.
		{name: "compress .Z", src: "FROM alpine:3.20\nADD file.tar.Z /usr/src/app/\n", want: 1},
		{name: "lzma", src: "FROM alpine:3.20\nADD file.lzma /usr/src/app/\n", want: 1},
	})
}

func TestDF506Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM alpine:3.20\nADD app.py /srv/\n", "FROM alpine:3.20\nCOPY app.py /srv/\n"},
		{"lower case", "FROM alpine:3.20\nadd app.py /srv/\n", "FROM alpine:3.20\ncopy app.py /srv/\n"},
		{"capitalised", "FROM alpine:3.20\nAdd app.py /srv/\n", "FROM alpine:3.20\nCopy app.py /srv/\n"},
		{"flags kept", "FROM alpine:3.20\nADD --chown=app --link . /srv\n", "FROM alpine:3.20\nCOPY --chown=app --link . /srv\n"},
		{"onbuild", "FROM alpine:3.20\nONBUILD ADD . /srv\n", "FROM alpine:3.20\nONBUILD COPY . /srv\n"},
		{"onbuild lower", "FROM alpine:3.20\nonbuild add . /srv\n", "FROM alpine:3.20\nonbuild copy . /srv\n"},
		{"glob with extension", "FROM alpine:3.20\nADD *.py /srv/\n", "FROM alpine:3.20\nCOPY *.py /srv/\n"},
		{"glob without extension", "FROM alpine:3.20\nADD files/* /srv/\n", "FROM alpine:3.20\nADD files/* /srv/\n"},
		{"crlf bom", "\ufeffFROM alpine:3.20\r\nADD app.py /srv/\r\n", "\ufeffFROM alpine:3.20\r\nCOPY app.py /srv/\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF506"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

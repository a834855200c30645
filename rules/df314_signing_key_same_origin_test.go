package rules

import (
	"strings"
	"testing"
)

func TestDF314SigningKeySameOrigin(t *testing.T) {
	const fp = "7EE65E3082A5FB06AC7C368D00CCB587DDBEF0E1"
	runCases(t, "DF314", []ruleCase{
		// Inspired by jessfraz/irssi (libotr's key from otr.cypherpunks.ca,
		// the site of the tarball) and vimagick/ocserv (short key IDs).
		{name: "key piped from the same host", src: "FROM debian:12\nRUN curl -fsSLo a.tgz https://example.org/a.tgz && curl -fsSLo a.tgz.asc https://example.org/a.tgz.asc && curl -fsSL https://example.org/KEYS | gpg --import && gpg --batch --verify a.tgz.asc a.tgz\n", want: 1, onbuild: true},
		{name: "key from the parent domain", want: 0, src: "FROM debian:12\nRUN curl -fsSLo s.tgz https://download.example.org/s.tgz && curl -fsSLo s.tgz.sig https://download.example.org/s.tgz.sig && curl -fsSL https://example.org/keys/release.asc | gpg --import - && gpg --batch --verify s.tgz.sig s.tgz\n"},
		{name: "key saved then imported", src: "FROM debian:12\nRUN wget -q https://example.org/a.tgz https://example.org/a.tgz.asc && wget -qO /tmp/KEYS https://example.org/KEYS && gpg --import /tmp/KEYS && gpg --verify a.tgz.asc\n", want: 1},
		{name: "same github account", src: "FROM debian:12\nRUN curl -fsSLO https://github.com/jane/tool/releases/download/v1/tool.tgz && curl -fsSLO https://github.com/jane/tool/releases/download/v1/tool.tgz.asc && curl -fsSL https://github.com/jane.gpg | gpg --import && gpg --verify tool.tgz.asc tool.tgz\n", want: 1},
		{name: "another key fetched by fingerprint in the RUN", src: "FROM debian:12\nRUN gpg --recv-keys " + fp + " && gpg --verify irssi.asc && curl -fsSLO https://otr.example/libotr.tgz.asc && curl -fsSL https://otr.example/gpgkey.asc | gpg --import && gpg --verify libotr.tgz.asc\n", want: 1},
		{name: "short key id", src: "FROM debian:12\nRUN wget -q https://example.org/a.tgz.sig && gpg --keyserver hkps://keyserver.ubuntu.com --recv-key 7F343FA7 && gpg --verify a.tgz.sig\n", want: 1},
		{name: "two short key ids, one finding", src: "FROM debian:12\nRUN gpg --recv-keys 0x7F343FA7 96865171 && gpg --verify a.sig\n", want: 1},

		{name: "full fingerprint from a keyserver", src: "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz.asc && gpg --keyserver hkps://keys.openpgp.org --recv-keys " + fp + " && gpg --verify a.tgz.asc\n", want: 0, onbuild: true},
		{name: "fingerprint checked", src: "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz && curl -fsSLO https://example.org/a.tgz.asc && curl -fsSL https://example.org/KEYS | gpg --import && gpg --fingerprint \"$KEY_FP\" && gpg --verify a.tgz.asc\n", want: 0},
		{name: "fingerprint written in the RUN", src: "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz.asc && curl -fsSL https://example.org/KEYS | gpg --import && gpg --status-fd 1 --verify a.tgz.asc | grep '" + fp + "'\n", want: 0},
		{name: "fingerprint in gpg's spaced form", src: "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz.asc && curl -fsSL https://example.org/KEYS | gpg --import && gpg --status-fd 1 --verify a.tgz.asc | grep 'B42F 6819 007F 00F8 8E36  4FD4 036A 9C25 BF35 7DD4'\n", want: 0},
		{name: "fingerprint spaced, single spaces", src: "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz.asc && curl -fsSL https://example.org/KEYS | gpg --import && gpg --status-fd 1 --verify a.tgz.asc | grep 'B42F 6819 007F 00F8 8E36 4FD4 036A 9C25 BF35 7DD4'\n", want: 0},
		{name: "VALIDSIG checked", src: "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz.asc && curl -fsSL https://example.org/KEYS | gpg --import && gpg --status-fd 1 --verify a.tgz.asc | grep -q \"validsig $FP\"\n", want: 0},
		{name: "key from another site", src: "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz.asc && curl -fsSL https://keys.example.net/KEYS | gpg --import && gpg --verify a.tgz.asc\n", want: 0},
		{name: "other github account", src: "FROM debian:12\nRUN curl -fsSLO https://github.com/org/tool/releases/download/v1/t.asc && curl -fsSL https://github.com/jane.gpg | gpg --import && gpg --verify t.asc\n", want: 0},
		{name: "no verify", src: "FROM debian:12\nRUN curl -fsSL https://example.org/KEYS | gpg --import && curl -fsSLO https://example.org/a.tgz\n", want: 0},
		// Built like swiftlang/swift-docker's toolchain URL: in the RUN,
		// from an ENV (swift's key comes from another host, so swift is
		// not reported; see "key from the parent domain").
		{name: "artefact url set in the RUN", src: "FROM debian:12\nENV WEBROOT=https://example.org\nRUN DIR=\"$WEBROOT/$(echo $P | tr -d .)\" && URL=\"$DIR/s.tgz\" && curl -fsSL \"$URL\" -o s.tgz \"$URL.sig\" -o s.tgz.sig && curl -fsSL https://example.org/keys/all.asc | gpg --import - && gpg --batch --verify s.tgz.sig s.tgz\n", want: 1},
		{name: "swift-like: key from the parent domain, url set in the RUN", src: "FROM debian:12\nENV WEBROOT=https://download.example.org\nRUN URL=\"$WEBROOT/$(echo $P | tr -d .)/s.tgz\" && curl -fsSL \"$URL\" -o s.tgz \"$URL.sig\" -o s.tgz.sig && curl -fsSL https://example.org/keys/all.asc | gpg --import - && gpg --batch --verify s.tgz.sig s.tgz\n", want: 0},
		{name: "artefact url unknown", src: "FROM debian:12\nARG U\nRUN curl -fsSLO \"$U.asc\" && curl -fsSL https://example.org/KEYS | gpg --import && gpg --verify a.tgz.asc\n", want: 0},
		{name: "long key id", src: "FROM debian:12\nRUN gpg --recv-keys 00CCB587DDBEF0E1 && gpg --verify a.sig\n", want: 0},
	})
}

func TestDF314Message(t *testing.T) {
	fs := lintWith(t, "FROM debian:12\nRUN curl -fsSLO https://example.org/a.tgz.asc && curl -fsSL https://example.org/KEYS | gpg --import && gpg --verify a.tgz.asc\n", "DF314")
	if len(fs) != 1 || !strings.HasPrefix(fs[0].Message, "the signing key comes from example.org, the site that serves https://example.org/a.tgz.asc") {
		t.Fatalf("got %+v", fs)
	}
}

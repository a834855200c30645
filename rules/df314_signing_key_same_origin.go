package rules

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF314",
	Name:     "signing-key-same-origin",
	Severity: Warning,
	Summary:  "a download verified with a GPG key fetched from the same site, or from a keyserver by short key ID",
	Check:    checkSigningKeySameOrigin,
})

// gpgSpec lists the gpg options that take a value in the next word, so
// that `--keyserver hkps://…` is not read as an operand.
var gpgSpec = shellcmd.OptSpec{
	ShortValue: "oru",
	LongValue: shellcmd.Set("--keyserver", "--homedir", "--output", "--recipient", "--local-user", "--default-key",
		"--keyring", "--secret-keyring", "--trust-model", "--status-fd", "--logger-fd", "--passphrase", "--keyserver-options"),
}

// fingerprintChecks are gpg options with which a RUN looks at the key it
// imported (prints or pins its fingerprint) before trusting it.
var fingerprintChecks = []string{"--fingerprint", "--with-fingerprint", "--with-colons", "--trusted-key", "--assert-signer", "--list-keys", "--list-key", "-k", "--check-sigs"}

// shortKeyID is an eight-digit key ID: anyone can make a key with a given
// one in seconds (the "evil32" keys on the public keyservers).
var shortKeyID = lazyRegexp(`^(?:0[xX])?[0-9A-Fa-f]{8}$`)

func checkSigningKeySameOrigin(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		verifies, pinned := false, false
		var shortIDs []parser.Word
		var imports []*shellcmd.Command
		fetched := map[string]bool{} // key IDs given to --recv-keys
		for _, c := range shellcmd.CommandsIn(in) {
			switch c.Name() {
			case "gpgv", "gpgv2":
				verifies = true
			case "gpg", "gpg2":
				verifies = verifies || c.HasOption(&gpgSpec, "--verify", "--verify-files")
				pinned = pinned || c.HasOption(&gpgSpec, fingerprintChecks...)
				if c.HasOption(&gpgSpec, "--import") {
					imports = append(imports, c)
				}
				if c.HasOption(&gpgSpec, "--recv-keys", "--recv-key", "--receive-keys") {
					_, operands := c.Options(&gpgSpec)
					for _, i := range operands {
						w := c.Args[i]
						fetched[strings.ToUpper(strings.TrimPrefix(strings.ToLower(w.Value), "0x"))] = true
						if w.Literal && shortKeyID().MatchString(w.Value) {
							shortIDs = append(shortIDs, w)
						}
					}
				}
			}
		}
		if !verifies || pinned || runPinsKey(in, fetched) {
			continue
		}
		if len(shortIDs) > 0 {
			ids := make([]string, len(shortIDs))
			for i, w := range shortIDs {
				ids[i] = w.Value
			}
			p.Report(shortIDs[0].Start, shortIDs[len(shortIDs)-1].End,
				fmt.Sprintf("the signature is checked with a key fetched by its short ID %s, which anyone can forge: ask the keyserver for the full 40-digit fingerprint", shellcmd.QuotedList(ids)), nil)
		}
		reportSameOriginKey(p, in, imports)
	}
}

// runPinsKey tells whether the RUN text holds a fingerprint check other
// than the IDs it fetches from a keyserver (jessfraz/irssi fetches irssi's
// key by fingerprint, and libotr's from libotr's own site, in one RUN): a
// full fingerprint that is not one of them (40 hex digits, or gpg's
// spaced form), or a check of gpg's VALIDSIG status line or of a key's
// fingerprint.
func runPinsKey(in *parser.Instruction, fetched map[string]bool) bool {
	text := in.Text()
	if lower := bytes.ToLower(text); bytes.Contains(lower, []byte("validsig")) || bytes.Contains(lower, []byte("fingerprint")) {
		return true
	}
	// Runs of hex digits, scanned by hand: a regular expression over every
	// verifying RUN was most of the rule's time on the corpus.
	for i := 0; i < len(text); {
		if !isHexDigit(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isHexDigit(text[j]) {
			j++
		}
		for k := i; k+40 <= j; k += 40 {
			if !fetched[strings.ToUpper(string(text[k:k+40]))] {
				return true
			}
		}
		if j-i >= 4 && spacedFingerprintAt(text, j-4) {
			return true
		}
		i = j
	}
	return false
}

// spacedFingerprintAt tells whether text holds a fingerprint written as
// gpg prints it, ten groups of four hex digits apart by spaces (two in the
// middle), from position p.
func spacedFingerprintAt(text []byte, p int) bool {
	for g := 0; g < 10; g++ {
		if p+4 > len(text) {
			return false
		}
		for _, c := range text[p : p+4] {
			if !isHexDigit(c) {
				return false
			}
		}
		p += 4
		if g < 9 {
			if p >= len(text) || text[p] != ' ' {
				return false
			}
			p++
			if g == 4 && p < len(text) && text[p] == ' ' {
				p++ // gpg --fingerprint puts two spaces in the middle
			}
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// reportSameOriginKey reports a key downloaded and imported in the RUN
// from the site that also serves a file the RUN downloads: whoever can
// replace the file there can replace the key too.
func reportSameOriginKey(p *Pass, in *parser.Instruction, imports []*shellcmd.Command) {
	downloads := downloadsIn(in)
	for i, k := range downloads {
		if !importedAsKey(k, imports) {
			continue
		}
		for j, a := range downloads {
			if j == i || importedAsKey(a, imports) || !sameOrigin(k, a) {
				continue
			}
			p.Report(k.Cmd.Call.Start(), k.Cmd.Call.End(), fmt.Sprintf(
				"the signing key comes from %s, the site that serves %s: whoever can change the file there can change the key, so the signature proves nothing. Pin the key: `gpg --recv-keys <full fingerprint>` from a keyserver, or check the imported key's fingerprint", k.Host, a.URL), nil)
			return
		}
	}
}

// importedAsKey tells whether a download goes into `gpg --import`: piped
// into gpg, or saved to a file an import names.
func importedAsKey(d download, imports []*shellcmd.Command) bool {
	if d.Piped {
		return d.PipedTo == "gpg" || d.PipedTo == "gpg2"
	}
	if d.Saved == "" || strings.IndexByte(d.Saved, 0) >= 0 {
		return false
	}
	for _, c := range imports {
		_, operands := c.Options(&gpgSpec)
		for _, i := range operands {
			if path.Base(wordShape(c.Args[i].Word)) == path.Base(d.Saved) {
				return true
			}
		}
	}
	return false
}

// sameOrigin tells whether two downloads come from one site: the same
// host. A subdomain is not enough: download.swift.org is a CDN apart from
// swift.org, and a key from one does check a file from the other (the 184
// swiftlang/swift-docker files). On a shared Git host the site is the
// account: github.com/a and github.com/b are different people.
func sameOrigin(a, b download) bool {
	ha, hb := gitSite(a.Host), gitSite(b.Host)
	if ha != "" || hb != "" {
		return ha == hb && urlOwner(a.URL) != "" && strings.EqualFold(urlOwner(a.URL), urlOwner(b.URL))
	}
	return a.Host == b.Host
}

// gitSite names the Git hosting service a host belongs to, "" for others.
func gitSite(host string) string {
	switch host {
	case "github.com", "raw.githubusercontent.com", "codeload.github.com", "objects.githubusercontent.com", "api.github.com":
		return "github"
	case "gitlab.com":
		return "gitlab"
	case "bitbucket.org":
		return "bitbucket"
	}
	return ""
}

// urlOwner is the first path segment of a URL: the account on a Git host
// (api.github.com's paths start with "repos/" or "users/", then the account).
func urlOwner(u string) string {
	_, rest, _ := strings.Cut(u, "://")
	_, p, _ := strings.Cut(rest, "/")
	segs := strings.Split(p, "/")
	if len(segs) > 1 && (segs[0] == "repos" || segs[0] == "users") {
		segs = segs[1:]
	}
	return strings.TrimSuffix(segs[0], ".gpg")
}

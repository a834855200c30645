package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/eol"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
)

// DF109 is its own rule, not part of DF102: DF102 is hadolint's DL3007,
// which reports `latest` only, and a hadolint configuration that ignores or
// trusts DL3007 must keep meaning exactly that.
var _ = register(&Rule{
	ID:       "DF109",
	Name:     "rolling-distribution-tag",
	Severity: Info,
	Summary:  "FROM a distribution tag that follows a development branch or the newest release (`alpine:edge`, `debian:sid`, `fedora:rawhide`)",
	Check:    checkRollingDistributionTag,
})

func checkRollingDistributionTag(p *Pass) {
	table := eol.Default()
	for _, s := range p.File.Stages {
		ref, ok := s.Image()
		if !ok || ref.Tag == "" || ref.Digest != "" {
			continue
		}
		info := images.Lookup(ref)
		prod, ft := table.Floating(info.Family, ref.Name(), ref.Tag)
		if ft == nil {
			continue
		}
		if suite, _, _ := strings.Cut(strings.ToLower(ref.Tag), "-"); namesSuite(s.Name, suite) || namesSuite(p.File.Path, suite) {
			// A Dockerfile kept per release, or a stage named for the
			// branch (fedora/rawhide/Dockerfile, AS build-edge): the branch
			// is the point.
			continue
		}
		msg := fmt.Sprintf("`%s:%s` follows %s: it changes under the same tag, and a build can break with no change in this repository; %s",
			ref.Repository(), ref.Tag, ft.Means, nameARelease(prod, ref, p))
		if strings.Contains(s.BaseName, "$") {
			msg = fmt.Sprintf("`%s` expands to `%s`, which %s", s.BaseName, s.Base, strings.TrimPrefix(msg, fmt.Sprintf("`%s:%s` ", ref.Repository(), ref.Tag)))
		}
		start, end := reportRange(s.From)
		p.Report(start, end, msg, nil)
	}
}

// nameARelease says which tag to use instead: the newest supported line of
// the product, with the rest of the floating tag (`sid-slim` → the newest
// Debian release's `-slim` tag), when the official image publishes that
// tag; otherwise the line only.
func nameARelease(prod *eol.Product, ref parser.ImageRef, p *Pass) string {
	newest := prod.Newest(p.Options.Today)
	if newest == nil {
		return "name a release"
	}
	if repo, official := officialRepo(ref); official {
		_, rest, _ := strings.Cut(ref.Tag, "-")
		if rest != "" {
			rest = "-" + rest
		}
		// Codename first: a suite name (sid) is closer to a codename than to a number.
		names := append(append([]string{}, newest.Aliases...), newest.Line)
		for _, n := range names {
			if t := prod.TagPrefix + n + rest; eol.DefaultTags().Published(repo, t) {
				return fmt.Sprintf("name a release: `%s`", ref.WithTag(t))
			}
		}
	}
	return "name a release, such as " + prod.LineName(newest)
}

// namesSuite tells whether a word of text (split at anything but letters
// and digits) is the suite: `ci/fedora/rawhide/Dockerfile`,
// `Dockerfile.edge`, a stage `test-sid`.
func namesSuite(text, suite string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if w == suite {
			return true
		}
	}
	return false
}

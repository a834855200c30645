package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF103",
	Name:     "unpinned-digest",
	Severity: Info,
	Summary:  "FROM an image by tag without its `@sha256:` digest",
	Description: `A tag is a name its publisher can point at another image at any time: ` + "`python:3.12-slim`" + `
is rebuilt for every Debian security update and every Python patch release. Two builds of the same
commit can then get different base images, and a compromised registry account can hand a build
anything. A digest names exactly one image. Writing both, ` + "`python:3.12-slim@sha256:…`" + `, keeps the
tag for people to read and lets the builder use only the digest. Tools such as Renovate and
Dependabot update pinned digests when the tag moves.

What counts: a FROM whose image, after the Dockerfile's ARG defaults are expanded, has no digest.
` + "`scratch`" + `, earlier stages and bases whose ARGs have no default are not reported.

The fix needs the registry: ` + "`dflint pin`" + ` (or ` + "`dflint fix --online`" + `) asks it for the digest the tag
points to now and appends it, keeping the name and tag as written. It is safe: the image built is
the one the tag names today. Multi-platform images are pinned to their index digest, so every
platform still builds; ` + "`--platform`" + ` pins one platform's image instead. When the image comes from a
global ARG whose default has no other use (` + "`ARG PY=3.12`" + ` / ` + "`FROM python:${PY}`" + `), the digest is
added to the ARG default, so that ` + "`--build-arg`" + ` replaces the tag and the digest together.
` + "`dflint pin --update`" + ` also checks the digests already pinned and moves those whose tag has moved
(unsafe: the image changes).`,
	Bad:        "FROM python:3.12-slim\nCMD [\"python\"]\n",
	Good:       "FROM python:3.12-slim@sha256:ad48727987b259854d52241fac3bc633574364867b8e20aec305e6e7f4028b26\nCMD [\"python\"]\n",
	Fix:        Safe,
	FixOnline:  true,
	FixSummary: "append the digest the tag points to now (`dflint pin`)",
	Check:      checkUnpinnedDigest,
})

func checkUnpinnedDigest(p *Pass) {
	for _, s := range p.File.Stages {
		ref, ok := s.Image()
		if !ok {
			continue
		}
		start, end := reportRange(s.From)
		if ref.Digest != "" {
			if p.Options.UpdateDigests && ref.Tag != "" {
				checkPinnedDigest(p, s, start, end)
			}
			continue
		}
		name := ref.Original
		msg := fmt.Sprintf("`%s` is not pinned to a digest, so the image it names can change under the same tag: `dflint pin` appends the digest it has now", name)
		if strings.Contains(s.BaseName, "$") {
			msg = fmt.Sprintf("`%s` expands to `%s`, which is not pinned to a digest, so the image it names can change under the same tag: `dflint pin` appends the digest it has now", s.BaseName, name)
		}
		var fix *Fix
		if d, ok := p.registry().digest(tagRef(ref)); ok {
			if t, ok := locateRef(p.File, s); ok && t.full() == s.Base {
				where := ""
				if t.Arg != nil {
					where = " in the ARG default"
				}
				fix = &Fix{
					Title:         fmt.Sprintf("Pin `%s` to %s, its digest now%s", name, shortDigest(d), where),
					Applicability: Safe,
					Edits:         []Edit{digestEdit(t, d)},
				}
			}
		}
		p.Report(start, end, msg, fix)
	}
}

// checkPinnedDigest reports a pinned digest that is no longer the one its
// tag points to (only with UpdateDigests: `dflint pin --update`).
func checkPinnedDigest(p *Pass, s *parser.Stage, start, end int) {
	ref, _ := s.Image()
	now, ok := p.registry().digest(tagRef(ref))
	if !ok || now == ref.Digest {
		return
	}
	t, ok := locateRef(p.File, s)
	var fix *Fix
	if ok && t.full() == s.Base {
		fix = &Fix{
			Title:         fmt.Sprintf("Pin `%s:%s` to %s, its digest now", ref.Repository(), ref.Tag, shortDigest(now)),
			Applicability: Unsafe,
			Edits:         []Edit{digestEdit(t, now)},
		}
	}
	p.Report(start, end, fmt.Sprintf("`%s` is pinned to %s, but `%s` now points to %s: update the digest", s.Base, shortDigest(ref.Digest), ref.Tag, shortDigest(now)), fix)
}

// shortDigest abbreviates a digest for messages: sha256:0123456789ab….
func shortDigest(d string) string {
	algo, hex, ok := strings.Cut(d, ":")
	if !ok || len(hex) <= 12 {
		return d
	}
	return algo + ":" + hex[:12] + "…"
}

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
	// Pinning every base to a digest is a policy: right for a team that
	// has Renovate or Dependabot move the digests, noise for the rest
	// (98 % of the corpus's files would get it, issue 18).
	OptIn: true,
	Policy: &PolicySetting{
		Setting: "`pin: digest` in .dflint.yaml",
		Given:   func(o *Options) bool { return o.PinDigests },
	},
	Summary:    "FROM an image by tag without its `@sha256:` digest",
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

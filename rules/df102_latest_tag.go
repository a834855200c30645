package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/images"
)

var _ = register(&Rule{
	ID:         "DF102",
	Name:       "latest-tag",
	Severity:   Warning,
	Summary:    "FROM an image tagged `latest` (or a floating `latest-*` tag)",
	Aliases:    []string{"DL3007", "DS-0001", "CKV_DOCKER_7"},
	Fix:        Unsafe,
	FixOnline:  true,
	FixSummary: "with --online: the most specific version tag with the digest the floating tag has now",
	Check:      checkLatestTag,
})

func checkLatestTag(p *Pass) {
	for _, s := range p.File.Stages {
		ref, ok := s.Image()
		if !ok || ref.Digest != "" {
			continue
		}
		tag := strings.ToLower(ref.Tag)
		if tag != "latest" && !strings.HasPrefix(tag, "latest-") {
			continue
		}
		if (tag == "latest" || tag == "latest-dev") && images.Lookup(ref).FloatingTagsOnly {
			// No version tag exists to name (Chainguard's free tier):
			// pinning the digest is DF103's.
			continue
		}
		start, end := reportRange(s.From)
		msg := fmt.Sprintf("`%s:%s` floats to whatever was pushed last: name a version tag", ref.Repository(), ref.Tag)
		if strings.Contains(s.BaseName, "$") {
			msg = fmt.Sprintf("`%s` expands to `%s`, which floats to whatever was pushed last: name a version tag", s.BaseName, s.Base)
		}
		p.Report(start, end, msg, versionTagFix(p, s, ref))
	}
}

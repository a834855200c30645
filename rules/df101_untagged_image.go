package rules

import (
	"fmt"
	"strings"
)

var _ = register(&Rule{
	ID:         "DF101",
	Name:       "untagged-image",
	Severity:   Warning,
	Summary:    "FROM an image without a tag or digest",
	Aliases:    []string{"DL3006"},
	Fix:        Unsafe,
	FixOnline:  true,
	FixSummary: "with --online: the most specific version tag with the digest `latest` has now",
	Check:      checkUntaggedImage,
})

func checkUntaggedImage(p *Pass) {
	for _, s := range p.File.Stages {
		ref, ok := s.Image() // false for stages, scratch and unresolved ARGs
		if !ok || ref.Tag != "" || ref.Digest != "" {
			continue
		}
		start, end := reportRange(s.From)
		msg := fmt.Sprintf("`%s` has no tag, so it means `%s:latest`, which moves: name a version tag", ref.Repository(), ref.Repository())
		if strings.Contains(s.BaseName, "$") {
			msg = fmt.Sprintf("`%s` expands to `%s`, which has no tag and so means `:latest`, which moves: name a version tag", s.BaseName, s.Base)
		}
		p.Report(start, end, msg, versionTagFix(p, s, ref))
	}
}

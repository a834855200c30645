package rules

import (
	"fmt"
	"strings"
)

var _ = register(&Rule{
	ID:       "DF101",
	Name:     "untagged-image",
	Severity: Warning,
	Summary:  "FROM an image without a tag or digest",
	Description: `Without a tag, ` + "`FROM python`" + ` means ` + "`python:latest`" + `: whatever the registry
points ` + "`latest`" + ` at on the day of the build. Two builds of the same commit can get different
language versions, and a new major release breaks the build without any change in the repository.

Name a version tag (` + "`python:3.12-slim`" + `), and pin its digest too (DF103) for builds that repeat
exactly.

What counts: a FROM whose image, after the Dockerfile's ARG defaults are expanded, has neither a
tag nor a digest. ` + "`scratch`" + `, earlier stage names, and bases whose ARGs have no default (the
value comes from ` + "`--build-arg`" + `) are not reported.

With ` + "`--online`" + ` (` + "`dflint fix --online --unsafe-fixes`" + `, or ` + "`dflint pin --unsafe-fixes`" + `) the fix asks the
registry which version tags have the digest ` + "`latest`" + ` has now and writes the most specific one
(` + "`python`" + ` becomes ` + "`python:3.13.1`" + `). It is unsafe: the build no longer follows ` + "`latest`" + `. When the
image comes from a global ARG whose default has no other use, the ARG default is rewritten.`,
	Bad:        "FROM python\nCMD [\"python\"]\n",
	Good:       "FROM python:3.12-slim\nCMD [\"python\"]\n",
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

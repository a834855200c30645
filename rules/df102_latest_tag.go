package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/images"
)

var _ = register(&Rule{
	ID:       "DF102",
	Name:     "latest-tag",
	Severity: Warning,
	Summary:  "FROM an image tagged `latest` (or a floating `latest-*` tag)",
	Description: `` + "`latest`" + ` is not a version: it is whatever the image's publisher pushed last.
Two builds of the same commit can get different base images, and a new major release breaks the
build (or changes its behaviour) without any change in the repository. Floating variants such as
` + "`latest-dev`" + ` move the same way.

Name a version tag (` + "`node:20.11-slim`" + `), and pin its digest too (DF103) for builds that repeat
exactly.

What counts: a FROM whose image, after the Dockerfile's ARG defaults are expanded, has the tag
` + "`latest`" + ` or a tag starting with ` + "`latest-`" + `, and no digest (a digest pins the image whatever
the tag says). Bases whose ARGs have no default are not reported.

Not reported: ` + "`latest`" + ` and ` + "`latest-dev`" + ` of Chainguard images (` + "`cgr.dev/chainguard/python:latest`" + `, or
another organisation under ` + "`cgr.dev`" + `). Chainguard's free tier publishes only those two tags, and
dflint's own fixes write them (DF105's base swap, DF201's split with ` + "`--base-family chainguard`" + `):
there is no version tag to name, and the digest is the pin (DF103, ` + "`dflint pin`" + `). A Chainguard
image with any other ` + "`latest-*`" + ` tag is reported as usual.

With ` + "`--online`" + ` (` + "`dflint fix --online --unsafe-fixes`" + `, or ` + "`dflint pin --unsafe-fixes`" + `) the fix asks the
registry which version tags have the digest the floating tag has now and writes the most specific
one with the same variant (` + "`node:latest`" + ` becomes ` + "`node:23.3.0`" + `, ` + "`latest-alpine`" + ` a ` + "`…-alpine`" + ` tag). It is
unsafe: the build no longer follows the floating tag. When the tag comes from a global ARG whose
default has no other use, the ARG default is rewritten.`,
	Bad:        "FROM node:latest\nCMD [\"node\", \"server.js\"]\n",
	Good:       "FROM node:20.11-slim\nCMD [\"node\", \"server.js\"]\n",
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

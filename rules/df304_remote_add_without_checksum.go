package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF304",
	Name:     "remote-add-without-checksum",
	Severity: Warning,
	Summary:  "`ADD http(s)://…` without `--checksum`",
	Description: `` + "`ADD`" + ` with a URL downloads whatever the server returns at build time: a compromised
or changed file ends up in the image without anyone noticing, and the build is not reproducible.
Pin the content with ` + "`--checksum=sha256:…`" + ` (Dockerfile syntax 1.6 and later), or download
it in a ` + "`RUN`" + ` that verifies a checksum or signature.

Reported for each ` + "`ADD`" + ` (and ` + "`ONBUILD ADD`" + `) with an ` + "`http://`" + ` or
` + "`https://`" + ` source, also when the URL comes from a variable the Dockerfile sets, and no
` + "`--checksum`" + ` flag. Git sources (` + "`https://host/repo.git#ref`" + `, ` + "`git@…`" + `) are
not reported: a commit in the ref pins them.`,
	Bad:     "FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\n",
	Good:    "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\n",
	Aliases: []string{"DS-0005"},
	Check:   checkRemoteAddWithoutChecksum,
})

func checkRemoteAddWithoutChecksum(p *Pass) {
	for in := range instructionsWithTriggers(p.File) {
		c, ok := in.Command.(*instructions.AddCommand)
		if !ok || in.Name != "add" {
			continue
		}
		if _, has := in.Flag("checksum"); has {
			continue
		}
		words := shellcmd.ArgWords(in)
		for _, src := range c.SourcePaths {
			url, ok := shellcmd.ExpandWord(in, src)
			if !ok || !isHTTPSource(url) {
				continue
			}
			start, end := in.Start, in.End
			for _, w := range words {
				if strings.Contains(w.Text, src) {
					start, end = w.Start, w.End
					break
				}
			}
			p.Report(start, end, "ADD downloads "+url+" without `--checksum=sha256:…`: pin its content, or download and verify it in RUN", nil)
		}
	}
}

// isHTTPSource tells whether an ADD source is a plain HTTP(S) download, not
// a Git repository.
func isHTTPSource(s string) bool {
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return false
	}
	u, _, _ := strings.Cut(l, "#")
	u, _, _ = strings.Cut(u, "?")
	return !strings.HasSuffix(u, ".git")
}

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
	Aliases:  []string{"DS-0005"},
	Check:    checkRemoteAddWithoutChecksum,
})

func checkRemoteAddWithoutChecksum(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
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

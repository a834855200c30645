package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF502",
	Name:     "relative-workdir",
	Severity: Error,
	Summary:  "WORKDIR with a relative path",
	Aliases:  []string{"DL3000", "WorkdirRelativePath", "DS-0009"},
	Check:    checkRelativeWorkdir,
})

func checkRelativeWorkdir(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		c, ok := in.Command.(*instructions.WorkdirCommand)
		if !ok {
			continue
		}
		path, ok := shellcmd.ExpandWord(in, c.Path)
		if !ok {
			continue
		}
		path = shellcmd.Unquote(strings.TrimSpace(path))
		if path == "" || isAbsWorkdir(path) {
			continue
		}
		start, end := in.Start, in.End
		if ws := shellcmd.ArgWords(in); len(ws) > 0 {
			start, end = ws[0].Start, ws[len(ws)-1].End
		}
		msg := fmt.Sprintf("WORKDIR %q is relative: it depends on the directory set before it (the base image's, when this Dockerfile sets none); use an absolute path", c.Path)
		p.Report(start, end, msg, nil)
	}
}

// isAbsWorkdir tells whether a (expanded) WORKDIR path is absolute: POSIX
// "/…", or a Windows drive path that an image built for Windows accepts.
func isAbsWorkdir(path string) bool {
	if strings.HasPrefix(path, "/") || strings.HasPrefix(path, `\`) {
		return true
	}
	return len(path) >= 2 && path[1] == ':' && isASCIILetter(path[0])
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

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
	Description: `A relative ` + "`WORKDIR`" + ` is resolved against whatever directory was current
before it, and when no ` + "`WORKDIR`" + ` of this Dockerfile set one, that is the base image's: the
path moves when the base image changes. Use an absolute path.

What counts: every ` + "`WORKDIR`" + ` (also inside ` + "`ONBUILD`" + `) whose path, after the variables
the Dockerfile defines (ARG defaults, ENV) are expanded, does not start with ` + "`/`" + `. This is
the union of hadolint's DL3000 (every WORKDIR written relative; one that starts with a variable
counts as absolute) and BuildKit's WorkdirRelativePath (only the first WORKDIR of a stage chain,
but after expansion, so ` + "`ARG DIR=app`" + ` then ` + "`WORKDIR $DIR`" + ` is relative). A path
with a variable the Dockerfile does not define (set by the base image or ` + "`--build-arg`" + `) is
not judged. Windows drive paths (` + "`C:\\app`" + `, ` + "`C:/app`" + `) and ` + "`\\app`" + ` are absolute;
a relative path is relative on Windows too.`,
	Bad:     "FROM alpine:3.20\nWORKDIR app\n",
	Good:    "FROM alpine:3.20\nWORKDIR /app\n",
	Aliases: []string{"DL3000", "WorkdirRelativePath", "DS-0009"},
	Check:   checkRelativeWorkdir,
})

func checkRelativeWorkdir(p *Pass) {
	for in := range instructionsWithTriggers(p.File) {
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

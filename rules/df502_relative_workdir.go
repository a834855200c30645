package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// DF502 is a warning (issue 18): a relative WORKDIR never breaks a build,
// it makes the path depend on the base image's working directory.
var _ = register(&Rule{
	ID:       "DF502",
	Name:     "relative-workdir",
	Severity: Warning,
	Summary:  "WORKDIR with a relative path before any WORKDIR of its stage",
	Aliases:  []string{"DL3000", "WorkdirRelativePath", "DS-0009"},
	Check:    checkRelativeWorkdir,
})

func checkRelativeWorkdir(p *Pass) {
	// setBefore records the stages in which a WORKDIR was met so far;
	// triggerSetBefore the same for their ONBUILD triggers.
	setBefore := map[*parser.Stage]bool{}
	triggerSetBefore := map[*parser.Stage]bool{}
	chainSets := chainsSettingWorkdir(p.File)
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		c, ok := in.Command.(*instructions.WorkdirCommand)
		if !ok || in.Stage == nil {
			continue
		}
		s := in.Stage
		var determined bool
		if in.Parent != nil {
			// A trigger runs in the child build right after its FROM, in
			// the directory this image ends with: any WORKDIR of the
			// stage chain, before or after the ONBUILD, or an earlier
			// trigger's sets it.
			determined = triggerSetBefore[s] || chainSets[s]
			triggerSetBefore[s] = true
		} else {
			// As BuildKit's WorkdirRelativePath (dockerfile2llb carries
			// workdirSet over from the base stage): after a WORKDIR of
			// the stage chain, a relative one is fully determined.
			determined = setBefore[s] || s.BaseStage != nil && chainSets[s.BaseStage]
			setBefore[s] = true
		}
		// On scratch the directory before any WORKDIR is always /.
		if determined || s.RootImage().IsScratch() {
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
		// The path as written, without its quotes: %q quotes it once
		// (`WORKDIR "../workdir"`, not `"\"../workdir\""`).
		written := shellcmd.Unquote(strings.TrimSpace(c.Path))
		msg := fmt.Sprintf("WORKDIR %q is relative and no WORKDIR of this stage sets a directory before it: it resolves against the base image's working directory, which moves with the base image; use an absolute path", written)
		p.Report(start, end, msg, nil)
	}
}

// chainsSettingWorkdir tells for each stage whether it, or a stage it is
// built on, has a WORKDIR instruction (ONBUILD triggers do not count: they
// run only in images built from it). Stages are in file order and a base
// stage is always an earlier one, so one pass answers for every chain.
func chainsSettingWorkdir(f *parser.File) map[*parser.Stage]bool {
	sets := map[*parser.Stage]bool{}
	for _, s := range f.Stages {
		sets[s] = s.BaseStage != nil && sets[s.BaseStage]
		for _, in := range s.Instructions {
			if _, ok := in.Command.(*instructions.WorkdirCommand); ok {
				sets[s] = true
				break
			}
		}
	}
	return sets
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

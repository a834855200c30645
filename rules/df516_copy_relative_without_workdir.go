package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF516",
	Name:     "copy-relative-without-workdir",
	Severity: Warning,
	Summary:  "COPY to a relative destination before any WORKDIR",
	Aliases:  []string{"DL3045"},
	Check:    checkCopyRelativeWithoutWorkdir,
})

func checkCopyRelativeWithoutWorkdir(p *Pass) {
	workdirSet := map[*parser.Stage]bool{}
	for _, s := range p.File.Stages {
		// A stage on another stage inherits its WORKDIR; a chain that
		// starts from scratch without one is in /, always.
		set := s.BaseStage != nil && workdirSet[s.BaseStage] || s.RootImage().IsScratch()
		for _, in := range s.Instructions {
			switch c := in.Command.(type) {
			case *instructions.WorkdirCommand:
				set = true
			case *instructions.CopyCommand:
				if set {
					continue
				}
				dest := strings.TrimSpace(c.DestPath)
				if strings.HasPrefix(shellcmd.Unquote(dest), "$") {
					v, ok := shellcmd.ExpandWord(in, dest)
					if !ok {
						continue
					}
					dest = v
				}
				dest = shellcmd.Unquote(dest)
				if dest == "" || isAbsWorkdir(dest) {
					continue
				}
				start, end := in.Start, in.End
				if ws := shellcmd.ArgWords(in); len(ws) > 0 && !in.IsJSONForm() {
					start, end = ws[len(ws)-1].Start, ws[len(ws)-1].End
				}
				p.Report(start, end, fmt.Sprintf("COPY to the relative destination %q before any WORKDIR: it depends on the base image's working directory; set WORKDIR first or use an absolute path", dest), nil)
			}
		}
		workdirSet[s] = set
	}
}

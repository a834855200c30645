package rules

import (
	"fmt"
	"slices"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:         "DF454",
	Name:       "wget-progress",
	Severity:   Info,
	Summary:    "`wget` without `-q`, `-nv` or `--progress`",
	Aliases:    []string{"DL3047"},
	Fix:        Safe,
	FixSummary: "insert `-q` after `wget`",
	Check:      checkWgetProgress,
})

// checkWgetProgress reports once per RUN: a script that downloads ten
// files with wget is one thing to change, and the fix quietens every call.
func checkWgetProgress(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		var loud []*shellcmd.Command
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() == "wget" && !wgetIsQuiet(c) {
				loud = append(loud, c)
			}
		}
		if len(loud) == 0 {
			continue
		}
		edits := make([]Edit, len(loud))
		start, end := loud[0].Call.Start(), loud[0].Call.End()
		for i, c := range loud {
			at := c.WordEnd(0)
			edits[i] = Edit{Start: at, End: at, NewText: " -q"}
			start, end = min(start, c.Call.Start()), max(end, c.Call.End())
		}
		slices.SortFunc(edits, func(a, b Edit) int { return a.Start - b.Start })
		title, what := "Add -q", "`wget` prints"
		if len(loud) > 1 {
			title = fmt.Sprintf("Add -q to %d wget calls", len(loud))
			what = fmt.Sprintf("%d `wget` calls print", len(loud))
		}
		p.Report(start, end, what+" a progress line for every few kilobytes into the build log: add `-q` (or `-nv`, `--progress=dot:giga`)",
			&Fix{Title: title, Applicability: Safe, Edits: edits})
	}
}

func wgetIsQuiet(c *shellcmd.Command) bool {
	for _, w := range c.Args[1:] {
		switch w.Value {
		case "-nv", "--no-verbose", "--version", "-V", "--help", "-h":
			return true
		}
	}
	return c.HasOption(&wgetSpec, "-q", "--quiet", "--progress", "-o", "--output-file", "-a", "--append-output")
}

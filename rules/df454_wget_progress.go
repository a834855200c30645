package rules

import "github.com/dflint/dflint/internal/shellcmd"

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

func checkWgetProgress(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "wget" || wgetIsQuiet(c) {
				continue
			}
			at := c.WordEnd(0)
			p.Report(c.Call.Start(), c.Call.End(), "`wget` prints a progress line for every few kilobytes into the build log: add `-q` (or `-nv`, `--progress=dot:giga`)",
				&Fix{Title: "Add -q", Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: " -q"}}})
		}
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

package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF454",
	Name:     "wget-progress",
	Severity: Info,
	Summary:  "`wget` without `-q`, `-nv` or `--progress`",
	Description: `Without a terminal, ` + "`wget`" + ` prints its progress as dots: thousands of lines for a
large download that bloat the build log and bury the output that matters. Quieten it:
` + "`wget -q`" + `, ` + "`wget -nv`" + ` (one line per file) or ` + "`wget --progress=dot:giga`" + `.

Reported, as in hadolint: ` + "`wget`" + ` (through wrappers, inside ` + "`sh -c '…'`" + ` and heredoc
scripts, in ONBUILD triggers) with none of ` + "`-q`" + `/` + "`--quiet`" + `, ` + "`-nv`" + `/` + "`--no-verbose`" + `,
` + "`--progress`" + `, ` + "`-o`" + `/` + "`--output-file`" + ` or ` + "`-a`" + `/` + "`--append-output`" + ` (the log goes
to a file). ` + "`wget --version`" + ` and ` + "`--help`" + ` are not reported. Windows stages are not checked.

The fix inserts ` + "` -q`" + ` after ` + "`wget`" + `: errors still set the exit status.`,
	Bad:        "FROM debian:12\nRUN wget https://example.com/a.tar.gz\n",
	Good:       "FROM debian:12\nRUN wget -q https://example.com/a.tar.gz\n",
	Aliases:    []string{"DL3047"},
	Fix:        Safe,
	FixSummary: "insert `-q` after `wget`",
	Check:      checkWgetProgress,
})

func checkWgetProgress(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
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

package rules

import (
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF503",
	Name:     "cd-in-run",
	Severity: Warning,
	Summary:  "`cd` in RUN instead of WORKDIR",
	Description: `A ` + "`cd`" + ` inside ` + "`RUN`" + ` changes the directory for the rest of that
command line only; the next instruction starts again in the WORKDIR. Chains of
` + "`cd dir && …`" + ` are hard to follow and break silently when a step is moved into its own
` + "`RUN`" + `. Set the directory with ` + "`WORKDIR`" + ` (it is created when missing), or use
the tools' own directory options (` + "`make -C dir`" + `, ` + "`git -C dir`" + `,
` + "`npm --prefix dir`" + `).

Like hadolint's DL3003, every ` + "`cd`" + ` command of a RUN counts, including those inside
` + "`sh -c '…'`" + ` and heredoc scripts; one finding per RUN, at its first ` + "`cd`" + `. A
` + "`cd`" + ` in a subshell ` + "`( cd dir && make )`" + ` is reported too: WORKDIR still says it
better.`,
	Bad:     "FROM alpine:3.20\nRUN cd /src && make install\n",
	Good:    "FROM alpine:3.20\nWORKDIR /src\nRUN make install\n",
	Aliases: []string{"DL3003", "DS-0013"},
	Check:   checkCdInRun,
})

func checkCdInRun(p *Pass) {
	for in := range instructionsWithTriggers(p.File) {
		if in.Name != "run" || in.Trigger != nil {
			continue
		}
		if cd := firstCall(in, "cd"); cd != nil {
			p.Report(cd.Start(), cd.End(), "use WORKDIR to switch to a directory instead of `cd` in RUN", nil)
		}
	}
}

// firstCall returns the instruction's first simple command with this name.
func firstCall(in *parser.Instruction, name string) *parser.Call {
	for _, c := range in.Calls() {
		if c.Name() == name {
			return c
		}
	}
	return nil
}

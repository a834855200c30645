package rules

import (
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF517",
	Name:     "shell-via-run",
	Severity: Warning,
	Summary:  "RUN that replaces /bin/sh instead of using SHELL",
	Description: `Pointing ` + "`/bin/sh`" + ` at another shell (` + "`ln -sf /bin/bash /bin/sh`" + `) changes the
shell of every later RUN behind the reader's back, and of every program in the image that
runs ` + "`/bin/sh`" + `, scripts of the distribution included. To run the Dockerfile's commands with
bash, say so with ` + "`SHELL [\"/bin/bash\", \"-c\"]`" + `.

Reported: ` + "`ln`" + ` with ` + "`/bin/sh`" + ` among its arguments (hadolint DL4005), ` + "`cp`" + ` or
` + "`mv`" + ` onto ` + "`/bin/sh`" + ` or ` + "`/usr/bin/sh`" + `, ` + "`update-alternatives`" + ` for
` + "`/bin/sh`" + `, and ` + "`dpkg-reconfigure dash`" + ` (Debian's switch away from dash); one finding
per RUN. Windows stages are not checked (they have no /bin/sh).`,
	Bad:     "FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n",
	Good:    "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\n",
	Aliases: []string{"DL4005"},
	Check:   checkShellViaRun,
})

func checkShellViaRun(p *Pass) {
	for in := range instructionsWithTriggers(p.File) {
		if in.Name != "run" || in.Trigger != nil || shellcmd.IsWindowsInstruction(in) {
			continue // Windows images have no /bin/sh to replace
		}
		for _, c := range in.Calls() {
			if replacesBinSh(c) {
				p.Report(c.Start(), c.End(), "this replaces /bin/sh for the whole image: use SHELL to run the Dockerfile's commands with another shell", nil)
				break
			}
		}
	}
}

func isBinSh(s string) bool { return s == "/bin/sh" || s == "/usr/bin/sh" }

// replacesBinSh tells whether a command re-points /bin/sh.
func replacesBinSh(c *parser.Call) bool {
	if len(c.Args) == 0 {
		return false // only variable assignments
	}
	var operands []string
	for _, a := range c.Args[1:] {
		if a.Literal && (len(a.Value) == 0 || a.Value[0] != '-') {
			operands = append(operands, a.Value)
		}
	}
	switch c.Name() {
	case "ln":
		for _, a := range c.Args[1:] {
			if isBinSh(a.Value) {
				return true
			}
		}
	case "cp", "mv":
		return len(operands) >= 2 && isBinSh(operands[len(operands)-1])
	case "update-alternatives":
		for _, a := range c.Args[1:] {
			if isBinSh(a.Value) {
				return true
			}
		}
	case "dpkg-reconfigure":
		for _, o := range operands {
			if o == "dash" {
				return true
			}
		}
	}
	return false
}

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
	Aliases:  []string{"DL4005"},
	Check:    checkShellViaRun,
})

func checkShellViaRun(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
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

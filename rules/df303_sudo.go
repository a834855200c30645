package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:   "DF303",
	Name: "sudo",
	// A warning: sudo in a RUN neither breaks the build nor opens a hole
	// by itself (the sudoers entry it needs does); a reviewer asks for
	// USER instead.
	Severity: Warning,
	Summary:  "`sudo` in RUN",
	Aliases:  []string{"DL3004", "DS-0010"},
	Check:    checkSudo,
})

func checkSudo(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		if shellcmd.IsWindowsInstruction(in) {
			continue
		}
		for _, c := range in.Calls() {
			if c.Name() != "sudo" {
				continue
			}
			if target, ok := sudoTargetUser(in, c); ok && !images.IsRootUser(target) && !runsAsNonroot(in) {
				continue // root dropping to an unprivileged user for one command
			}
			p.Report(c.Args[0].Start, c.Args[0].End, "do not use sudo in RUN: switch users with `USER root` before the step and back to the unprivileged user after it", nil)
			break
		}
	}
}

// sudoTargetUser returns the user of `sudo -u USER …` (`-uUSER`,
// `--user=USER`, `--user USER`), with the ARG and ENV values of the
// Dockerfile expanded (`-u ${USERNAME}`); false when there is no -u or
// its value is not known.
func sudoTargetUser(in *parser.Instruction, c *parser.Call) (string, bool) {
	args := c.Args[1:]
	value := func(w parser.Word) (string, bool) {
		if w.Literal {
			return w.Value, true
		}
		return shellcmd.ExpandWord(in, string(in.File.Source[w.Start:w.End]))
	}
	for i, w := range args {
		if !w.Literal {
			return "", false
		}
		v := w.Value
		switch {
		case v == "-u" || v == "--user":
			if i+1 < len(args) {
				return value(args[i+1])
			}
			return "", false
		case strings.HasPrefix(v, "--user="):
			return strings.TrimPrefix(v, "--user="), true
		case strings.HasPrefix(v, "-u") && !strings.HasPrefix(v, "--"):
			return v[2:], true
		case !strings.HasPrefix(v, "-"):
			return "", false // the command: no -u before it
		}
	}
	return "", false
}

// runsAsNonroot tells whether a USER before the RUN, in its stage chain,
// names a user other than root. With no USER (the base image's user) or a
// USER that is not literal, it is false: dflint cannot tell, and a sudo
// that drops privileges is then given the benefit of the doubt.
func runsAsNonroot(in *parser.Instruction) bool {
	if in.Stage == nil {
		return false
	}
	user := ""
	for x := range in.Stage.ChainInstructions() {
		if x == in {
			break
		}
		if c, ok := x.Command.(*instructions.UserCommand); ok {
			user = c.User
		}
	}
	if user == "" {
		return false
	}
	u, ok := shellcmd.ExpandWord(in, user)
	return ok && !images.IsRootUser(u)
}

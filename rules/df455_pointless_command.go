package rules

import (
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:       "DF455",
	Name:     "pointless-command",
	Severity: Info,
	Summary:  "a RUN runs an interactive or system command that does nothing in a build",
	Aliases:  []string{"DL3001"},
	Check:    checkPointlessCommand,
})

var pointlessCommands = shellcmd.Set("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill", "mount", "ifconfig")

func checkPointlessCommand(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		cmds := shellcmd.CommandsIn(in)
		for i, c := range cmds {
			n := c.Name()
			if !pointlessCommands[n] {
				continue
			}
			switch n {
			case "kill":
				if startsBackgroundJob(c.Call) {
					continue // stops what the RUN started (`server & pid=$!; …; kill $pid`)
				}
			case "service":
				if serviceUsedInRun(cmds, i) {
					continue
				}
			}
			p.Report(c.Call.Start(), c.Call.End(), "`"+n+"` has no use in a build step: nothing runs, and there is no terminal", nil)
		}
	}
}

// startsBackgroundJob tells whether the call's script starts a command in
// the background (`cmd &`) before the call.
func startsBackgroundJob(c *parser.Call) bool {
	pos := c.Expr.Pos().Offset()
	found := false
	syntax.Walk(c.Script.AST, func(n syntax.Node) bool {
		if found || n == nil {
			return false
		}
		if st, ok := n.(*syntax.Stmt); ok && st.Background && st.Pos().Offset() < pos {
			found = true
		}
		return n.Pos().Offset() < pos
	})
	return found
}

// serviceUsedInRun tells whether `service NAME start` at cmds[i] serves the
// rest of the RUN (`service mysql start && mysql < init.sql`): a command
// other than `service` follows it. A `service NAME stop` stops what an
// earlier `service … start` of the RUN started.
func serviceUsedInRun(cmds []*shellcmd.Command, i int) bool {
	action := serviceAction(cmds[i])
	switch action {
	case "start", "restart":
		for _, c := range cmds[i+1:] {
			if c.Name() != "service" {
				return true
			}
		}
	case "stop":
		for _, c := range cmds[:i] {
			if a := serviceAction(c); c.Name() == "service" && (a == "start" || a == "restart") {
				return true
			}
		}
	}
	return false
}

// serviceAction is the action word of `service NAME ACTION`, or "".
func serviceAction(c *shellcmd.Command) string {
	if len(c.Args) < 3 || !c.Args[2].Literal {
		return ""
	}
	return c.Args[2].Value
}

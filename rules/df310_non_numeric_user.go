package rules

import (
	"strconv"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF310",
	Name:     "non-numeric-user",
	Severity: Info,
	OptIn:    true,
	Summary:  "USER by name instead of a numeric UID",
	Aliases:  []string{"DL3066"},
	Check:    checkNonNumericUser,
})

func checkNonNumericUser(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Name != "user" || shellcmd.IsWindowsInstruction(in) {
			continue
		}
		words := shellcmd.ArgWords(in)
		if len(words) == 0 {
			continue
		}
		spec, ok := shellcmd.ExpandWord(in, shellcmd.Unquote(words[0].Text))
		if !ok {
			continue
		}
		user, _, _ := strings.Cut(spec, ":")
		if user == "" || user == "root" {
			continue
		}
		if _, err := strconv.ParseUint(user, 10, 32); err == nil {
			continue
		}
		msg := "USER " + user + " is a name: Kubernetes `runAsNonRoot` cannot verify it; use the numeric UID (`USER 10001`)"
		if in.Stage != nil && in.Stage.RootImage().IsScratch() {
			msg = "USER " + user + " is a name, and a scratch image has no /etc/passwd to resolve it: use the numeric UID"
		}
		p.Report(words[0].Start, words[0].End, msg, nil)
	}
}

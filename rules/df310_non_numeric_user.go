package rules

import (
	"strconv"
	"strings"
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
	for in := range instructionsWithTriggers(p.File) {
		if in.Name != "user" || isWindowsInstruction(in) {
			continue
		}
		words := argWords(in)
		if len(words) == 0 {
			continue
		}
		spec, ok := expandWord(in, unquote(words[0].Text))
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

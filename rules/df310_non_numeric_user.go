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
	Description: `A user name in ` + "`USER`" + ` is looked up in the image's ` + "`/etc/passwd`" + ` when the container
starts. Kubernetes cannot check a name against ` + "`runAsNonRoot: true`" + ` and refuses to start the
pod ("image has non-numeric user … cannot verify user is non-root"); images on ` + "`scratch`" + `, and
others without the entry, fail with "unable to find user". A numeric ` + "`UID[:GID]`" + ` works
everywhere:

` + "```dockerfile" + `
RUN useradd -u 10001 -m app
USER 10001:10001
` + "```" + `

Reported (opt-in) for ` + "`USER`" + ` (and ` + "`ONBUILD USER`" + `) whose user part, after ARG and ENV
values are expanded, is not a number. ` + "`root`" + ` is left to DF301, an unknown variable is not
reported, and Windows stages (` + "`ContainerUser`" + `) are skipped.`,
	Bad:     "FROM debian:12\nRUN useradd -u 10001 -m app\nUSER app\n",
	Good:    "FROM debian:12\nRUN useradd -u 10001 -m app\nUSER 10001\n",
	Aliases: []string{"DL3066"},
	Check:   checkNonNumericUser,
})

func checkNonNumericUser(p *Pass) {
	for in := range instructionsWithTriggers(p.File) {
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

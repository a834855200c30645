package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF603",
	Name:     "user-not-in-image",
	Severity: Error,
	Summary:  "USER (or COPY --chown) names a user the image does not have",
	Check:    checkUserNotInImage,
})

func checkUserNotInImage(p *Pass) {
	for _, s := range p.File.Stages {
		info, ok := stageFacts(p, s)
		if !ok || !info.UsersKnown {
			continue
		}
		for _, in := range s.Instructions {
			if in.Trigger != nil {
				continue
			}
			var what, value string
			switch c := in.Command.(type) {
			case *instructions.UserCommand:
				what, value = "USER", c.User
			case *instructions.CopyCommand:
				what, value = "--chown", c.Chown
			case *instructions.AddCommand:
				what, value = "--chown", c.Chown
			}
			if value == "" {
				continue
			}
			v, ok := shellcmd.ExpandWord(in, value)
			if !ok {
				continue
			}
			user, _, _ := strings.Cut(strings.TrimSpace(v), ":")
			if user == "" || isNumeric(user) || images.IsRootUser(user) {
				continue // a UID needs no passwd entry; root is never judged
			}
			if has, _ := info.HasUser(user); has || createsUserBefore(in) {
				continue
			}
			p.ReportInstruction(in, fmt.Sprintf("`%s %s`: %s has no user `%s` (%s), so %s: %s", what, v, imageName(s), user, imageUsers(info), userFailure(in), userAdvice(info)), nil)
		}
	}
}

func isNumeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// userCreators are what a RUN uses to add an account.
var userCreators = []string{"useradd", "adduser", "newusers", "systemd-sysusers", "/etc/passwd"}

// createsUserBefore tells whether the file may create an account before in,
// in its stage chain: a RUN that adds one or writes /etc/passwd, or a COPY
// or ADD into /etc (a passwd file from a build stage).
func createsUserBefore(in *parser.Instruction) bool {
	for _, c := range userCreators {
		if mentionedBefore(in, c) {
			return true
		}
	}
	return copiesInto(in, []string{"/etc"}) || runsScriptBefore(in)
}

// runsScriptBefore tells whether a RUN before in, in its stage chain, runs
// a script file (`/tmp/library-scripts/common-debian.sh vscode`), which
// dflint cannot read: it may add the account.
func runsScriptBefore(in *parser.Instruction) bool {
	return parser.FirstBefore(in, runsScriptKey{}, runsScript) != nil
}

// runsScriptKey keys the first RUN of a stage chain that runs a script.
type runsScriptKey struct{}

// runsScript tells whether a RUN runs a script file or a program named by a
// variable.
func runsScript(x *parser.Instruction) bool {
	if x.Name != "run" {
		return false
	}
	for _, c := range x.Calls() {
		if len(c.Args) > 0 && !c.Args[0].Literal {
			return true // the program is a variable
		}
		for _, w := range c.Args {
			if strings.HasSuffix(w.Value, ".sh") {
				return true
			}
		}
	}
	return false
}

func imageUsers(info images.Info) string {
	if len(info.Users) == 0 {
		return "it has no /etc/passwd"
	}
	names := make([]string, len(info.Users))
	for i, u := range info.Users {
		names[i] = u.Name
	}
	return "its users: " + quotedList(names)
}

func userFailure(in *parser.Instruction) string {
	if in.Name == "user" {
		return "the container (and any later RUN) fails with `unable to find user`"
	}
	return "the build fails to resolve the owner"
}

// userAdvice proposes the image's unprivileged user, or a numeric UID.
func userAdvice(info images.Info) string {
	if name, uid, ok := info.NonrootUser(); ok {
		if has, _ := info.HasUser(name); has {
			return fmt.Sprintf("use the image's `%s` user (or its UID, `%s`), or create the user in a build stage and COPY its /etc/passwd in", name, uid)
		}
	}
	return "use a numeric UID and GID (`65532:65532`), which need no passwd entry, or create the user in a build stage and COPY its /etc/passwd in"
}

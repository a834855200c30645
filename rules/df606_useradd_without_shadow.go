package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF606",
	Name:     "useradd-without-shadow",
	Severity: Error,
	Summary:  "`useradd` on a BusyBox-based image without shadow, or BusyBox's `adduser -D`/`-S` on a shadow-based one",
	Check:    checkUseraddWithoutShadow,
})

// shadowOnly are shadow's account tools, with what BusyBox has instead.
var shadowOnly = map[string]string{
	"useradd":  "`adduser -D [-u UID] [-G GROUP] [-s SHELL] [-h HOME] NAME` (`-S` for a system user, `-H` for no home directory)",
	"groupadd": "`addgroup [-g GID] [-S] NAME`",
	"usermod":  "no usermod: `addgroup USER GROUP` adds a user to a group",
	"userdel":  "`deluser NAME`",
	"groupdel": "`delgroup NAME`",
	"groupmod": "no groupmod",
}

func checkUseraddWithoutShadow(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		info, root, ok := imageFactsFor(p, in)
		if !ok {
			continue
		}
		tool, _, ok := info.UserCreation()
		if !ok {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			name := c.Name()
			if !standardPath(c.Args[0].Value) {
				continue
			}
			switch {
			case tool == "busybox" && shadowOnly[name] != "":
				if guardedCall(c.Call) || stageHasBefore(in, c.Call.Start(), []string{"shadow"}, []string{name}) {
					continue
				}
				msg := fmt.Sprintf("`%s` is not in %s: its users are BusyBox's, which has %s", name, root.Base, shadowOnly[name])
				if info.PackageManager == "apk" {
					msg += "; or install shadow first (`apk add --no-cache shadow`)"
				}
				p.Report(c.Call.Start(), c.Call.End(), msg, nil)
			case tool == "useradd" && (name == "adduser" || name == "addgroup"):
				opt, ok := busyboxOnlyOption(c)
				if !ok || guardedCall(c.Call) {
					continue
				}
				p.Report(c.Call.Start(), c.Call.End(), shadowAdduserMessage(name, opt, root.Base, info), nil)
			}
		}
	}
}

// busyboxOnlyOption returns the first option word that gives BusyBox's -D
// (no password) or -S (system account), alone or in a cluster (-DH, -SD):
// the adduser of a shadow-based image rejects them.
func busyboxOnlyOption(c *shellcmd.Command) (string, bool) {
	for _, w := range c.Args[1:] {
		if !w.Literal || w.Value == "--" {
			return "", false
		}
		v := w.Value
		if !strings.HasPrefix(v, "-") || strings.HasPrefix(v, "--") || len(v) < 2 {
			continue
		}
		if strings.Trim(v[1:], "DSHhgsGuk") == "" && strings.ContainsAny(v[1:], "DS") {
			return v, true
		}
	}
	return "", false
}

func shadowAdduserMessage(name, opt, base string, info images.Info) string {
	if info.OS == images.Debian || info.OS == images.Ubuntu {
		eq := "`adduser --disabled-password --gecos '' NAME` (`--system` for a system user) or `useradd -m NAME`"
		if name == "addgroup" {
			eq = "`addgroup NAME` (`--system` for a system group) or `groupadd NAME`"
		}
		return fmt.Sprintf("`%s %s` is BusyBox's syntax: the %s of %s is Debian's, which takes long options and fails on `%s`; use %s", name, opt, name, base, opt, eq)
	}
	eq := "`useradd -m NAME` (`-r` for a system user)"
	if name == "addgroup" {
		eq = "`groupadd NAME` (`-r` for a system group)"
	}
	return fmt.Sprintf("`%s %s` is BusyBox's syntax: %s has shadow's tools, where `%s` fails on `%s`; use %s", name, opt, base, name, opt, eq)
}

package rewrite

// Converting the shadow user commands of a stage (useradd, groupadd,
// usermod -aG) into BusyBox's adduser and addgroup, for the apk-based
// targets of the base swap: Wolfi has no shadow, and Alpine's base image has
// only BusyBox. The conversion is exact or refused: an option BusyBox has no
// equivalent for stops it, with the reason.
//
// BusyBox's syntax: `adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GRP] [-S]
// [-D] [-H] [-u UID] [-k SKEL] USER [GROUP]` (with GROUP, an existing user
// joins an existing group) and `addgroup [-g GID] [-S] [USER] GROUP`. -G is
// the primary group, which must exist; without it adduser creates a group
// named after the user (a system user, -S, goes to nogroup instead); -S
// implies -D (no password); the home directory is created unless -H.

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"mvdan.cc/sh/v3/syntax"
)

// useraddSpec is shadow useradd's option syntax.
var useraddSpec = shellcmd.OptSpec{
	ShortValue: "bcdefgGkKpPRsuZ",
	LongValue: shellcmd.Set("--base-dir", "--comment", "--home-dir", "--home", "--expiredate", "--inactive", "--gid", "--groups",
		"--skel", "--key", "--password", "--prefix", "--root", "--shell", "--uid", "--selinux-user", "--selinux-range"),
}

// groupaddSpec is shadow groupadd's option syntax.
var groupaddSpec = shellcmd.OptSpec{
	ShortValue: "gKpPRU",
	LongValue:  shellcmd.Set("--gid", "--key", "--password", "--prefix", "--root", "--users"),
}

// usermodSpec is shadow usermod's option syntax (only -a -G is converted).
var usermodSpec = shellcmd.OptSpec{
	ShortValue: "cdefgGlpPRsuvVwWZ",
	LongValue: shellcmd.Set("--comment", "--home", "--expiredate", "--inactive", "--gid", "--groups", "--login", "--password",
		"--prefix", "--root", "--shell", "--uid", "--add-subuids", "--del-subuids", "--add-subgids", "--del-subgids", "--selinux-user"),
}

// userCommandText is a converted command: the new text, and whether it is
// more than one command (joined by &&).
type userCommandText struct {
	text  string
	multi bool
}

// optionText is the shell text of an option's value, as written: the next
// word's source, or the part of the option's own word after the option
// (`--uid=1000`, `-u1000`). ok is false when the value cannot be cut out of
// the source as it is (quotes or escapes inside an option cluster).
func optionText(c *shellcmd.Command, o shellcmd.ShellOpt) (string, bool) {
	src := c.Call.Script.Instruction.File.Source
	w := c.Args[o.Word]
	text := string(src[w.Start:w.End])
	if text == o.Name {
		// The value is the next word.
		if o.Word+1 >= len(c.Args) {
			return "", false
		}
		n := c.Args[o.Word+1]
		return string(src[n.Start:n.End]), true
	}
	if strings.HasPrefix(o.Name, "--") {
		rest, ok := strings.CutPrefix(text, o.Name+"=")
		return rest, ok && rest != ""
	}
	if !w.Literal {
		// `-u$UID`: the option parser reads only the literal start of
		// the word, and took the next word as the value.
		return "", false
	}
	if rest, ok := strings.CutPrefix(text, o.Name); ok && rest != "" {
		return rest, true // `-u1000`
	}
	if w.Literal && text == w.Value && o.HasValue && o.Value != "" {
		return o.Value, true // inside a cluster: `-ru1000`
	}
	return "", false
}

// wordText is a word's source text, to be placed elsewhere in the command.
func wordText(c *shellcmd.Command, i int) string {
	src := c.Call.Script.Instruction.File.Source
	return string(src[c.Args[i].Start:c.Args[i].End])
}

// convertUserAdd converts a shadow useradd command. from is the source's
// package manager ("apt", "rpm", "apk"): Debian's useradd creates no home
// directory unless asked (-m), RHEL's does unless told not to (-M).
func convertUserAdd(c *shellcmd.Command, from string) (userCommandText, string) {
	opts, operands := c.Options(&useraddSpec)
	var (
		system, createHome, noCreateHome, noUserGroup bool
		uid, group, home, shell, gecos, skel          string
		groups                                        []string
	)
	for _, o := range opts {
		value := func() (string, bool) { return optionText(c, o) }
		var ok = true
		switch o.Name {
		case "-r", "--system":
			system = true
		case "-m", "--create-home":
			createHome = true
		case "-M", "--no-create-home":
			noCreateHome = true
		case "-N", "--no-user-group":
			noUserGroup = true
		case "-U", "--user-group", "-l", "--no-log-init":
			// -U is what BusyBox does anyway; -l only spares lastlog,
			// which BusyBox does not write.
		case "-u", "--uid":
			uid, ok = value()
		case "-g", "--gid":
			group, ok = value()
		case "-d", "--home-dir", "--home":
			home, ok = value()
		case "-s", "--shell":
			shell, ok = value()
		case "-c", "--comment":
			gecos, ok = value()
		case "-k", "--skel":
			skel, ok = value()
		case "-G", "--groups":
			var list string
			list, ok = value()
			if ok && strings.ContainsAny(list, "$`\"'\\") {
				return userCommandText{}, "`useradd -G` with groups that are not plain names"
			}
			for _, g := range strings.Split(list, ",") {
				if g != "" {
					groups = append(groups, g)
				}
			}
		default:
			return userCommandText{}, fmt.Sprintf("`useradd %s` has no BusyBox adduser equivalent", o.Name)
		}
		if !ok {
			return userCommandText{}, fmt.Sprintf("the value of `useradd %s` cannot be moved as written", o.Name)
		}
	}
	if len(operands) != 1 {
		return userCommandText{}, "`useradd` without exactly one user name"
	}
	name := wordText(c, operands[0])
	if noUserGroup && group == "" {
		// The user would join the default group (users); BusyBox makes
		// one named after it.
		return userCommandText{}, "`useradd -N` without -g has no BusyBox adduser equivalent"
	}
	var pre []string
	args := []string{"adduser"}
	if home != "" {
		args = append(args, "-h", home)
	}
	if gecos != "" {
		args = append(args, "-g", gecos)
	}
	if shell != "" {
		args = append(args, "-s", shell)
	}
	if group == "" && system {
		// useradd -r still makes a group named after the user; BusyBox's
		// adduser -S puts the user in nogroup, so the group comes first.
		g := []string{"addgroup", "-S"}
		if uid != "" {
			g = append(g, "-g", uid)
		}
		pre = append(pre, strings.Join(append(g, name), " "))
		group = name
	}
	if group != "" {
		args = append(args, "-G", group)
	}
	if system {
		args = append(args, "-S")
	} else {
		args = append(args, "-D")
	}
	create := createHome || from == "rpm" && !system && !noCreateHome
	if noCreateHome {
		create = false
	}
	if !create {
		args = append(args, "-H")
	}
	if uid != "" {
		args = append(args, "-u", uid)
	}
	if skel != "" {
		args = append(args, "-k", skel)
	}
	args = append(args, name)
	cmds := append(pre, strings.Join(args, " "))
	for _, g := range groups {
		cmds = append(cmds, "adduser "+name+" "+g)
	}
	return userCommandText{text: strings.Join(cmds, " && "), multi: len(cmds) > 1}, ""
}

// convertGroupAdd converts a shadow groupadd command.
func convertGroupAdd(c *shellcmd.Command) (userCommandText, string) {
	opts, operands := c.Options(&groupaddSpec)
	if len(operands) != 1 {
		return userCommandText{}, "`groupadd` without exactly one group name"
	}
	args := []string{"addgroup"}
	system := false
	for _, o := range opts {
		switch o.Name {
		case "-r", "--system":
			system = true
		case "-g", "--gid":
			v, ok := optionText(c, o)
			if !ok {
				return userCommandText{}, fmt.Sprintf("the value of `groupadd %s` cannot be moved as written", o.Name)
			}
			args = append(args, "-g", v)
		case "-f", "--force":
			return userCommandText{}, "`groupadd -f` (succeed when the group exists) has no BusyBox addgroup equivalent"
		default:
			return userCommandText{}, fmt.Sprintf("`groupadd %s` has no BusyBox addgroup equivalent", o.Name)
		}
	}
	if system {
		args = append(args, "-S")
	}
	args = append(args, wordText(c, operands[0]))
	return userCommandText{text: strings.Join(args, " ")}, ""
}

// convertUserMod converts `usermod -a -G GROUPS USER`, the one use of
// usermod BusyBox has: `adduser USER GROUP` for each group.
func convertUserMod(c *shellcmd.Command) (userCommandText, string) {
	opts, operands := c.Options(&usermodSpec)
	if len(operands) != 1 {
		return userCommandText{}, "`usermod` without exactly one user name"
	}
	appendMode := false
	var groups []string
	for _, o := range opts {
		switch o.Name {
		case "-a", "--append":
			appendMode = true
		case "-G", "--groups":
			list, ok := optionText(c, o)
			if !ok || strings.ContainsAny(list, "$`\"'\\") {
				return userCommandText{}, "`usermod -G` with groups that are not plain names"
			}
			for _, g := range strings.Split(list, ",") {
				if g != "" {
					groups = append(groups, g)
				}
			}
		default:
			return userCommandText{}, fmt.Sprintf("`usermod %s` has no BusyBox equivalent", o.Name)
		}
	}
	if !appendMode || len(groups) == 0 {
		// Without -a, -G replaces the user's groups: BusyBox cannot
		// remove a user from a group.
		return userCommandText{}, "`usermod` other than `usermod -aG` has no BusyBox equivalent"
	}
	user := wordText(c, operands[0])
	var cmds []string
	for _, g := range groups {
		cmds = append(cmds, "adduser "+user+" "+g)
	}
	return userCommandText{text: strings.Join(cmds, " && "), multi: len(cmds) > 1}, ""
}

// dpkgArchText is what `dpkg --print-architecture` becomes: apk's
// architecture, renamed to Debian's names for the architectures both
// know, so that the scripts that build download URLs from it (`gosu-amd64`)
// keep working.
const dpkgArchText = "apk --print-arch | sed -e s/x86_64/amd64/ -e s/aarch64/arm64/ -e s/armv7/armhf/ -e s/ppc64le/ppc64el/"

// isPrintArchitecture tells whether a dpkg command is exactly
// `dpkg --print-architecture`.
func isPrintArchitecture(c *shellcmd.Command) bool {
	return len(c.Args) == 2 && c.Args[1].Literal && c.Args[1].Value == "--print-architecture"
}

// replaceCommandText is the edit that replaces a command's words (from its
// program to its last argument; wrappers and assignments in front stay)
// with text. A text of several commands is grouped in braces unless the
// command is a plain link of an && chain, where `a && b` reads the same.
// ok is false when the text cannot stand there: several commands behind a
// wrapper (`sudo { …; }` is not a command).
func replaceCommandText(c *shellcmd.Command, t userCommandText) (start, end int, text string, ok bool) {
	start, end = c.Args[0].Start, c.Args[len(c.Args)-1].End
	text = t.text
	if t.multi && !plainAndLink(c) {
		if len(c.Call.Args) != len(c.Args) {
			return 0, 0, "", false
		}
		text = "{ " + text + "; }"
	}
	return start, end, text, true
}

// plainAndLink tells whether a command is a whole statement, without
// redirections, in a chain of && only (or alone).
func plainAndLink(c *shellcmd.Command) bool {
	st := c.Call.Stmt
	if st == nil || st.Cmd != c.Call.Expr || len(st.Redirs) > 0 || st.Negated || st.Background ||
		len(c.Call.Args) != len(c.Args) || len(c.Call.Expr.Assigns) > 0 {
		return false
	}
	piped := false
	syntax.Walk(c.Call.Script.AST, func(n syntax.Node) bool {
		if b, ok := n.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) && (b.X == st || b.Y == st) {
			piped = true
		}
		return !piped
	})
	if piped {
		return false
	}
	ch, _, ok := shellcmd.ChainOf(c.Call.Script, st)
	if !ok {
		return false
	}
	for _, op := range ch.Ops {
		if op != syntax.AndStmt {
			return false
		}
	}
	return true
}

package rewrite

// DF301's fix: make the final stage run as an unprivileged user, created
// the way the base image's distribution does it, or the one the image or
// the Dockerfile already has.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// The user the fix creates: a name that says what it is for and a UID
// above the ranges distributions and base images hand out (system users
// below 1000, the first human user at 1000), so that it collides with
// nothing in the image or on a host that shares a volume.
const (
	appUser = "app"
	appUID  = "10001"
)

// rootServers start as root and switch to another user themselves (or need
// root to run at all): a USER breaks them.
var rootServers = map[string]bool{
	"nginx": true, "httpd": true, "apache2": true, "apache2-foreground": true, "apachectl": true,
	"sshd": true, "cron": true, "crond": true, "supervisord": true, "systemd": true, "init": true,
	"rsyslogd": true, "dockerd": true, "s6-svscan": true, "runsvdir": true, "my_init": true,
}

// packageInstall is how each package manager installs one package and
// cleans up after itself in the same RUN (DF441/DF442 expect both).
var packageInstall = map[string]string{
	"dnf":      "dnf install -y %s && dnf clean all",
	"yum":      "yum install -y %s && yum clean all",
	"microdnf": "microdnf install -y %s && microdnf clean all",
	"tdnf":     "tdnf install -y %s && tdnf clean all",
	"zypper":   "zypper --non-interactive install %s && zypper clean --all",
	"apt":      "apt-get update && apt-get install -y --no-install-recommends %s && rm -rf /var/lib/apt/lists/*",
	"apk":      "apk add --no-cache %s",
}

// nonrootTarget is the user the final stage switches to.
type nonrootTarget struct {
	user   string // USER's argument
	chown  string // --chown's argument for app files copied later
	create string // the RUN that creates it, "" when it exists
	title  string
}

// NonrootUser builds DF301's fix for the final stage, whose base image is
// info: the stage switches to an unprivileged user the image has, or one
// it creates the way the image's distribution does. rootUser is the last
// USER when it names root, nil when there is none. It returns the fix, or
// nil and why there is none.
func NonrootUser(final *parser.Stage, info images.Info, rootUser *parser.Instruction) (*edit.Fix, string) {
	if info.DropsPrivileges {
		return nil, "the image's server starts as root and switches user itself"
	}
	entry, cmd := shellcmd.CommandInstructions(final)
	for _, in := range []*parser.Instruction{entry, cmd} {
		if in == nil {
			continue
		}
		if cs := shellcmd.SimpleCommandsOf(in); len(cs) > 0 && rootServers[cs[0].Name()] {
			return nil, fmt.Sprintf("`%s` starts as root and switches user itself", cs[0].Name())
		}
	}
	for in := range final.ChainInstructions() {
		if in.Name != "expose" {
			continue
		}
		for _, a := range in.Args() {
			p, _, _ := strings.Cut(a, "/")
			if lo, _, _ := strings.Cut(p, "-"); lo != "" {
				if n, err := strconv.Atoi(lo); err == nil && n < 1024 {
					return nil, fmt.Sprintf("it listens on port %d, which an unprivileged user may only bind where the runtime allows it (Docker does, Kubernetes does not by default): move to a port above 1023 first", n)
				}
			}
		}
	}

	// Where the USER goes: after the last step that needs root.
	var anchor *parser.Instruction
	for _, in := range final.Instructions {
		if in.Trigger != nil {
			continue
		}
		if in.Name == "run" || in.Name == "from" || in == rootUser {
			anchor = in
		}
	}
	if anchor == nil {
		return nil, "the stage has no place for the USER"
	}
	if EndsInContinuation(anchor) {
		return nil, fmt.Sprintf("the %s on line %d ends in a line continuation", anchor.Keyword, anchor.StartLine)
	}

	target, reason := nonrootUserFor(final, info)
	if target == nil {
		return nil, reason
	}
	f := final.From.File
	indent, nl := InstructionIndent(anchor), f.NewlineStyle()
	var text string
	if dirs := madeAppDirs(final, anchor); len(dirs) > 0 && target.chown != "" {
		chown := "chown " + target.chown + " " + strings.Join(dirs, " ")
		if target.create != "" {
			target.create += " && " + chown
		} else {
			text += indent + KeywordLike(anchor, "RUN") + " " + chown + nl
		}
	}
	if target.create != "" {
		// One command per line, joined with the file's escape character.
		text += indent + KeywordLike(anchor, "RUN") + " " + strings.ReplaceAll(target.create, " && ", " "+string(f.Escape)+nl+indent+"    && ") + nl
	}
	text += indent + KeywordLike(anchor, "USER") + " " + target.user + nl

	var edits []edit.Edit
	if anchor == rootUser {
		// `USER root` after the last RUN becomes the switch to the user.
		end := BlockEnd(anchor)
		if end == len(f.Source) && !strings.HasSuffix(string(f.Source), "\n") {
			text = strings.TrimSuffix(text, nl)
			if strings.HasSuffix(string(f.Source), "\r") {
				end--
			}
		}
		edits = append(edits, edit.Edit{Start: anchor.Start, End: end, NewText: text})
	} else {
		edits = append(edits, InsertAfter(anchor, text))
	}
	edits = append(edits, chownLaterCopies(final, anchor, target.chown)...)
	return &edit.Fix{Title: target.title, Applicability: edit.Unsafe, Edits: edits}, ""
}

// nonrootUserFor chooses the user: one the Dockerfile switched to before,
// or creates; else the unprivileged user the image ships; else a new one,
// created with the tools of the image's distribution.
func nonrootUserFor(final *parser.Stage, info images.Info) (*nonrootTarget, string) {
	var created *userAdd
	var earlier string
	roots := rootAccounts(final)
	for in := range final.ChainInstructions() {
		switch in.Name {
		case "user":
			if c, ok := in.Command.(*instructions.UserCommand); ok {
				if u, ok := shellcmd.ExpandWord(in, c.User); ok && !isRoot(u, roots) {
					earlier = u
				}
			}
		case "run":
			for _, c := range shellcmd.SimpleCommandsOf(in) {
				// An account with UID 0 (or named root) is root: not one
				// to switch to.
				if u, ok := parseUserAdd(c); ok && !u.isRoot() {
					created = new(u) // a copy: &u would put every u on the heap
				}
			}
		}
	}
	switch {
	case earlier != "":
		chown := earlier
		if !strings.Contains(chown, ":") && created != nil && (created.name == earlier || created.uid == earlier) {
			chown = created.chown()
		}
		return &nonrootTarget{user: earlier, chown: chown, title: "Switch back to user `" + earlier + "` after the last step that needs root"}, ""
	case created != nil:
		user := created.name
		if created.uid != "" {
			user = created.uid
		}
		return &nonrootTarget{user: user, chown: created.chown(), title: "Run as `" + created.name + "`, the user the Dockerfile creates"}, ""
	}
	if name, uid, ok := info.NonrootUser(); ok {
		return &nonrootTarget{user: uid, chown: uid + ":" + uid, title: fmt.Sprintf("Run as `%s` (UID %s), the image's unprivileged user", name, uid)}, ""
	}
	tool, pkg, ok := info.UserCreation()
	if !ok {
		switch info.OS {
		case images.Distroless:
			return nil, "the image has no shell to create a user with: use its `nonroot` variant"
		case images.OSUnknown:
			return nil, "dflint does not know how users are added on this image's distribution"
		}
		return nil, "dflint does not know how users are added on " + string(info.OS)
	}
	var create string
	switch tool {
	case "useradd":
		create = "groupadd --system --gid " + appUID + " " + appUser + " && useradd --system --uid " + appUID + " --gid " + appUser + " --no-log-init --create-home " + appUser
	case "busybox":
		create = "addgroup -S -g " + appUID + " " + appUser + " && adduser -S -D -u " + appUID + " -G " + appUser + " " + appUser
	}
	if pkg != "" {
		install, ok := packageInstall[info.PackageManager]
		if !ok {
			return nil, "the image lacks " + pkg + " for useradd and has no package manager to install it"
		}
		create = fmt.Sprintf(install, pkg) + " && " + create
	}
	return &nonrootTarget{user: appUID, chown: appUID + ":" + appUID, create: create,
		title: fmt.Sprintf("Create user `%s` (UID %s) and run as it", appUser, appUID)}, ""
}

// userAdd is a user that a RUN creates.
type userAdd struct{ name, uid, group string }

// isRoot tells whether the account is root: named root, or given UID 0
// (`useradd -o -u 0 admin`).
func (u userAdd) isRoot() bool {
	return images.IsRootUser(u.name) || u.uid != "" && images.IsRootUser(u.uid)
}

// IsRootIn tells whether a USER value (user or user:group, expanded) makes
// the stage run as root: it names root or UID 0 (images.IsRootUser), or an
// account that a RUN in the stage's chain creates with UID 0.
func IsRootIn(stage *parser.Stage, user string) bool {
	return isRoot(user, rootAccounts(stage))
}

func isRoot(user string, roots map[string]bool) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(user), ":")
	return images.IsRootUser(user) || roots[name]
}

// rootAccounts are the names of the accounts with UID 0 that RUNs in the
// stage's chain create; nil when there are none (nearly always).
func rootAccounts(stage *parser.Stage) map[string]bool {
	var roots map[string]bool
	for in := range stage.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if u, ok := parseUserAdd(c); ok && u.isRoot() {
				if roots == nil {
					roots = map[string]bool{}
				}
				roots[u.name] = true
			}
		}
	}
	return roots
}

func (u userAdd) chown() string {
	owner := u.name
	if u.uid != "" {
		owner = u.uid
	}
	group := u.group
	if group == "" {
		group = owner
	}
	return owner + ":" + group
}

// parseUserAdd reads `useradd`, Debian's `adduser` and BusyBox's `adduser`:
// the user's name, and its UID and primary group when given.
func parseUserAdd(c shellcmd.Simple) (userAdd, bool) {
	var valued map[string]bool
	switch c.Name() {
	case "useradd":
		valued = shellcmd.Set("-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home-dir", "-s", "--shell", "-c", "--comment",
			"-k", "--skel", "-e", "--expiredate", "-f", "--inactive", "-K", "--key", "-p", "--password", "-b", "--base-dir",
			"-R", "--root", "-P", "--prefix", "-Z", "--selinux-user")
	case "adduser":
		valued = shellcmd.Set("-u", "--uid", "-g", "--gid", "-G", "--ingroup", "-h", "--home", "-s", "--shell", "--gecos", "--comment",
			"-k", "--firstuid", "--lastuid", "--conf", "--add_extra_groups", "--firstgid", "--lastgid")
	default:
		return userAdd{}, false
	}
	var u userAdd
	isAdduser := c.Name() == "adduser"
	take := func(k, v string) {
		switch k {
		case "-u", "--uid":
			u.uid = v
		case "--gid", "--ingroup":
			u.group = v
		case "-g":
			if !isAdduser { // BusyBox adduser's -g is the GECOS field
				u.group = v
			}
		case "-G":
			if isAdduser { // useradd's -G lists supplementary groups
				u.group = v
			}
		}
	}
	args := c.Argv[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "--"):
			k, v, hasV := strings.Cut(a, "=")
			if !hasV && valued[k] && i+1 < len(args) {
				v = args[i+1]
				i++
			}
			take(k, v)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			// A cluster of short options (`-ms /bin/bash`, `-SHG mc`):
			// the first that takes a value takes the rest of the word, or
			// the next word.
			for j := 1; j < len(a); j++ {
				k := "-" + a[j:j+1]
				if !valued[k] {
					continue
				}
				v := a[j+1:]
				if v == "" && i+1 < len(args) {
					v = args[i+1]
					i++
				}
				take(k, v)
				break
			}
		case a == shellcmd.NonLiteral:
			// A word with an expansion: an option with its value joined
			// (`--uid=$APP_UID`) reads as one; a name from a variable
			// leaves the user unknown.
		default:
			if u.name == "" {
				u.name = a
			}
		}
	}
	if u.name == "" || u.name == shellcmd.NonLiteral {
		return userAdd{}, false
	}
	// A UID or group from a variable (`--uid=$APP_UID`) still creates the
	// named user: reuse it by name rather than create a second one.
	if u.uid == shellcmd.NonLiteral {
		u.uid = ""
	}
	if u.group == shellcmd.NonLiteral {
		u.group = ""
	}
	if _, err := strconv.Atoi(u.uid); u.uid != "" && err != nil {
		u.uid = ""
	}
	return u, true
}

// madeAppDirs are the directories that RUNs up to the anchor create with
// mkdir in the app's directory (the final WORKDIR): the program writes
// there (data, uploads, caches), and as root made them it could no longer
// once USER switches. The fix gives them to the user, without -R: the
// directories only, the files in them stay root's and readable. Paths with
// variables or characters that need quoting, and relative paths in a RUN
// that changes directory, are left out.
// mkdirSpec is mkdir's option syntax.
var mkdirSpec = shellcmd.OptSpec{ShortValue: "m", LongValue: shellcmd.Set("--mode", "--context")}

func madeAppDirs(final *parser.Stage, anchor *parser.Instruction) []string {
	appDir, ok := appDirOf(final)
	if !ok {
		return nil
	}
	var dirs []string
	seen := map[string]bool{}
	for _, in := range final.Instructions {
		if in.Index > anchor.Index {
			break
		}
		if in.Name != "run" || in.Trigger != nil {
			continue
		}
		dir, ok := shellcmd.WorkdirAt(in)
		if !ok {
			continue
		}
		cmds := shellcmd.CommandsIn(in)
		changesDir := false
		for _, c := range cmds {
			if c.Name() == "cd" || c.Name() == "pushd" {
				changesDir = true
			}
		}
		for _, c := range cmds {
			if c.Name() != "mkdir" {
				continue
			}
			_, operands := c.Options(&mkdirSpec)
			for _, i := range operands {
				w := c.Args[i]
				if !w.Literal || !PlainPath(w.Value) || (changesDir && !strings.HasPrefix(w.Value, "/")) {
					continue
				}
				abs := shellcmd.JoinDir(dir, w.Value)
				if strings.HasPrefix(abs, "@base") || (abs != appDir && !strings.HasPrefix(abs, appDir+"/")) || seen[abs] {
					continue
				}
				seen[abs] = true
				dirs = append(dirs, abs)
			}
		}
	}
	return dirs
}

// appDirOf is the final WORKDIR of the stage, where the app runs; not
// known, or "/", when the stage never sets one.
func appDirOf(final *parser.Stage) (string, bool) {
	var last *parser.Instruction
	for _, in := range final.Instructions {
		last = in
	}
	appDir, ok := shellcmd.WorkdirAt(last)
	if !ok || appDir == "/" || strings.HasPrefix(appDir, "@base") {
		return "", false
	}
	return strings.TrimSuffix(appDir, "/"), true
}

// chownLaterCopies gives the app's files to the user: every COPY and ADD
// after the anchor whose destination lies in the stage's working directory
// (where the app runs and may write: caches, uploads, SQLite files) gets
// --chown. Files copied to other paths (/usr/local/bin, /etc) stay root's:
// the app reads them and has no reason to change them.
func chownLaterCopies(final *parser.Stage, anchor *parser.Instruction, owner string) []edit.Edit {
	if owner == "" {
		return nil
	}
	appDir, ok := appDirOf(final)
	if !ok {
		return nil
	}
	var edits []edit.Edit
	for _, in := range final.Instructions {
		if in.Index <= anchor.Index || in.Trigger != nil || (in.Name != "copy" && in.Name != "add") {
			continue
		}
		if _, has := in.Flag("chown"); has {
			continue
		}
		_, dest, ok := copySourcesDest(in)
		if !ok {
			continue
		}
		d, ok := shellcmd.ExpandWord(in, dest)
		if !ok {
			continue
		}
		dir, ok := shellcmd.WorkdirAt(in)
		if !ok {
			continue
		}
		abs := shellcmd.JoinDir(dir, d)
		if abs != appDir && !strings.HasPrefix(abs, appDir+"/") {
			continue
		}
		// After the flags already there, before the sources.
		l := in.Logical()
		at := l.FileOffset(l.ArgsStart)
		edits = append(edits, edit.Edit{Start: at, End: at, NewText: "--chown=" + owner + " "})
	}
	return edits
}

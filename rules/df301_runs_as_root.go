package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:         "DF301",
	Name:       "runs-as-root",
	Severity:   Warning,
	Summary:    "The final stage runs as root",
	Aliases:    []string{"DL3002", "DS-0002", "CKV_DOCKER_3", "CKV_DOCKER_8"},
	Fix:        Unsafe,
	FixSummary: "create an unprivileged user (or use the image's) and switch to it after the last step that needs root",
	Check:      checkRunsAsRoot,
})

func checkRunsAsRoot(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || isWindowsBase(final) || !shipsApplication(p.File) {
		// A base image's users choose their own USER, and a CI or
		// development target does not run in production.
		return
	}
	if needsToStartAsRoot(final) || startsServiceThroughScript(final) {
		// The service switches user itself, or cannot work without
		// root: a USER would break it.
		return
	}
	var lastUser *parser.Instruction
	for in := range final.ChainInstructions() {
		if len(in.Shell) > 0 && !parser.IsPOSIXShell(in.Shell[0]) {
			return // PowerShell or cmd: a Windows image
		}
		if in.Name == "user" {
			lastUser = in
		}
	}
	if lastUser != nil {
		c, ok := lastUser.Command.(*instructions.UserCommand)
		if !ok {
			return
		}
		user, ok := shellcmd.ExpandWord(lastUser, c.User)
		if !ok || !rewrite.IsRootIn(final, user) {
			return
		}
		msg := fmt.Sprintf("the container runs as root (`USER %s` is the last USER of the final stage): switch to an unprivileged user after the steps that need root", c.User)
		if !images.IsRootUser(user) {
			msg = fmt.Sprintf("the container runs as root (`USER %s` is the last USER of the final stage, and a RUN creates that account with UID 0): switch to an unprivileged user after the steps that need root", c.User)
		}
		fix, why := nonrootFix(final, lastUser)
		if fix == nil {
			msg += " (no automatic fix: " + why + ")"
		}
		p.ReportInstruction(lastUser, msg, fix)
		return
	}
	root := final.RootImage()
	advice := "create an unprivileged user and add `USER` after the last step that needs root"
	if !root.IsScratch() {
		info, ok := baseInfo(final)
		if !ok || !baseRunsAsRoot(p, root, info) {
			return
		}
		switch {
		case info.Family == "distroless" || info.Family == "azurelinux-distroless":
			advice = "use the image's `nonroot` tag, or add `USER nonroot`"
		case info.Family == "chainguard-root" || info.OS == images.Wolfi:
			advice = "add `USER 65532` (the image's `nonroot` user) after the last step that needs root"
		}
	} else {
		advice = "add `USER 65532:65532` (scratch has no user database, so use numeric IDs)"
	}
	msg := fmt.Sprintf("the final stage has no USER and `%s` runs as root: %s", root.Base, advice)
	fix, why := nonrootFix(final, nil)
	if fix == nil {
		msg += " (no automatic fix: " + why + ")"
	}
	start, end := reportRange(final.From)
	p.Report(start, end, msg, fix)
}

// needsToStartAsRoot tells whether the final stage has to start as root: a
// RUN, CMD or ENTRYPOINT calls a privilege dropper (gosu, su-exec,
// setpriv, `chroot --userspec`), or the CMD or ENTRYPOINT starts a service
// that starts as root and drops to its own user (mysqld, supervisord,
// php-fpm, sshd, nginx, the postgres image's docker-entrypoint.sh) or a
// program whose purpose needs root (dockerd, iptables). The programs are
// data (internal/images privileges.json). A USER would break such an image.
func needsToStartAsRoot(final *parser.Stage) bool {
	var words []string // reused: this runs for every file's final stage
	for x := range final.ChainInstructions() {
		service := false
		switch x.Name {
		case "run":
		case "cmd", "entrypoint":
			service = true
		default:
			continue
		}
		if x.IsJSONForm() {
			if startsDropper(x.Args(), service) {
				return true
			}
			continue
		}
		for _, c := range x.Calls() {
			words = words[:0]
			for _, w := range c.Args {
				if w.Literal {
					words = append(words, w.Value)
				}
			}
			if startsDropper(words, service) {
				return true
			}
		}
	}
	return false
}

// startsServiceThroughScript tells whether the final stage's CMD or
// ENTRYPOINT is a script the Dockerfile does not show (`/start.sh`, `bash
// /run-httpd.sh`) while the stage installs a service that starts as root
// and switches user itself (mysql-server, openssh-server, supervisor,
// httpd: internal/images privileges.json): the script most likely starts
// that service, and dflint cannot tell that it does not.
func startsServiceThroughScript(final *parser.Stage) bool {
	ep, cmd := shellcmd.CommandInstructions(final)
	script := false
	for _, in := range []*parser.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if isScriptCommand(c) {
				script = true
			}
		}
	}
	if !script {
		return false
	}
	for in := range final.ChainInstructions() {
		if in.Name != "run" || shellcmd.IsWindowsInstruction(in) {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			pkgs, _ := shellcmd.InstalledPackages(c)
			for _, w := range pkgs {
				if w.Literal && images.InstallsService(packageName(w.Value)) {
					return true
				}
			}
		}
	}
	return false
}

// isScriptCommand tells whether a command runs a shell script: `start.sh`,
// or a shell given a script file (`bash /start.sh`).
func isScriptCommand(c shellcmd.Simple) bool {
	if strings.HasSuffix(c.Name(), ".sh") {
		return true
	}
	if !parser.IsPOSIXShell(c.Name()) {
		return false
	}
	args := c.Positional()
	return len(args) > 0 && strings.HasSuffix(args[0], ".sh")
}

// startsDropper tells whether a command's words run a privilege dropper,
// `chroot --userspec`, or (for a CMD or ENTRYPOINT, service) a service
// that drops privileges itself or a program that needs root.
func startsDropper(words []string, service bool) bool {
	for i, a := range words {
		name := path.Base(a)
		if images.PrivilegeDropper(name) || service && (images.DropsPrivilegesItself(name) || images.NeedsRoot(name)) {
			return true
		}
		if name == "chroot" && i+1 < len(words) && strings.HasPrefix(words[i+1], "--userspec") {
			return true
		}
	}
	return false
}

// baseRunsAsRoot tells whether the base image runs as root: online, from
// the user its image config sets (what the container really starts as);
// offline, from dflint's image data.
func baseRunsAsRoot(p *Pass, root *parser.Stage, info images.Info) bool {
	if img, ok := imageFacts(p, root); ok && len(img.Config) > 0 {
		return img.User == "" || images.IsRootUser(img.User)
	}
	return info.RunsAsRoot()
}

// nonrootFix is DF301's fix for the final stage, built by
// rewrite.NonrootUser on the facts of its base image, or why there is none.
func nonrootFix(final *parser.Stage, rootUser *parser.Instruction) (*Fix, string) {
	if final.RootImage().IsScratch() {
		return nil, "scratch has no user database"
	}
	info, ok := baseInfo(final)
	if !ok {
		return nil, "the base image is not known"
	}
	return rewrite.NonrootUser(final, info, rootUser)
}

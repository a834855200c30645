package rules

import (
	"fmt"
	"path"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF301",
	Name:     "runs-as-root",
	Severity: Warning,
	Summary:  "The final stage runs as root",
	Description: `A process that runs as root in a container is root on the container's file system and
the first step towards the host in any container escape: a kernel bug, a mounted Docker socket, a
writable host path. Most programs do not need root once the image is built.

Create an unprivileged user (or use the one the base image ships, such as ` + "`node`" + `, ` + "`nonroot`" + `
or 65532) and switch to it with ` + "`USER`" + ` after the last step that needs root. On distroless
images use the ` + "`:nonroot`" + ` tag.

What counts: in the final stage (following ` + "`FROM <stage>`" + ` back to its image), the last ` + "`USER`" + `
names root (` + "`root`" + `, ` + "`0`" + `, ` + "`root:root`" + `, ` + "`0:0`" + `), or there is no ` + "`USER`" + ` and the base image runs
as root. The image data says which bases run as another user by default (distroless ` + "`:nonroot`" + `,
Chainguard images, ` + "`nginxinc/nginx-unprivileged`" + `, Bitnami images, .NET chiseled images, …); an
image it does not know is taken to run as root, as most do. With ` + "`--online`" + `, the user the base
image's config sets decides instead (none, ` + "`root`" + ` or 0 is root). Not reported: Windows images, bases
that come from a ` + "`--build-arg`" + `, a ` + "`USER`" + ` whose variable has no default, and images that install or
call a privilege-dropping tool (` + "`gosu`" + `, ` + "`su-exec`" + `, ` + "`setpriv`" + `), whose entrypoint switches user
at start, and development environments (files in ` + "`.devcontainer/`" + `, dev container base images),
whose editor chooses the user.

The fix (creating a user the way the base's distribution does it) is unsafe and comes in a later
release.`,
	Bad:     "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
	Good:    "FROM python:3.12-slim\nRUN useradd --create-home --uid 10001 app\nCOPY app.py /app/\nUSER app\nCMD [\"python\", \"/app/app.py\"]\n",
	Aliases: []string{"DL3002", "DS-0002", "CKV_DOCKER_3", "CKV_DOCKER_8"},
	// No Fix yet: the non-root user fix (unsafe) is not built yet. Metadata says what the rule does
	// today, so `dflint rules` and fix reports stay honest.
	Check: checkRunsAsRoot,
})

func checkRunsAsRoot(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || isWindowsBase(final) || isDevEnvironment(p.File) {
		return
	}
	var lastUser *parser.Instruction
	for _, in := range chainInstructions(final) {
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
		user, ok := expandWord(lastUser, c.User)
		if !ok || !images.IsRootUser(user) {
			return
		}
		p.ReportInstruction(lastUser, fmt.Sprintf("the container runs as root (`USER %s` is the last USER of the final stage): switch to an unprivileged user after the steps that need root", c.User), nil)
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
	if dropsPrivileges(final) {
		return
	}
	start, end := reportRange(final.From)
	p.Report(start, end, fmt.Sprintf("the final stage has no USER and `%s` runs as root: %s", root.Base, advice), nil)
}

// privilegeDroppers are tools an entrypoint uses to switch from root to
// another user at start; a Dockerfile that installs or calls one runs its
// program unprivileged without a USER instruction.
var privilegeDroppers = map[string]bool{"gosu": true, "su-exec": true, "setpriv": true, "runuser": true, "chpst": true, "s6-setuidgid": true, "setuidgid": true}

func dropsPrivileges(final *parser.Stage) bool {
	for _, x := range chainInstructions(final) {
		switch x.Name {
		case "run", "cmd", "entrypoint":
		default:
			continue
		}
		if x.IsJSONForm() {
			for _, a := range x.Args() {
				if privilegeDroppers[path.Base(a)] {
					return true
				}
			}
			continue
		}
		for _, c := range x.Calls() {
			for _, w := range c.Args {
				if w.Literal && privilegeDroppers[path.Base(w.Value)] {
					return true
				}
			}
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

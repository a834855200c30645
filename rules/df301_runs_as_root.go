package rules

import (
	"fmt"
	"path"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
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

The fix (unsafe) switches the final stage to an unprivileged user, chosen in this order: a
non-root user the Dockerfile already switched to before a later ` + "`USER root`" + `, or one it creates
with ` + "`useradd`" + `/` + "`adduser`" + ` (by UID when it gives one); the user the image ships (node's ` + "`node`" + `, 1000;
the ` + "`app`" + ` user of .NET 8 images, 1654; ` + "`nonroot`" + `, 65532, on distroless and Wolfi/Chainguard); or a
new user ` + "`app`" + ` with UID and GID 10001, created the way the base's distribution does it:

- Debian, Ubuntu and the RHEL family: ` + "`groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init --create-home app`" + `
  (a home directory, because pip, npm and most tools write caches there; ` + "`--no-log-init`" + `
  keeps the lastlog file small, see DF309). Images whose OS often lacks shadow-utils
  (ubi-minimal, Fedora, Amazon Linux, SUSE, Azure Linux) install it first with their package
  manager and clean up in the same RUN; ubi-micro, which has none, gets no fix.
- Alpine, BusyBox and Wolfi: ` + "`addgroup -S -g 10001 app && adduser -S -D -u 10001 -G app app`" + `.

` + "`USER <uid>`" + ` (numeric, so that Kubernetes' ` + "`runAsNonRoot`" + ` can check it) goes right after the last
RUN of the final stage (every RUN may need root: package installs, writes to system paths), or
replaces a final ` + "`USER root`" + ` that comes after it. COPY and ADD instructions after it whose
destination lies in the stage's last WORKDIR, the app's directory, get
` + "`--chown=<uid>:<gid>`" + ` so that the app can write its files there; files copied elsewhere
(` + "`/usr/local/bin`" + `, ` + "`/etc`" + `) and before it stay root's, which is what the app should not change.
Directories that RUN steps before the USER create with ` + "`mkdir`" + ` inside that directory
(` + "`mkdir -p data`" + `) are given to the user too, without ` + "`-R`" + `, in the RUN that creates the user
(or a ` + "`RUN chown`" + ` of their own when the image ships the user): made by root, they would no
longer be writable for the program.

There is no fix, and the message says why, for scratch (no user database), distroless images of
families without a ` + "`nonroot`" + ` user, bases whose distribution dflint does not know, images whose
server starts as root and switches user itself (` + "`nginx`" + `, Apache, ` + "`sshd`" + `, ` + "`supervisord`" + `,
` + "`php:*-apache`" + `), and stages that ` + "`EXPOSE`" + ` a port below 1024 (an unprivileged user cannot bind it
where the runtime does not lower ` + "`net.ipv4.ip_unprivileged_port_start`" + `, as Kubernetes does not).
What the fix cannot see: an entrypoint script that needs root at start, and an app that writes
outside its directory.`,
	Bad:        "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
	Good:       "FROM python:3.12-slim\nRUN useradd --create-home --uid 10001 app\nCOPY app.py /app/\nUSER 10001\nCMD [\"python\", \"/app/app.py\"]\n",
	Aliases:    []string{"DL3002", "DS-0002", "CKV_DOCKER_3", "CKV_DOCKER_8"},
	Fix:        Unsafe,
	FixSummary: "create an unprivileged user (or use the image's) and switch to it after the last step that needs root",
	Check:      checkRunsAsRoot,
})

func checkRunsAsRoot(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || isWindowsBase(final) || isDevEnvironment(p.File) {
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
		if !ok || !images.IsRootUser(user) {
			return
		}
		msg := fmt.Sprintf("the container runs as root (`USER %s` is the last USER of the final stage): switch to an unprivileged user after the steps that need root", c.User)
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
	if dropsPrivileges(final) {
		return
	}
	msg := fmt.Sprintf("the final stage has no USER and `%s` runs as root: %s", root.Base, advice)
	fix, why := nonrootFix(final, nil)
	if fix == nil {
		msg += " (no automatic fix: " + why + ")"
	}
	start, end := reportRange(final.From)
	p.Report(start, end, msg, fix)
}

// privilegeDroppers are tools an entrypoint uses to switch from root to
// another user at start; a Dockerfile that installs or calls one runs its
// program unprivileged without a USER instruction.
var privilegeDroppers = map[string]bool{"gosu": true, "su-exec": true, "setpriv": true, "runuser": true, "chpst": true, "s6-setuidgid": true, "setuidgid": true}

func dropsPrivileges(final *parser.Stage) bool {
	for x := range final.ChainInstructions() {
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

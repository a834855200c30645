package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF307",
	Name:     "exposes-ssh",
	Severity: Warning,
	Summary:  "`EXPOSE 22`: an SSH server in the container",
	Aliases:  []string{"DS-0004", "CKV_DOCKER_1"},
	Check:    checkExposesSSH,
})

func checkExposesSSH(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Name != "expose" {
			continue
		}
		for _, port := range exposedPorts(in) {
			if port.number == "22" {
				stage := in.Stage
				if in.Parent != nil {
					stage = in.Parent.Stage // an ONBUILD EXPOSE's trigger
				}
				if stage == nil || !isSSHServerImage(stage) {
					p.Report(port.word.Start, port.word.End, "port 22 is exposed: do not run an SSH server next to the application; use `docker exec` or `kubectl exec` for a shell", nil)
				}
				break
			}
		}
	}
}

// exposedPort is one port an EXPOSE word publishes: its container port
// without protocol ("22", "8000-8100"), or "" when the word's value is
// not known (a variable without a default).
type exposedPort struct {
	word   shellcmd.ArgWord
	number string
}

// exposedPorts lists the ports of an EXPOSE instruction (or ONBUILD
// EXPOSE trigger), variables expanded.
func exposedPorts(in *parser.Instruction) []exposedPort {
	var out []exposedPort
	for _, w := range shellcmd.ArgWords(in) {
		expanded, ok := shellcmd.ExpandWord(in, w.Text)
		if !ok {
			out = append(out, exposedPort{word: w})
			continue
		}
		for _, spec := range strings.Fields(shellcmd.Unquote(expanded)) {
			_, _, container := splitExposeParts(spec)
			port, _, _ := strings.Cut(container, "/")
			out = append(out, exposedPort{word: w, number: port})
		}
	}
	return out
}

// sshServerCommands are programs whose purpose is to serve SSH: the
// OpenSSH and Dropbear daemons, and the git servers that serve
// repositories over SSH (Gitea, Gogs, Forgejo, Soft Serve, Gitolite
// through sshd). Source: their manuals and images, read 2026-12-07.
var sshServerCommands = shellcmd.Set("sshd", "dropbear", "gitea", "gogs", "forgejo", "soft", "soft-serve")

// sshServerImages are base images of SSH git servers; a Dockerfile built
// on them serves SSH whatever it adds (gitea/gitea and gogs/gogs start
// sshd or their own SSH server through s6).
var sshServerImages = shellcmd.Set("gitea/gitea", "gogs/gogs", "codeberg.org/forgejo/forgejo", "charmcli/soft-serve")

// isSSHServerImage tells whether the stage is an SSH server, so that port
// 22 is its purpose rather than a back door next to an application: its
// CMD or ENTRYPOINT runs an SSH server, its base is an SSH git server's
// image, or 22 is the only port it exposes (an application would expose
// its own port too; with no other port, dflint cannot tell the image is
// more than an SSH server, so it says nothing).
func isSSHServerImage(s *parser.Stage) bool {
	if ref, ok := s.RootImage().Image(); ok && sshServerImages[ref.Repository()] {
		return true
	}
	ep, cmd := shellcmd.CommandInstructions(s)
	for _, in := range []*parser.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if sshServerCommands[c.Name()] {
				return true
			}
		}
	}
	for in := range s.ChainInstructions() {
		x := in
		if in.Trigger != nil {
			x = in.Trigger
		}
		if x.Name != "expose" {
			continue
		}
		for _, port := range exposedPorts(x) {
			if port.number != "22" {
				return false
			}
		}
	}
	return true
}

package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF602",
	Name:     "shell-not-in-image",
	Severity: Error,
	Summary:  "SHELL names a shell the image does not have",
	Check:    checkShellNotInImage,
})

func checkShellNotInImage(p *Pass) {
	for _, s := range p.File.Stages {
		info, ok := stageFacts(p, s)
		// An image without any shell is DF601's: it reports what fails.
		if !ok || !info.ShellsKnown || len(info.Shells) == 0 {
			continue
		}
		for _, in := range s.Instructions {
			c, ok := in.Command.(*instructions.ShellCommand)
			if !ok || in.Trigger != nil || len(c.Shell) == 0 {
				continue
			}
			sh := c.Shell[0]
			name := path.Base(sh)
			if !shellNames[name] || hasShell(info, sh) {
				continue
			}
			// The file may install the shell (`apk add bash`) or copy it in.
			if mentionedBefore(in, name) || copiesInto(in, executableDirs) {
				continue
			}
			use := firstShellUse(p.File, in, sh)
			if use == nil {
				continue // nothing runs it: a SHELL left in the config only
			}
			p.ReportInstruction(in, fmt.Sprintf("%s has no %s (its shells: %s), so the %s on line %d fails: %s", imageName(s), sh, quotedList(info.Shells), strings.ToUpper(use.Name), use.StartLine, installShellAdvice(info, name, c.Shell)), nil)
		}
	}
}

// firstShellUse is the first shell-form RUN, CMD, ENTRYPOINT or
// HEALTHCHECK after the SHELL, in its stage or a stage built on it, that
// runs with the shell sh; nil when none does.
func firstShellUse(f *parser.File, shell *parser.Instruction, sh string) *parser.Instruction {
	for _, x := range f.Instructions[shell.Index+1:] {
		if x.Stage == nil || len(x.Shell) == 0 || x.Shell[0] != sh || !slices.Contains(x.Stage.Chain(), shell.Stage) {
			continue
		}
		shellForm := false
		switch c := x.Command.(type) {
		case *instructions.RunCommand:
			shellForm = c.PrependShell
		case *instructions.CmdCommand:
			shellForm = c.PrependShell
		case *instructions.EntrypointCommand:
			shellForm = c.PrependShell
		case *instructions.HealthCheckCommand:
			shellForm = c.Health != nil && len(c.Health.Test) > 0 && c.Health.Test[0] == "CMD-SHELL"
		}
		if shellForm {
			return x
		}
	}
	return nil
}

// installShellAdvice says how to get the shell, or to use the image's
// (with the SHELL's options: BusyBox ash has `-o pipefail` too).
func installShellAdvice(info images.Info, name string, shell []string) string {
	sh := info.Shells[0]
	for _, x := range info.Shells {
		if b := path.Base(x); b == "bash" || b == "ash" {
			sh = x
			break
		}
	}
	use := fmt.Sprintf("use the image's shell (`SHELL %s`) if the commands need nothing of %s's own", jsonWords(append([]string{sh}, shell[1:]...)), name)
	var install string
	switch info.PackageManager {
	case "apk":
		install = "apk add --no-cache " + name
	case "apt":
		install = "apt-get install -y --no-install-recommends " + name
	case "dnf", "yum", "microdnf", "tdnf":
		install = info.PackageManager + " install -y " + name
	case "zypper":
		install = "zypper install -y " + name
	}
	if install == "" {
		return use
	}
	return fmt.Sprintf("install it first (`RUN %s`) or %s", install, use)
}

package rules

import (
	"fmt"
	"path"

	"github.com/dflint/dflint/internal/images"
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
		info, ok := df6Facts(p, s)
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
			if !shellNames[name] || imageHasShell(info, sh) {
				continue
			}
			// The file may install the shell (`apk add bash`) or copy it in.
			if mentionedBefore(in, name) || copiesInto(in, executableDirs) {
				continue
			}
			p.ReportInstruction(in, fmt.Sprintf("%s has no %s (its shells: %s): %s", imageName(s), sh, quotedList(info.Shells), installShellAdvice(info, name)), nil)
		}
	}
}

// installShellAdvice says how to get the shell, or to use the image's.
func installShellAdvice(info images.Info, name string) string {
	use := fmt.Sprintf("use `SHELL %s`", jsonWords([]string{info.Shells[0], "-c"}))
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

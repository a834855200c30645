package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF406",
	Name:     "apt-update-alone",
	Severity: Warning,
	Summary:  "`apt-get update` in a RUN that installs nothing after it",
	Description: `Docker caches each RUN as a layer. A RUN with ` + "`apt-get update`" + ` alone is built
once and then reused: a later ` + "`RUN apt-get install …`" + ` installs from package lists of the day the
update layer was first built, and fails when those versions have left the mirror. The lists
also stay in the image. Update and install in the same RUN:

` + "```dockerfile" + `
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
` + "```" + `

Reported: a RUN (or ONBUILD RUN) whose last ` + "`apt-get update`" + ` / ` + "`apt update`" + ` (behind
wrappers, inside ` + "`sh -c '…'`" + ` and heredoc scripts) is not followed, in the same RUN, by a
command that uses the lists: an ` + "`apt-get`" + `/` + "`apt`" + `/` + "`aptitude`" + ` ` + "`install`" + `,
` + "`upgrade`" + `, ` + "`dist-upgrade`" + `, ` + "`build-dep`" + `, ` + "`source`" + `, ` + "`download`" + ` or
` + "`satisfy`" + `, any ` + "`apt-cache`" + `, ` + "`install_packages`" + `, ` + "`mk-build-deps`" + ` or a cross-build wrapper such as
` + "`xx-apt-get`" + `. Removing the lists after the update (` + "`rm -rf /var/lib/apt/lists/*`" + `,
` + "`apt-get dist-clean`" + `) leaves nothing stale behind and is not reported.
A command whose name is not literal, or that runs a local script (` + "`./setup.sh`" + `,
` + "`bash install.sh`" + `), may install too and counts as a use. Windows stages are not checked.`,
	Bad:     "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
	Good:    "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
	Aliases: []string{"DS-0017"},
	Check:   checkAptUpdateAlone,
})

func checkAptUpdateAlone(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		if !slices.ContainsFunc(shellcmd.CommandsIn(in), isAptUpdate) {
			continue
		}
		var last *parser.Call
		used := false
		for _, call := range in.Calls() {
			c, ok := shellcmd.ViewCall(call)
			if !ok {
				if last != nil && len(call.Args) > 0 && !call.Args[0].Literal {
					used = true // `$INSTALL curl` may be anything
				}
				continue
			}
			if isAptUpdate(c) {
				last, used = call, false
				continue
			}
			if last != nil && (usesAptLists(c) || removesAptLists(c)) {
				used = true
			}
		}
		if last != nil && !used {
			p.Report(last.Start(), last.End(), "`apt-get update` without an install after it in the same RUN: its cached layer makes later installs use stale package lists; update and install in one RUN", nil)
		}
	}
}

func isAptUpdate(c *shellcmd.Command) bool {
	if n := c.Name(); n != "apt-get" && n != "apt" && n != "aptitude" && n != "apt-fast" {
		return false
	}
	_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
	return ok && sub == "update"
}

// usesAptLists tells whether a command may read the package lists that an
// earlier update fetched.
func usesAptLists(c *shellcmd.Command) bool {
	name := c.Name()
	if strings.HasSuffix(name, "-apt-get") || strings.HasSuffix(name, "-apt") {
		name = "apt-get" // cross-build wrappers: xx-apt-get
	}
	switch name {
	case "apt-get", "apt", "aptitude", "apt-fast":
		_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
		if !ok {
			return true
		}
		switch sub {
		case "install", "reinstall", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source", "download", "satisfy", "safe-upgrade":
			return true
		}
		return false
	case "apt-cache", "install_packages", "mk-build-deps", "apt-install", "gdebi", "equivs-build":
		return true
	}
	return runsLocalScript(c)
}

// runsLocalScript tells whether a command runs a script of the build
// (`./setup.sh`, `/tmp/install.sh`, `bash install.sh`), whose content is
// not known.
func runsLocalScript(c *shellcmd.Command) bool {
	name := c.Args[0].Value
	if strings.HasSuffix(name, ".sh") {
		return true
	}
	if strings.Contains(name, "/") {
		dir := path.Dir(path.Clean(name))
		switch dir {
		case "/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin":
		default:
			return true
		}
	}
	if parser.IsPOSIXShell(c.Name()) {
		for _, a := range c.Args[1:] {
			if a.Value == "-c" {
				return false
			}
			if !strings.HasPrefix(a.Value, "-") {
				return true
			}
		}
	}
	return false
}

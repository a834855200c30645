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
	Aliases:  []string{"DS-0017"},
	Check:    checkAptUpdateAlone,
})

func checkAptUpdateAlone(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		if !slices.ContainsFunc(shellcmd.CommandsIn(in), isAptUpdate) {
			continue
		}
		var last *parser.Call
		used := false
		calls := in.Calls()
		for i, call := range calls {
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
			if last != nil && (usesAptLists(c) || removesAptLists(c) || unreadShellString(c, calls, i)) {
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

// unreadShellString tells whether a command is `sh -c '…'` (`bash -c`,
// behind wrappers: `sudo bash -c "…"`) whose string dflint could not read
// as a script (a double-quoted string with escapes or variables): it may
// install anything. A string it could read is parsed into the calls that
// follow, inside the command's range.
func unreadShellString(c *shellcmd.Command, calls []*parser.Call, i int) bool {
	if !parser.IsPOSIXShell(c.Name()) || !slices.ContainsFunc(c.Args[1:], func(w parser.Word) bool { return w.Value == "-c" }) {
		return false
	}
	call := calls[i]
	if i+1 < len(calls) {
		next := calls[i+1]
		if next.Script.Parent == call.Script && next.Start() >= call.Start() && next.End() <= call.End() {
			return false
		}
	}
	return true
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

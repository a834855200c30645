package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:         "DF441",
	Name:       "yum-dnf-zypper-missing-yes",
	Severity:   Warning,
	Summary:    "yum, dnf, microdnf or zypper install without its non-interactive switch",
	Aliases:    []string{"DL3030", "DL3038", "DL3034"},
	Fix:        Safe,
	FixSummary: "insert `-y` (yum, dnf, microdnf) or `-n` (zypper)",
	Check:      checkRpmMissingYes,
})

func checkRpmMissingYes(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := rpmAsks(c)
			if !ok || rpmAssumesYes(c) {
				continue
			}
			name := c.Name()
			at, text := c.WordEnd(sub), " -y"
			if endOfOptionsBefore(c, sub) {
				// After `--` a -y is an argument (`dnf -- in -y`), so
				// it goes before it, right after the program's name.
				at = c.WordEnd(0)
			}
			if shellcmd.RpmFamily(c) == "zypper" {
				at, text = c.WordEnd(0), " -n"
			}
			p.Report(c.Call.Start(), c.Call.End(), "`"+name+" "+c.Args[sub].Value+"` without `"+strings.TrimSpace(text)+"` aborts at its confirmation prompt",
				&Fix{Title: "Add " + strings.TrimSpace(text), Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: text}}})
		}
	}
}

// zypperAskingCommands are the zypper subcommands besides install that ask
// for confirmation before they change packages (zypper(8); the list
// hadolint's DL3034 checks, 2026-12-07).
var zypperAskingCommands = shellcmd.Set("remove", "rm", "source-install", "si", "patch")

// rpmAsks tells whether a command stops at a confirmation prompt unless
// told not to, and returns the index of its subcommand word.
func rpmAsks(c *shellcmd.Command) (sub int, ok bool) {
	if sub, ok := shellcmd.RpmInstall(c); ok {
		return sub, true
	}
	if sub, ok := shellcmd.RpmGroupInstall(c); ok {
		return sub, true
	}
	if sub, ok := shellcmd.RpmModuleInstall(c); ok {
		return sub, true
	}
	if shellcmd.RpmFamily(c) != "zypper" {
		return 0, false
	}
	sub, name, ok := c.Subcommand(&shellcmd.ZypperSpec)
	return sub, ok && zypperAskingCommands[name]
}

// endOfOptionsBefore tells whether a `--` comes before the word at sub.
func endOfOptionsBefore(c *shellcmd.Command, sub int) bool {
	for _, a := range c.Args[1:sub] {
		if a.Value == "--" {
			return true
		}
	}
	return false
}

// rpmAssumesYes tells whether a yum, dnf or zypper command answers its
// prompts itself.
func rpmAssumesYes(c *shellcmd.Command) bool {
	opts, _ := c.Options(shellcmd.RpmSpec(c))
	for _, o := range opts {
		switch shellcmd.RpmFamily(c) {
		case "zypper":
			switch o.Name {
			case "-n", "--non-interactive", "-y", "--no-confirm":
				return true
			}
		default:
			switch o.Name {
			case "-y", "--assumeyes":
				return true
			case "--setopt":
				k, v, _ := strings.Cut(o.Value, "=")
				if k == "assumeyes" && (v == "1" || strings.EqualFold(v, "true") || strings.EqualFold(v, "yes")) {
					return true
				}
			}
		}
	}
	return false
}

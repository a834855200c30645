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
	Parts:      rpmParts(rpmMissingYes),
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
			p.ReportPart(rpmCode(c, rpmMissingYes), c.Call.Start(), c.Call.End(), "`"+name+" "+c.Args[sub].Value+"` without `"+strings.TrimSpace(text)+"` aborts at its confirmation prompt",
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

// hadolint has one code per package manager for each of DF441, DF442 and
// DF443 (hadolint's src/Hadolint/Rule/DL3030.hs … DL3041.hs, read
// 2026-12-07): those codes are the rules' parts, so that `ignore=DL3038`
// silences dnf and leaves yum.
const (
	rpmMissingYes = iota // DF441
	rpmNoClean           // DF442
	rpmUnpinned          // DF443
)

// rpmCodes are the codes by package manager, in the order above.
var rpmCodes = []struct {
	manager string
	codes   [3]string
}{
	{"yum", [3]string{"DL3030", "DL3032", "DL3033"}},
	{"dnf", [3]string{"DL3038", "DL3040", "DL3041"}},
	{"zypper", [3]string{"DL3034", "DL3036", "DL3037"}},
}

// rpmParts are the Parts of the rule that reports concern.
func rpmParts(concern int) [][]string {
	var parts [][]string
	for _, m := range rpmCodes {
		parts = append(parts, []string{m.codes[concern]})
	}
	return parts
}

// rpmCode is hadolint's code for the concern in the package manager that c
// runs: dnf's for dnf, dnf-3, dnf5 and microdnf (hadolint's DL3038 matches
// dnf and microdnf), yum's for yum.
func rpmCode(c *shellcmd.Command, concern int) string {
	manager := c.Name()
	switch manager {
	case "dnf-3", "dnf5", "microdnf":
		manager = "dnf"
	}
	for _, m := range rpmCodes {
		if m.manager == manager {
			return m.codes[concern]
		}
	}
	return ""
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

package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF441",
	Name:     "yum-dnf-zypper-missing-yes",
	Severity: Warning,
	Summary:  "yum, dnf, microdnf or zypper install without its non-interactive switch",
	Description: `A build has no terminal: ` + "`yum install`" + `, ` + "`dnf install`" + ` and ` + "`zypper install`" + `
ask for confirmation, read end-of-file and abort the build. Answer the prompt on the command
line: ` + "`-y`" + ` for yum, dnf and microdnf, ` + "`-n`" + ` (` + "`--non-interactive`" + `) or ` + "`-y`" + `
for zypper.

Reported: ` + "`yum`" + `, ` + "`dnf`" + ` and ` + "`microdnf`" + ` ` + "`install`" + ` (also ` + "`in`" + `,
` + "`groupinstall`" + `, ` + "`localinstall`" + `, ` + "`reinstall`" + `) without ` + "`-y`" + `,
` + "`--assumeyes`" + ` or ` + "`--setopt=assumeyes=1`" + `, and ` + "`zypper install`" + ` / ` + "`in`" + ` without
` + "`-n`" + `, ` + "`--non-interactive`" + `, ` + "`-y`" + ` or ` + "`--no-confirm`" + `; through wrappers such as
` + "`sudo`" + `, inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD triggers. Windows stages are
not checked.

The fix inserts ` + "` -y`" + ` after the subcommand for yum, dnf and microdnf, and the global
` + "` -n`" + ` after ` + "`zypper`" + `.`,
	Bad:        "FROM rockylinux:9\nRUN dnf install httpd && dnf clean all\n",
	Good:       "FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n",
	Aliases:    []string{"DL3030", "DL3038", "DL3034"},
	Fix:        Safe,
	FixSummary: "insert `-y` (yum, dnf, microdnf) or `-n` (zypper)",
	Check:      checkRpmMissingYes,
})

func checkRpmMissingYes(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := shellcmd.RpmInstall(c)
			if !ok || rpmAssumesYes(c) {
				continue
			}
			name := c.Name()
			at, text := c.WordEnd(sub), " -y"
			if shellcmd.RpmFamily(c) == "zypper" {
				at, text = c.WordEnd(0), " -n"
			}
			p.Report(c.Call.Start(), c.Call.End(), "`"+name+" "+c.Args[sub].Value+"` without `"+strings.TrimSpace(text)+"` aborts at its confirmation prompt",
				&Fix{Title: "Add " + strings.TrimSpace(text), Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: text}}})
		}
	}
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

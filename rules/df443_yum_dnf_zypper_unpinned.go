package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF443",
	Name:     "yum-dnf-zypper-unpinned",
	Severity: Info,
	OptIn:    true,
	Summary:  "yum, dnf, microdnf or zypper packages installed without a version",
	Description: `Without a version, ` + "`dnf install -y httpd`" + ` installs whatever the repositories
hold on the day of the build: two builds of the same Dockerfile may differ. Pin the versions you
depend on (` + "`httpd-2.4.57`" + ` for yum and dnf, ` + "`'httpd=2.4.57'`" + ` for zypper) and update them on
purpose. Pins fail once the repository drops the version, which is why this rule is opt-in.

Reported: ` + "`yum`" + `/` + "`dnf`" + `/` + "`microdnf`" + `/` + "`zypper`" + ` ` + "`install`" + ` (through wrappers,
inside ` + "`sh -c '…'`" + ` and heredoc scripts, in ONBUILD triggers) naming a package with no
version. A version is a ` + "`-`" + ` followed by a digit (` + "`httpd-2.4`" + `), a comparison
(` + "`=`" + `, ` + "`<`" + `, ` + "`>`" + `); local or remote ` + "`.rpm`" + ` files, paths, groups and modules
(` + "`@core`" + `) and a word made only of a variable count as pinned. One finding per command,
naming the packages. Windows stages are not checked.`,
	Bad:     "FROM rockylinux:9\nRUN dnf install -y httpd && dnf clean all\n",
	Good:    "FROM rockylinux:9\nRUN dnf install -y httpd-2.4.57 && dnf clean all\n",
	Aliases: []string{"DL3033", "DL3041", "DL3037"},
	Check:   checkRpmUnpinned,
})

func checkRpmUnpinned(p *Pass) {
	for in := range shellcmd.LinuxRuns(p.File) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := shellcmd.RpmInstall(c)
			if !ok {
				continue
			}
			var loose []string
			for _, w := range c.OperandsAfter(shellcmd.RpmSpec(c), sub) {
				if !shellcmd.RpmPinned(p.File, w) {
					loose = append(loose, shellcmd.WordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), c.Name()+" packages without a pinned version: "+shellcmd.QuotedList(loose), nil)
			}
		}
	}
}

package rules

import "github.com/dflint/dflint/internal/shellcmd"

var _ = register(&Rule{
	ID:       "DF443",
	Name:     "yum-dnf-zypper-unpinned",
	Severity: Info,
	OptIn:    true,
	Summary:  "yum, dnf, microdnf or zypper packages installed without a version",
	Aliases:  []string{"DL3033", "DL3041", "DL3037"},
	Parts:    rpmParts(rpmUnpinned),
	Check:    checkRpmUnpinned,
})

func checkRpmUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
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
				p.ReportPart(rpmCode(c, rpmUnpinned), c.Call.Start(), c.Call.End(), c.Name()+" packages without a pinned version: "+shellcmd.QuotedList(loose), nil)
			}
		}
	}
}

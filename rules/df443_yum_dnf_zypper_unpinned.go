package rules

var _ = register(&Rule{
	ID:       "DF443",
	Name:     "yum-dnf-zypper-unpinned",
	Severity: Info,
	OptIn:    true,
	Summary:  "yum, dnf, microdnf or zypper packages installed without a version",
	Aliases:  []string{"DL3033", "DL3041", "DL3037"},
	Check:    checkRpmUnpinned,
})

func checkRpmUnpinned(p *Pass) {
	for in := range linuxRuns(p.File) {
		for _, c := range commandsIn(in) {
			sub, ok := rpmInstall(c)
			if !ok {
				continue
			}
			var loose []string
			for _, w := range c.operandsAfter(rpmSpec(c), sub) {
				if !rpmPinned(p.File, w) {
					loose = append(loose, wordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), c.Name()+" packages without a pinned version: "+quotedList(loose), nil)
			}
		}
	}
}

package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF522",
	Name:     "apt-cache-mount",
	Severity: Info,
	OptIn:    true,
	Summary:  "apt install without a BuildKit cache mount",
	Check:    checkAptCacheMount,
})

func checkAptCacheMount(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		if hasAptCacheMount(in) {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			if _, ok := shellcmd.AptInstall(c); ok {
				p.Report(c.Call.Start(), c.Call.End(), "apt install without a cache mount: `--mount=type=cache,target=/var/cache/apt` (and /var/lib/apt) makes rebuilds skip the downloads", nil)
				break
			}
		}
	}
}

// hasAptCacheMount tells whether the RUN mounts a cache on apt's
// directories.
func hasAptCacheMount(in *parser.Instruction) bool {
	for _, fl := range in.Flags() {
		v, ok := strings.CutPrefix(fl, "--mount=")
		if !ok || !strings.Contains(v, "type=cache") {
			continue
		}
		if strings.Contains(v, "/var/cache/apt") || strings.Contains(v, "/var/lib/apt") {
			return true
		}
	}
	return false
}

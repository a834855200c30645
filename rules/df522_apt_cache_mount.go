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
	Description: `With BuildKit, a cache mount keeps downloaded packages and package lists between
builds without putting them in the image:

` + "```dockerfile" + `
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    rm -f /etc/apt/apt.conf.d/docker-clean && \
    apt-get update && apt-get install -y --no-install-recommends curl
` + "```" + `

Rebuilds after a change then skip the downloads, and there is no list to remove afterwards.

Opt-in and informational: a ` + "`RUN`" + ` that runs ` + "`apt-get install`" + ` or ` + "`apt install`" + `
(also inside ` + "`sh -c`" + ` and heredoc scripts) with no ` + "`--mount=type=cache`" + ` for
` + "`/var/cache/apt`" + ` or ` + "`/var/lib/apt`" + `. No fix: the mount needs BuildKit and the
` + "`docker-clean`" + ` hook of Debian images must go, which is a choice.`,
	Bad:   "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n",
	Good:  "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y curl\n",
	Check: checkAptCacheMount,
})

func checkAptCacheMount(p *Pass) {
	for in := range shellcmd.RunInstructions(p.File) {
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

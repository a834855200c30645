package rules

import "github.com/dflint/dflint/parser"

var _ = register(&Rule{
	ID:       "DF520",
	Name:     "missing-healthcheck",
	Severity: Info,
	OptIn:    true,
	Summary:  "The final stage of a service has no HEALTHCHECK",
	Description: `Without a ` + "`HEALTHCHECK`" + `, Docker and Swarm only know whether the process runs, not
whether it answers; a hung server stays "up". Add a ` + "`HEALTHCHECK`" + ` that probes the service,
or ` + "`HEALTHCHECK NONE`" + ` to record that none is wanted (Kubernetes ignores the instruction
and uses its own probes).

Opt-in. A "service" is a final stage that ` + "`EXPOSE`" + `s a port (itself or through the stages
it is built ` + "`FROM`" + `); tools and build images are left alone, unlike hadolint's DL3057,
which asks every stage for one. A ` + "`HEALTHCHECK`" + ` (or ` + "`HEALTHCHECK NONE`" + `) in the stage or
the stages it is built on counts; one in the base image cannot be seen offline.`,
	Bad:     "FROM nginx:1.27\nEXPOSE 80\n",
	Good:    "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n",
	Aliases: []string{"DL3057", "DS-0026", "CKV_DOCKER_2"},
	Check:   checkMissingHealthcheck,
})

func checkMissingHealthcheck(p *Pass) {
	final := p.File.FinalStage()
	if final == nil {
		return
	}
	exposes, health := false, false
	seen := map[*parser.Stage]bool{}
	for s := final; s != nil && !seen[s]; s = s.BaseStage {
		seen[s] = true
		for _, in := range s.Instructions {
			switch in.Name {
			case "expose":
				exposes = true
			case "healthcheck":
				health = true
			}
		}
	}
	if exposes && !health {
		p.ReportInstruction(final.From, "the final stage exposes a port but has no HEALTHCHECK: add one that probes the service (or HEALTHCHECK NONE)", nil)
	}
}

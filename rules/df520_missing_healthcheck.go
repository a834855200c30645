package rules

import "github.com/dflint/dflint/parser"

var _ = register(&Rule{
	ID:       "DF520",
	Name:     "missing-healthcheck",
	Severity: Info,
	OptIn:    true,
	Summary:  "The final stage of a service has no HEALTHCHECK",
	Aliases:  []string{"DL3057", "DS-0026", "CKV_DOCKER_2"},
	Check:    checkMissingHealthcheck,
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

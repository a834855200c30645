package rules

import "fmt"

var _ = register(&Rule{
	ID:       "DF514",
	Name:     "onbuild-misuse",
	Severity: Error,
	Summary:  "ONBUILD that cannot work: a FROM, MAINTAINER or ONBUILD trigger, or a trigger that never runs",
	Aliases:  []string{"DL3043"},
	Check:    checkOnbuildMisuse,
})

func checkOnbuildMisuse(p *Pass) {
	f := p.File
	for _, s := range f.Stages {
		if s.IsFinal {
			continue
		}
		used := false
		for _, later := range f.Stages[s.Index+1:] {
			if later.BaseStage == s {
				used = true
				break
			}
		}
		if used {
			continue
		}
		name := s.Name
		if name == "" {
			name = fmt.Sprint(s.Index)
		}
		for _, in := range s.Instructions {
			if in.Name == "onbuild" {
				p.ReportInstruction(in, fmt.Sprintf("this ONBUILD never runs: stage %s is not the final stage and no later stage builds FROM it", name), nil)
			}
		}
	}
}

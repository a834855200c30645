package rules

import "fmt"

var _ = register(&Rule{
	ID:       "DF514",
	Name:     "onbuild-misuse",
	Severity: Error,
	Summary:  "ONBUILD that cannot work: a FROM, MAINTAINER or ONBUILD trigger, or a trigger that never runs",
	Description: `` + "`ONBUILD`" + ` stores an instruction in the image, to run when another build starts
` + "`FROM`" + ` it. Two uses cannot work:

- ` + "`ONBUILD FROM`" + `, ` + "`ONBUILD MAINTAINER`" + ` and ` + "`ONBUILD ONBUILD`" + ` (hadolint
  DL3043). BuildKit's parser rejects them, so such a file does not parse: it is reported as
  DF001 parse-error with BuildKit's message, and no other rule runs on it.
- ` + "`ONBUILD`" + ` in an intermediate stage that no later stage of the file builds ` + "`FROM`" + `:
  that stage's image is never output and its triggers run nowhere (` + "`COPY --from`" + ` does not
  run them). Move the instruction into the stage that needs it, or into the final stage if the
  image is meant as a base for other builds.`,
	Bad:     "FROM node:20 AS deps\nONBUILD COPY package.json /app/\nFROM node:20-slim\nCOPY --from=deps /app /app\n",
	Good:    "FROM node:20 AS base\nONBUILD COPY package.json /app/\nFROM base\nRUN npm ci\n",
	Aliases: []string{"DL3043"},
	Check:   checkOnbuildMisuse,
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

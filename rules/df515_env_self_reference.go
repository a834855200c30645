package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF515",
	Name:     "env-self-reference",
	Severity: Error,
	Summary:  "ENV that uses a variable defined in the same instruction",
	Description: `All values of one ` + "`ENV`" + ` are expanded with the variables as they were
before the instruction: in ` + "`ENV DIR=/opt/app BIN=$DIR/bin`" + `, ` + "`BIN`" + ` is ` + "`/bin`" + `
(or uses an older ` + "`DIR`" + `), not ` + "`/opt/app/bin`" + `. Split it into two ` + "`ENV`" + `
instructions.

Reported, once per ` + "`ENV`" + `, when a value refers (` + "`$NAME`" + ` or ` + "`${NAME…}`" + `, outside single
quotes) to a key set by another pair of the same instruction, and that variable was not set
before by an ARG or ENV of the stage (or of the stages it is built on). hadolint's DL3044
forgives a variable set anywhere earlier in the file; a variable set in another, unrelated stage
does not exist in this one, so dflint reports it. A variable that only the base image sets
(` + "`GOPATH`" + ` in golang images) is reported too: the value then comes from the base image,
which is rarely what was meant.`,
	Bad:     "FROM alpine:3.20\nENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin\n",
	Good:    "FROM alpine:3.20\nENV APP_HOME=/opt/app\nENV APP_BIN=$APP_HOME/bin\n",
	Aliases: []string{"DL3044"},
	Check:   checkEnvSelfReference,
})

func checkEnvSelfReference(p *Pass) {
	for _, s := range p.File.Stages {
		defined := map[string]bool{}
		for b := s.BaseStage; b != nil && b != s; b = b.BaseStage {
			for _, in := range b.Instructions {
				addDefined(defined, in)
			}
			if b.BaseStage == s {
				break
			}
		}
		for _, in := range s.Instructions {
			x := in
			if in.Trigger != nil {
				x = in.Trigger
			}
			if c, ok := x.Command.(*instructions.EnvCommand); ok && len(c.Env) > 1 {
				var bad []string
				for i, kv := range c.Env {
					for _, ref := range varRefs(kv.Value) {
						if defined[ref] || ref == kv.Key || containsStr(bad, ref) {
							continue
						}
						for j, other := range c.Env {
							if j != i && other.Key == ref {
								bad = append(bad, ref)
								break
							}
						}
					}
				}
				if len(bad) > 0 {
					p.ReportInstruction(in, fmt.Sprintf("$%s is set in this same ENV, but its values are expanded before it runs: split the ENV", strings.Join(bad, ", $")), nil)
				}
			}
			if in.Trigger == nil {
				addDefined(defined, in)
			}
		}
	}
}

func addDefined(defined map[string]bool, in *parser.Instruction) {
	switch c := in.Command.(type) {
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			defined[kv.Key] = true
		}
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			defined[kv.Key] = true
		}
	}
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// varRefs lists the variable names a Dockerfile word refers to with $NAME
// or ${NAME…}, outside single quotes and not escaped.
func varRefs(s string) []string {
	var out []string
	inSingle := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && !inSingle:
			i++
		case c == '\'':
			inSingle = !inSingle
		case c == '$' && !inSingle && i+1 < len(s):
			j := i + 1
			if s[j] == '{' {
				j++
			}
			k := j
			for k < len(s) && isVarChar(s[k], k == j) {
				k++
			}
			if k > j {
				out = append(out, s[j:k])
			}
			i = k - 1
		}
	}
	return out
}

func isVarChar(c byte, first bool) bool {
	return c == '_' || isASCIILetter(c) || !first && c >= '0' && c <= '9'
}

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
	Aliases:  []string{"DL3044"},
	Check:    checkEnvSelfReference,
})

func checkEnvSelfReference(p *Pass) {
	for _, s := range p.File.Stages {
		// What the stage chain defines before an ENV is read only for an
		// ENV that refers to one of its own keys: a walk of the chain for
		// every stage is quadratic in a chain of stages.
		var defined map[string]bool
		definedBefore := func(pos int) {
			defined = map[string]bool{}
			for b := s.BaseStage; b != nil && b != s; b = b.BaseStage {
				for _, in := range b.Instructions {
					addDefined(defined, in)
				}
				if b.BaseStage == s {
					break
				}
			}
			for _, in := range s.Instructions[:pos] {
				if in.Trigger == nil {
					addDefined(defined, in)
				}
			}
		}
		for pos, in := range s.Instructions {
			x := in
			if in.Trigger != nil {
				x = in.Trigger
			}
			if c, ok := x.Command.(*instructions.EnvCommand); ok && len(c.Env) > 1 {
				var bad, extended []string
				for i, kv := range c.Env {
					for _, ref := range varRefs(kv.Value) {
						if containsStr(bad, ref) || containsStr(extended, ref) {
							continue
						}
						for j, other := range c.Env {
							if j == i || other.Key != ref {
								continue
							}
							if ref == kv.Key {
								// `PATH=/a:$PATH PATH=/b:$PATH`: the second
								// value sees PATH from before the ENV, so /a
								// is lost, whatever PATH was before.
								extended = append(extended, ref)
								break
							}
							if defined == nil {
								definedBefore(pos)
							}
							if !defined[ref] {
								bad = append(bad, ref)
							}
							break
						}
					}
				}
				var why []string
				if len(bad) > 0 {
					why = append(why, fmt.Sprintf("$%s is set in this same ENV, but its values are expanded before it runs", strings.Join(bad, ", $")))
				}
				if len(extended) > 0 {
					why = append(why, fmt.Sprintf("$%s is set twice in this ENV and each value sees the one from before it, so only the last one counts", strings.Join(extended, ", $")))
				}
				if len(why) > 0 {
					p.ReportInstruction(in, strings.Join(why, "; ")+": split the ENV", nil)
				}
			}
			if in.Trigger == nil && defined != nil {
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

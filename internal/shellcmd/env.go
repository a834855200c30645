package shellcmd

// The variables an instruction sees, as far as the Dockerfile itself tells,
// and words expanded with them.

import (
	"maps"
	"slices"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// StageEnv is what an instruction's variables expand to, as far as the
// Dockerfile itself tells: the global ARG defaults that the stage declares,
// the stage's ARG defaults and ENV values (and those of the stages it is
// built on). Variables set only by the base image or by --build-arg are
// unknown.
type StageEnv struct {
	Vals  map[string]string
	order []string
}

func (e *StageEnv) Get(k string) (string, bool) { v, ok := e.Vals[k]; return v, ok }
func (e *StageEnv) Keys() []string              { return e.order }

// Clone returns a copy that can be changed.
func (e *StageEnv) Clone() *StageEnv {
	return &StageEnv{Vals: maps.Clone(e.Vals), order: slices.Clone(e.order)}
}

func (e *StageEnv) Set(k, v string) {
	if _, ok := e.Vals[k]; !ok {
		e.order = append(e.order, k)
	}
	e.Vals[k] = v
}

func (e *StageEnv) unset(k string) {
	if _, ok := e.Vals[k]; ok {
		delete(e.Vals, k)
		for i, o := range e.order {
			if o == k {
				e.order = append(e.order[:i], e.order[i+1:]...)
				break
			}
		}
	}
}

var _ shell.EnvGetter = (*StageEnv)(nil)

// EnvBefore returns the variables known just before the instruction.
// Several rules ask it of the same instruction (ExpandWord), so it is
// computed once and shared: clone it to change it.
func EnvBefore(in *parser.Instruction) *StageEnv {
	return parser.Memo(in, envBeforeKey{}, readEnvBefore)
}

type envBeforeKey struct{}

func readEnvBefore(in *parser.Instruction) *StageEnv {
	f := in.File
	lex := shell.NewLex(f.Escape)
	global := &StageEnv{Vals: map[string]string{}}
	for _, g := range f.GlobalArgs {
		if c, ok := g.Command.(*instructions.ArgCommand); ok {
			for _, kv := range c.Args {
				if kv.Value == nil {
					continue
				}
				if v, _, err := lex.ProcessWord(*kv.Value, global); err == nil {
					global.Set(kv.Key, v)
				}
			}
		}
	}
	env := &StageEnv{Vals: map[string]string{}}
	var walk func(s *parser.Stage, stop *parser.Instruction, seen map[*parser.Stage]bool)
	walk = func(s *parser.Stage, stop *parser.Instruction, seen map[*parser.Stage]bool) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		walk(s.BaseStage, nil, seen)
		for _, x := range s.Instructions {
			if stop != nil && x.Index >= stop.Index {
				return
			}
			switch c := x.Command.(type) {
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					switch {
					case kv.Value != nil:
						if v, _, err := lex.ProcessWord(*kv.Value, env); err == nil {
							env.Set(kv.Key, v)
						} else {
							env.unset(kv.Key)
						}
					default:
						if v, ok := global.Get(kv.Key); ok {
							env.Set(kv.Key, v)
						} else if _, ok := env.Get(kv.Key); !ok {
							env.unset(kv.Key) // declared, value from --build-arg only
						}
					}
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					if v, _, err := lex.ProcessWord(kv.Value, env); err == nil {
						env.Set(kv.Key, v)
					} else {
						env.unset(kv.Key)
					}
				}
			}
		}
	}
	walk(in.Stage, in, map[*parser.Stage]bool{})
	return env
}

// EnvNonEmpty tells whether a variable has a non-empty value just before
// the instruction (ARG default or ENV).
func EnvNonEmpty(in *parser.Instruction, name string) bool {
	v, ok := EnvBefore(in).Get(name)
	return ok && v != ""
}

// ExpandWord expands a word with the variables known before the
// instruction. ok is false when a variable in it is unknown, so that rules
// judge only what they can see.
func ExpandWord(in *parser.Instruction, word string) (string, bool) {
	if !strings.ContainsRune(word, '$') {
		return word, true
	}
	res, err := shell.NewLex(in.File.Escape).ProcessWordWithMatches(word, EnvBefore(in))
	if err != nil || len(res.Unmatched) > 0 {
		return "", false
	}
	return res.Result, true
}

package rules

// Helpers shared by the DF5xx instruction rules: where an instruction runs
// (Windows or not), what its variables expand to, and how its argument words
// map back to the file.

import (
	"iter"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// stageEnv is what an instruction's variables expand to, as far as the
// Dockerfile itself tells: the global ARG defaults that the stage declares,
// the stage's ARG defaults and ENV values (and those of the stages it is
// built on). Variables set only by the base image or by --build-arg are
// unknown.
type stageEnv struct {
	vals  map[string]string
	order []string
}

func (e *stageEnv) Get(k string) (string, bool) { v, ok := e.vals[k]; return v, ok }
func (e *stageEnv) Keys() []string              { return e.order }

// clone returns a copy that can be changed.
func (e *stageEnv) clone() *stageEnv {
	return &stageEnv{vals: maps.Clone(e.vals), order: slices.Clone(e.order)}
}

func (e *stageEnv) set(k, v string) {
	if _, ok := e.vals[k]; !ok {
		e.order = append(e.order, k)
	}
	e.vals[k] = v
}

func (e *stageEnv) unset(k string) {
	if _, ok := e.vals[k]; ok {
		delete(e.vals, k)
		for i, o := range e.order {
			if o == k {
				e.order = append(e.order[:i], e.order[i+1:]...)
				break
			}
		}
	}
}

var _ shell.EnvGetter = (*stageEnv)(nil)

// envBefore returns the variables known just before the instruction.
// Several rules ask it of the same instruction (expandWord), so it is
// computed once and shared: clone it to change it.
func envBefore(in *parser.Instruction) *stageEnv {
	return parser.Memo(in, envBeforeKey{}, readEnvBefore)
}

type envBeforeKey struct{}

func readEnvBefore(in *parser.Instruction) *stageEnv {
	f := in.File
	lex := shell.NewLex(f.Escape)
	global := &stageEnv{vals: map[string]string{}}
	for _, g := range f.GlobalArgs {
		if c, ok := g.Command.(*instructions.ArgCommand); ok {
			for _, kv := range c.Args {
				if kv.Value == nil {
					continue
				}
				if v, _, err := lex.ProcessWord(*kv.Value, global); err == nil {
					global.set(kv.Key, v)
				}
			}
		}
	}
	env := &stageEnv{vals: map[string]string{}}
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
							env.set(kv.Key, v)
						} else {
							env.unset(kv.Key)
						}
					default:
						if v, ok := global.Get(kv.Key); ok {
							env.set(kv.Key, v)
						} else if _, ok := env.Get(kv.Key); !ok {
							env.unset(kv.Key) // declared, value from --build-arg only
						}
					}
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					if v, _, err := lex.ProcessWord(kv.Value, env); err == nil {
						env.set(kv.Key, v)
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

// envNonEmpty tells whether a variable has a non-empty value just before
// the instruction (ARG default or ENV).
func envNonEmpty(in *parser.Instruction, name string) bool {
	v, ok := envBefore(in).Get(name)
	return ok && v != ""
}

// expandWord expands a word with the variables known before the
// instruction. ok is false when a variable in it is unknown, so that rules
// judge only what they can see.
func expandWord(in *parser.Instruction, word string) (string, bool) {
	if !strings.ContainsRune(word, '$') {
		return word, true
	}
	res, err := shell.NewLex(in.File.Escape).ProcessWordWithMatches(word, envBefore(in))
	if err != nil || len(res.Unmatched) > 0 {
		return "", false
	}
	return res.Result, true
}

// argWord is one whitespace-separated word of an instruction's arguments,
// with its byte range in the file.
type argWord struct {
	Text       string // as written, quotes included
	Start, End int    // file offsets
	// startIdx/endIdx are the word's indexes in the logical line.
	startIdx, endIdx int
}

// argWords splits the logical line's arguments into words the way the
// simple (non-JSON) instruction forms do: white space separates, quotes
// group, the escape character escapes the next byte. The DF1xx rules all
// read FROM's words, so they are split once per instruction and shared:
// do not modify them.
func argWords(in *parser.Instruction) []argWord {
	return parser.Memo(in, argWordsKey{}, func(in *parser.Instruction) []argWord {
		out := splitArgWords(in)
		return out[:len(out):len(out)] // a caller's append copies
	})
}

type argWordsKey struct{}

func splitArgWords(in *parser.Instruction) []argWord {
	lg := in.Logical()
	text := lg.Text
	esc := byte(in.File.Escape)
	var out []argWord
	i := lg.ArgsStart
	for i < len(text) {
		for i < len(text) && unicode.IsSpace(rune(text[i])) {
			i++
		}
		if i >= len(text) {
			break
		}
		start := i
		var quote byte
		for i < len(text) {
			c := text[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				} else if c == esc && quote == '"' {
					i++
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if c == esc {
				i++
			} else if unicode.IsSpace(rune(c)) {
				break
			}
			i++
		}
		if i > len(text) {
			i = len(text)
		}
		out = append(out, argWord{
			Text:     text[start:i],
			Start:    lg.FileOffset(start),
			End:      lg.FileOffset(i-1) + 1,
			startIdx: start,
			endIdx:   i,
		})
	}
	return out
}

// unquote drops one pair of surrounding quotes.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// lineRangeWithTerminator is the byte range of whole lines first..last and
// the line terminator after them: what to delete to remove the lines.
func lineRangeWithTerminator(f *parser.File, first, last int) (start, end int) {
	start = f.LineStart(first)
	if first == 1 && f.HasBOM {
		start += 3
	}
	if last < f.LineCount() {
		return start, f.LineStart(last + 1)
	}
	return start, len(f.Source)
}

// instructionsWithTriggers yields the top-level instructions and, for each
// ONBUILD, its trigger, in file order. (Most rules walk these lists: an
// iterator builds none.)
func instructionsWithTriggers(f *parser.File) iter.Seq[*parser.Instruction] {
	return func(yield func(*parser.Instruction) bool) {
		for _, in := range f.Instructions {
			if !yield(in) || in.Trigger != nil && !yield(in.Trigger) {
				return
			}
		}
	}
}

package shellcmd

// The variables an instruction sees, as far as the Dockerfile itself tells,
// and words expanded with them.

import (
	"errors"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

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
// Several rules ask it of the same instruction, so it is computed once and
// shared: clone it to change it. It replays the values the file's ARG and
// ENV instructions set (computed once per file, see fileVars) without
// expanding anything again.
func EnvBefore(in *parser.Instruction) *StageEnv {
	return parser.Memo(in, envBeforeKey{}, readEnvBefore)
}

type envBeforeKey struct{}

func readEnvBefore(in *parser.Instruction) *StageEnv {
	env := &StageEnv{Vals: map[string]string{}}
	if in.Stage == nil {
		return env
	}
	vars := varsOf(in.File)
	var chain []*stageVars
	for sv := vars.stages[in.Stage]; sv != nil; sv = sv.base {
		chain = append(chain, sv)
	}
	slices.Reverse(chain)
	for i, sv := range chain {
		for _, st := range sv.log {
			if i == len(chain)-1 && st.index >= in.Index {
				break
			}
			if st.state == known {
				env.Set(st.key, st.value)
			} else {
				env.unset(st.key)
			}
		}
	}
	return env
}

// fileVars are the values that the ARG and ENV instructions of a file set,
// computed once, in one pass over the file and within one expansion budget
// (parser.Expander), so that the work is linear in the file and bounded
// whatever the values are.
type fileVars struct {
	stages map[*parser.Stage]*stageVars
	// pastLimit are the ARG and ENV values inside stages that went past the
	// expansion limit (the parser reports the global ones).
	pastLimit []parser.ExpansionPastLimit
	words     expandedWords
}

// expandedWords are the words rules expanded (ExpandWord), each once per
// instruction, all within one budget of the file: rules ask about the same
// words again and again (the WORKDIRs before every instruction), and a
// word may read values of up to 64 KiB.
type expandedWords struct {
	mu        sync.Mutex
	x         *parser.Expander
	memo      map[wordKey]expandedWord
	pastLimit []parser.ExpansionPastLimit
}

type wordKey struct {
	in   *parser.Instruction
	word string
}

type expandedWord struct {
	value string
	ok    bool
}

// stageVars are what one stage's ARG and ENV instructions set, on top of
// the stage it is built on.
type stageVars struct {
	base  *stageVars
	log   []setting        // in file order
	byKey map[string][]int // indexes into log, per variable
	// final is the last setting per variable, base included, filled as
	// rules ask (a chain of stages is followed once per variable).
	finalMu sync.Mutex
	final   map[string]setting
}

// setting is one variable set by one instruction.
type setting struct {
	index int // the instruction's index in the file
	key   string
	value string
	state varState
}

type varState uint8

const (
	known     varState = iota
	unset              // its value did not expand: unknown, and reads of it are unmatched
	pastLimit          // its value went past the expansion limit: words that read it are unknown too
)

type fileVarsKey struct{}

// varsOf returns the file's fileVars, kept with its first instruction.
func varsOf(f *parser.File) *fileVars {
	if len(f.Instructions) == 0 {
		return &fileVars{}
	}
	return parser.Memo(f.Instructions[0], fileVarsKey{}, func(*parser.Instruction) *fileVars { return readFileVars(f) })
}

func readFileVars(f *parser.File) *fileVars {
	x := parser.NewExpander(f.Escape)
	global := &StageEnv{Vals: map[string]string{}}
	// BuildKit defines the platform ARGs before the global ones: a stage's
	// `ARG TARGETARCH` takes the value of the platform built for.
	for _, kv := range f.Build.PlatformArgs() {
		global.Set(kv[0], kv[1])
	}
	unknownGlobal := map[string]bool{}
	for _, g := range f.GlobalArgs {
		if c, ok := g.Command.(*instructions.ArgCommand); ok {
			for _, kv := range c.Args {
				if v, ok := f.Build.Arg(kv.Key); ok {
					// A build argument replaces the default unexpanded
					// (dockerfile2llb.buildMetaArgs).
					global.Set(kv.Key, v)
					delete(unknownGlobal, kv.Key)
					continue
				}
				if kv.Value == nil {
					continue
				}
				res, err := x.Expand(*kv.Value, global, func(k string) bool { return unknownGlobal[k] })
				switch {
				case err == nil:
					global.Set(kv.Key, res.Result)
					delete(unknownGlobal, kv.Key)
				case errors.Is(err, parser.ErrExpansionLimit), errors.Is(err, parser.ErrUnknownValue):
					global.unset(kv.Key)
					unknownGlobal[kv.Key] = true
				}
			}
		}
	}
	vars := &fileVars{stages: map[*parser.Stage]*stageVars{}}
	vars.words.x = parser.NewExpander(f.Escape)
	vars.words.memo = map[wordKey]expandedWord{}
	for _, s := range f.Stages {
		sv := &stageVars{base: vars.stages[s.BaseStage], byKey: map[string][]int{}, final: map[string]setting{}}
		vars.stages[s] = sv
		env := stageView{sv}
		add := func(st setting) {
			sv.byKey[st.key] = append(sv.byKey[st.key], len(sv.log))
			sv.log = append(sv.log, st)
		}
		expand := func(in *parser.Instruction, key, word string) {
			res, err := x.Expand(word, env, env.unknown)
			st := setting{index: in.Index, key: key, value: res.Result}
			switch {
			case errors.Is(err, parser.ErrExpansionLimit):
				vars.pastLimit = append(vars.pastLimit, parser.ExpansionPastLimit{Instruction: in, Name: key})
				st.state = pastLimit
			case errors.Is(err, parser.ErrUnknownValue):
				st.state = pastLimit
			case err != nil:
				st.state = unset
			}
			add(st)
		}
		for _, in := range s.Instructions {
			switch c := in.Command.(type) {
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					buildArg, given := f.Build.Arg(kv.Key)
					switch {
					case given:
						// The build argument beats the default, as in
						// dockerfile2llb.dispatchArg.
						add(setting{index: in.Index, key: kv.Key, value: buildArg})
					case kv.Value != nil:
						expand(in, kv.Key, *kv.Value)
					case unknownGlobal[kv.Key]:
						add(setting{index: in.Index, key: kv.Key, state: pastLimit})
					default:
						// Without a global default the value comes from
						// --build-arg only: what was set before stays.
						if v, ok := global.Get(kv.Key); ok {
							add(setting{index: in.Index, key: kv.Key, value: v})
						}
					}
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					expand(in, kv.Key, kv.Value)
				}
			}
		}
	}
	return vars
}

// lookup returns the last setting of key made before the instruction with
// index before (-1: at the end of the stage), in the stage or the stages
// it is built on.
func (sv *stageVars) lookup(key string, before int) (setting, bool) {
	if before < 0 {
		sv.finalMu.Lock()
		st, ok := sv.final[key]
		sv.finalMu.Unlock()
		if ok {
			return st, st.key != ""
		}
	}
	idx := sv.byKey[key]
	n := len(idx)
	if before >= 0 {
		n = sort.Search(len(idx), func(i int) bool { return sv.log[idx[i]].index >= before })
	}
	var st setting
	found := false
	if n > 0 {
		st, found = sv.log[idx[n-1]], true
	} else if sv.base != nil {
		st, found = sv.base.lookup(key, -1)
	}
	if before < 0 {
		sv.finalMu.Lock()
		sv.final[key] = st // the zero setting records "not set"
		sv.finalMu.Unlock()
	}
	return st, found
}

// stageView is the environment while the stage's instructions are read in
// order: the last setting so far.
type stageView struct{ sv *stageVars }

func (v stageView) Get(k string) (string, bool) {
	st, ok := v.sv.lookup(k, math.MaxInt)
	return st.value, ok && st.state == known
}

func (v stageView) unknown(k string) bool {
	st, ok := v.sv.lookup(k, math.MaxInt)
	return ok && st.state == pastLimit
}

// instructionView is the environment just before an instruction, read
// without building the map EnvBefore returns.
type instructionView struct {
	sv     *stageVars
	before int
}

func (v instructionView) Get(k string) (string, bool) {
	if v.sv == nil {
		return "", false
	}
	st, ok := v.sv.lookup(k, v.before)
	return st.value, ok && st.state == known
}

func (v instructionView) unknown(k string) bool {
	if v.sv == nil {
		return false
	}
	st, ok := v.sv.lookup(k, v.before)
	return ok && st.state == pastLimit
}

func (v instructionView) Keys() []string { return nil }

func viewBefore(in *parser.Instruction) instructionView {
	if in.Stage == nil {
		return instructionView{}
	}
	return instructionView{sv: varsOf(in.File).stages[in.Stage], before: in.Index}
}

// ExpansionsPastLimit returns the ARG and ENV values inside the file's
// stages that go past the expansion limit (parser.Expander), in file
// order. The parser lists the global ARGs' (File.ExpansionPastLimit).
func ExpansionsPastLimit(f *parser.File) []parser.ExpansionPastLimit {
	return varsOf(f).pastLimit
}

func (v stageView) Keys() []string { return nil }

// EnvNonEmpty tells whether a variable has a non-empty value just before
// the instruction (ARG default or ENV).
func EnvNonEmpty(in *parser.Instruction, name string) bool {
	v, ok := viewBefore(in).Get(name)
	return ok && v != ""
}

// ExpandWord expands a word with the variables known before the
// instruction. ok is false when a variable in it is unknown, so that rules
// judge only what they can see. The words of a file are expanded within one
// budget (parser.Expander): past it, ok is false, and WordsPastLimit names
// the word that went past.
func ExpandWord(in *parser.Instruction, word string) (string, bool) {
	if !strings.ContainsRune(word, '$') {
		return word, true
	}
	w := &varsOf(in.File).words
	w.mu.Lock()
	defer w.mu.Unlock()
	key := wordKey{in, word}
	if e, ok := w.memo[key]; ok {
		return e.value, e.ok
	}
	env := viewBefore(in)
	res, err := w.x.Expand(word, env, env.unknown)
	if errors.Is(err, parser.ErrExpansionLimit) {
		at := in
		if at.Parent != nil {
			at = at.Parent // an ONBUILD trigger is reported at the ONBUILD
		}
		w.pastLimit = append(w.pastLimit, parser.ExpansionPastLimit{Instruction: at, Word: word})
	}
	e := expandedWord{res.Result, err == nil && len(res.Unmatched) == 0}
	if !e.ok {
		e.value = ""
	}
	w.memo[key] = e
	return e.value, e.ok
}

// WordsPastLimit returns the words that ExpandWord refused so far because
// they went past the expansion limit, in the order asked.
func WordsPastLimit(f *parser.File) []parser.ExpansionPastLimit {
	w := &varsOf(f).words
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.pastLimit)
}

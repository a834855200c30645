package parser

import (
	"errors"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Limits on expanding variables (`${A}`) in ARG and ENV values and the
// words rules read. BuildKit has none: shell/lex.go (v0.34.2) expands
// whatever it is given, so an 848-byte file whose ARGs each double the
// previous one asks it, and dflint, for a terabyte. The limits are modelled
// on what BuildKit does bound:
//
//   - MaxExpandedLen, 64 KiB: the longest line BuildKit's parser reads
//     (frontend/dockerfile/parser/parser.go: bufio.MaxScanTokenSize), so no
//     longer value could be written out in a Dockerfile.
//   - MaxExpansionWork, 1 MiB per file: a file may expand to no more text
//     than dflint reads from a file (the 1 MiB cap of internal/runner).
//     The corpus needs at most 13 KiB (moby/moby's Dockerfile).
//
// A value past a limit is unknown: rules that need it say nothing, and
// DF003 reports the ARG or ENV.
const (
	MaxExpandedLen   = 64 << 10
	MaxExpansionWork = 1 << 20
)

// ErrExpansionLimit is returned for a word whose expansion is past a limit.
var ErrExpansionLimit = errors.New("its expanded value would be past dflint's limit")

// ErrUnknownValue is returned for a word whose value is unknown without a
// limit of its own to report: it reads a variable whose value went past a
// limit, or the file's budget was spent by an earlier word (which got
// ErrExpansionLimit).
var ErrUnknownValue = errors.New("its value is unknown: it is past dflint's expansion limit")

// Expander expands words with BuildKit's shell.Lex within the limits. The
// work of every word it expands is drawn from one budget: use one Expander
// per file and purpose. It is not safe for concurrent use.
type Expander struct {
	lex    *shell.Lex
	budget *budget // shared by the expanders made WithLex
}

type budget struct {
	left  int
	spent bool // a word was refused for want of budget
}

// NewExpander returns an expander with a full budget for a file whose
// escape character is escape.
func NewExpander(escape rune) *Expander {
	return &Expander{lex: shell.NewLex(escape), budget: &budget{left: MaxExpansionWork}}
}

// WithLex returns an expander that expands with lex (a Lex with other
// settings) and draws from x's budget.
func (x *Expander) WithLex(lex *shell.Lex) *Expander {
	return &Expander{lex: lex, budget: x.budget}
}

// Expand expands word as shell.Lex.ProcessWordWithMatches does. unknown,
// if not nil, names variables whose value is not known (it went past a
// limit): a word that reads one is not known either. The error is
// ErrExpansionLimit when the word is past a limit, and ErrUnknownValue
// when it reads such a variable or comes after the word that spent the
// file's budget; the result is then empty. A word without `$` costs
// nothing from the budget.
//
// The expansion is bounded before it is done, not measured after: the
// guard counts the bytes of every variable value Lex reads and refuses to
// hand out more once the word could grow past the limit. A word without
// pattern operators grows to at most its length plus the values it reads;
// each `${A#p}`, `${A%p}` or `${A/p/r}` can multiply that (`${A//?/$A}` is
// quadratic, and matching a pattern costs its length times the value's), so
// the bound is raised to the power of one plus their number.
func (x *Expander) Expand(word string, env shell.EnvGetter, unknown func(string) bool) (shell.ProcessWordResult, error) {
	return x.expand(word, env, unknown, false)
}

// ExpandWords is Expand for a caller that reads the result's Words too
// (ProcessWords): Lex splits words by rules of its own, which only Lex
// knows, so no word skips it. Expand leaves Words empty for a literal word.
func (x *Expander) ExpandWords(word string, env shell.EnvGetter, unknown func(string) bool) (shell.ProcessWordResult, error) {
	return x.expand(word, env, unknown, true)
}

func (x *Expander) expand(word string, env shell.EnvGetter, unknown func(string) bool, words bool) (shell.ProcessWordResult, error) {
	if !strings.ContainsRune(word, '$') {
		if !words && isLiteral(word) {
			// Most values are plain text: nothing for Lex to do, and
			// its result would be the word itself.
			return shell.ProcessWordResult{Result: word}, nil
		}
		return x.lex.ProcessWordWithMatches(word, env)
	}
	b := x.budget
	g := &guardedEnv{
		env:     env,
		unknown: unknown,
		ops:     len(patternOp.FindAllStringIndex(word, -1)),
		read:    len(word) + 1,
		limit:   min(b.left, MaxExpandedLen),
	}
	if workBound(g.read, g.ops) > g.limit {
		g.over = true
	}
	res, err := x.lex.ProcessWordWithMatches(word, g)
	b.left -= min(workBound(g.read, g.ops), g.limit)
	switch {
	case g.readsUnknown:
		return shell.ProcessWordResult{}, ErrUnknownValue
	case g.over || len(res.Result) > MaxExpandedLen:
		if g.limit < MaxExpandedLen {
			// Refused for want of budget: report the first word only.
			if b.spent {
				return shell.ProcessWordResult{}, ErrUnknownValue
			}
			b.spent = true
		}
		return shell.ProcessWordResult{}, ErrExpansionLimit
	}
	return res, err
}

// isLiteral reports whether Lex would give a word without `$` back
// unchanged: it reads no variable, so only quotes and escape characters
// could change it. Both escape characters count, whatever the Lex's: an
// expander made WithLex may have another than the file's.
func isLiteral(word string) bool {
	return !strings.ContainsAny(word, "'\"\\`")
}

// patternOp finds the expansions that match a pattern or substitute: a
// name (or special parameter) after `${`, then `#`, `%` or `/`. `${#}` and
// the like are counted too; counting too many only makes the bound safer.
var patternOp = regexp.MustCompile(`\$\{(?:[\pL\pN_]*|[@*#?$!0-])[#%/]`)

// workBound is n to the power of ops+1, saturated at the largest int.
func workBound(n, ops int) int {
	const maxInt = int(^uint(0) >> 1)
	bound := n
	for range ops {
		if bound > maxInt/n {
			return maxInt
		}
		bound *= n
	}
	return bound
}

// guardedEnv hands Lex the values of env until the word's work bound
// reaches the limit, and empty values after that, so that a word past the
// limit costs no more than the limit.
type guardedEnv struct {
	env     shell.EnvGetter
	unknown func(string) bool
	ops     int
	read    int // bytes the word may produce: its length + 1 + values read
	limit   int
	over    bool
	// readsUnknown is set when the word reads a variable in unknown.
	readsUnknown bool
}

func (g *guardedEnv) Get(k string) (string, bool) {
	if g.unknown != nil && g.unknown(k) {
		g.over, g.readsUnknown = true, true
		return "", true
	}
	if g.over {
		return "", true
	}
	v, ok := g.env.Get(k)
	if !ok {
		return v, ok
	}
	if workBound(g.read+len(v), g.ops) > g.limit {
		g.over = true
		return "", true
	}
	g.read += len(v)
	return v, true
}

func (g *guardedEnv) Keys() []string { return g.env.Keys() }

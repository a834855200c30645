package buildkitcheck

import (
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// boundedLex has the methods of shell.Lex that the port calls, and expands
// within parser.Expander's limits: BuildKit has none, and a file whose
// ARGs double a value 40 times would exhaust the memory. A word past a
// limit is an error, which stops the checks as a conversion error stops
// BuildKit's (DF003 reports the ARG or ENV). One budget serves the file.
type boundedLex struct{ x *parser.Expander }

func (l *boundedLex) withLex(lex *shell.Lex) *boundedLex { return &boundedLex{l.x.WithLex(lex)} }

func (l *boundedLex) ProcessWordWithMatches(word string, env shell.EnvGetter) (shell.ProcessWordResult, error) {
	return l.x.Expand(word, env, nil)
}

func (l *boundedLex) ProcessWord(word string, env shell.EnvGetter) (string, map[string]struct{}, error) {
	res, err := l.x.Expand(word, env, nil)
	return res.Result, res.Unmatched, err
}

func (l *boundedLex) ProcessWords(word string, env shell.EnvGetter) ([]string, error) {
	res, err := l.x.ExpandWords(word, env, nil)
	return res.Words, err
}

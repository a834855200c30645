package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:         "DF507",
	Name:       "legacy-key-value",
	Severity:   Warning,
	Summary:    "ENV or LABEL in the legacy `key value` form",
	Aliases:    []string{"LegacyKeyValueFormat"},
	Fix:        Safe,
	FixSummary: "rewrite as `key=value`, quoting the value where needed",
	Check:      checkLegacyKeyValue,
})

func checkLegacyKeyValue(p *Pass) {
	for _, in := range p.File.Instructions {
		x := in
		if in.Trigger != nil {
			x = in.Trigger
		}
		legacy := false
		switch c := x.Command.(type) {
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				legacy = legacy || kv.NoDelim
			}
		case *instructions.LabelCommand:
			for _, kv := range c.Labels {
				legacy = legacy || kv.NoDelim
			}
		}
		if !legacy {
			continue
		}
		kw := strings.ToUpper(x.Name)
		p.ReportInstruction(in, `"`+kw+` key=value" should be used instead of legacy "`+kw+` key value" format`, keyValueFix(x))
	}
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }

// keyValueFix rewrites `KEY value` as `KEY=value` with the same value.
func keyValueFix(in *parser.Instruction) *Fix {
	lg := in.Logical()
	text := lg.Text
	f := in.File
	i := lg.ArgsStart
	for i < len(text) && isBlank(text[i]) {
		i++
	}
	keyEnd := i
	for keyEnd < len(text) && !isBlank(text[keyEnd]) {
		keyEnd++
	}
	valStart := keyEnd
	for valStart < len(text) && isBlank(text[valStart]) {
		valStart++
	}
	valEnd := len(text)
	for valEnd > valStart && isBlank(text[valEnd-1]) {
		valEnd--
	}
	if keyEnd == i || valStart >= valEnd {
		return nil
	}
	// A key with a quote, an `=` or the escape character reads otherwise
	// in the key=value form (`LABEL " 0 0` has the key `"`): no fix.
	if strings.ContainsAny(string(text[i:keyEnd]), `"'=`+string(rune(f.Escape))) {
		return nil
	}
	sepStart, sepEnd := lg.FileOffset(keyEnd), lg.FileOffset(valStart)
	if shellcmd.CommentInRange(f, sepStart, sepEnd) {
		return nil
	}
	value := text[valStart:valEnd]
	esc := byte(f.Escape)
	runs, ok := unquotedBlankRuns(value, esc)
	if !ok {
		return nil
	}
	edits := []Edit{{Start: sepStart, End: sepEnd, NewText: "="}}
	switch {
	case len(runs) == 0:
		// One word already.
	case !strings.ContainsAny(value, `"'`) && strings.IndexByte(value, esc) < 0:
		edits[0].NewText = `="`
		end := lg.FileOffset(valEnd-1) + 1
		edits = append(edits, Edit{Start: end, End: end, NewText: `"`})
	default:
		for _, r := range runs {
			start, end := lg.FileOffset(valStart+r[0]), lg.FileOffset(valStart+r[1]-1)+1
			if end-start != r[1]-r[0] {
				return nil // the run spans a line break
			}
			edits = append(edits, Edit{Start: start, End: end, NewText: `"` + value[r[0]:r[1]] + `"`})
		}
	}
	return &Fix{Title: "Use key=value", Applicability: Safe, Edits: edits}
}

// unquotedBlankRuns finds the runs of blanks outside quotes in a value, the
// way BuildKit's word lexer reads quotes and the escape character. ok is
// false when a quote is not closed.
func unquotedBlankRuns(s string, esc byte) (runs [][2]int, ok bool) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == esc:
			i++
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, false
			}
			i += j + 1
		case c == '"':
			j := i + 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == esc {
					j++
				}
			}
			if j >= len(s) {
				return nil, false
			}
			i = j
		case isBlank(c):
			j := i
			for j < len(s) && isBlank(s[j]) {
				j++
			}
			runs = append(runs, [2]int{i, j})
			i = j - 1
		}
	}
	return runs, true
}

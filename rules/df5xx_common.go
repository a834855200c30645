package rules

// Helpers shared by the DF5xx instruction rules: where an instruction runs
// (Windows or not), what its variables expand to, and how its argument words
// map back to the file.

import (
	"iter"
	"unicode"

	"github.com/dflint/dflint/parser"
)

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

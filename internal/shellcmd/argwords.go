package shellcmd

// The words of an instruction's arguments in the simple (non-JSON) forms,
// with their byte ranges in the file, and the image word of a FROM.

import (
	"strings"
	"unicode"

	"github.com/dflint/dflint/parser"
)

// ArgWord is one whitespace-separated word of an instruction's arguments,
// with its byte range in the file.
type ArgWord struct {
	Text       string // as written, quotes included
	Start, End int    // file offsets
	// StartIdx/EndIdx are the word's indexes in the logical line.
	StartIdx, EndIdx int
}

// ArgWords splits the logical line's arguments into words the way the
// simple (non-JSON) instruction forms do: white space separates, quotes
// group, the escape character escapes the next byte. The DF1xx rules all
// read FROM's words, so they are split once per instruction and shared:
// do not modify them.
func ArgWords(in *parser.Instruction) []ArgWord {
	return parser.Memo(in, argWordsKey{}, func(in *parser.Instruction) []ArgWord {
		out := splitArgWords(in)
		return out[:len(out):len(out)] // a caller's append copies
	})
}

type argWordsKey struct{}

func splitArgWords(in *parser.Instruction) []ArgWord {
	lg := in.Logical()
	text := lg.Text
	esc := byte(in.File.Escape)
	var out []ArgWord
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
		out = append(out, ArgWord{
			Text:     text[start:i],
			Start:    lg.FileOffset(start),
			End:      lg.FileOffset(i-1) + 1,
			StartIdx: start,
			EndIdx:   i,
		})
	}
	return out
}

// Unquote drops one pair of surrounding quotes.
func Unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// FromImageWord returns the image word of a FROM (its first argument after
// the flags) with its byte range in the file.
func FromImageWord(in *parser.Instruction) (ArgWord, bool) {
	ws := ArgWords(in)
	if len(ws) == 0 {
		return ArgWord{}, false
	}
	return ws[0], true
}

// FromTagRange locates the tag in a FROM's image word so that a fix can
// replace exactly its bytes. For a word without a tag it returns an empty
// range at the end of the name (where ":tag" is inserted) and hasTag false.
// ok is false when the word cannot be edited safely: it holds variables,
// quotes or a digest (a new tag would not match it), or it is split by a
// line continuation.
func FromTagRange(in *parser.Instruction) (start, end int, hasTag, ok bool) {
	w, found := FromImageWord(in)
	if !found || w.End-w.Start != len(w.Text) || strings.ContainsAny(w.Text, "$\"'@`\\") {
		return 0, 0, false, false
	}
	slash := strings.LastIndexByte(w.Text, '/')
	colon := strings.LastIndexByte(w.Text, ':')
	if colon <= slash {
		return w.End, w.End, false, true
	}
	return w.Start + colon + 1, w.End, true, true
}

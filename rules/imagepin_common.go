package rules

// Where a FROM's image reference is written, for the registry-backed fixes
// (DF101, DF102 and DF103) that edit it: the image word itself when it is
// literal, or the default of the global ARG it ends with when that default
// has no other use. Rewriting the ARG default keeps the tag and the digest
// together: `--build-arg PY=3.11` then replaces both, where a digest added
// to `FROM python:${PY}` would silently keep building the old image.

import (
	"regexp"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// refText is the editable text of a stage's image reference.
type refText struct {
	// Start and End are the file offsets of the editable text: the whole
	// literal image word, or the ARG default's value (inside its quotes).
	Start, End int
	// Text is those bytes; Prefix is what the FROM word holds before them
	// once expanded ("python:" for `python:${PY}`), "" for a literal word.
	Text, Prefix string
	// Arg is the ARG whose default holds Text; nil for a literal word.
	Arg *parser.Instruction
}

// full is the reference as the builder sees it.
func (t refText) full() string { return t.Prefix + t.Text }

// locateRef finds the text to edit for the stage's FROM. ok is false when
// there is none that can be edited safely (quotes, continuations inside
// the word, a variable with other uses, or a default that is itself built
// from variables).
func locateRef(f *parser.File, s *parser.Stage) (refText, bool) {
	w, ok := shellcmd.FromImageWord(s.From)
	if !ok || w.End-w.Start != len(w.Text) || strings.ContainsAny(w.Text, "\"'`\\") {
		return refText{}, false
	}
	if !strings.Contains(w.Text, "$") {
		return refText{Start: w.Start, End: w.End, Text: w.Text}, true
	}
	m := trailingVar().FindStringSubmatchIndex(w.Text)
	if m == nil {
		return refText{}, false
	}
	prefix := w.Text[:m[0]]
	var name string
	if m[2] >= 0 {
		name = w.Text[m[2]:m[3]]
	} else {
		name = w.Text[m[4]:m[5]]
	}
	if strings.Contains(prefix, "$") || varUses(f, name) != 1 {
		return refText{}, false
	}
	var decl *parser.Instruction
	var word shellcmd.ArgWord
	for _, in := range f.Instructions {
		if in.Name != "arg" {
			continue
		}
		for _, aw := range shellcmd.ArgWords(in) {
			key, _, _ := strings.Cut(aw.Text, "=")
			if key == name {
				if decl != nil {
					return refText{}, false // declared twice: another use
				}
				decl, word = in, aw
			}
		}
	}
	if decl == nil || !isGlobalArg(f, decl) || word.End-word.Start != len(word.Text) {
		return refText{}, false
	}
	eq := strings.IndexByte(word.Text, '=')
	if eq < 0 {
		return refText{}, false
	}
	start, end := word.Start+eq+1, word.End
	val := word.Text[eq+1:]
	if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
		start, end, val = start+1, end-1, val[1:len(val)-1]
	}
	if val == "" || strings.ContainsAny(val, "$\"'`\\ \t") {
		return refText{}, false
	}
	return refText{Start: start, End: end, Text: val, Prefix: prefix, Arg: decl}, true
}

// trailingVar matches a variable reference that ends an image word:
// $NAME or ${NAME} (no modifiers such as ${NAME:-x}).
var trailingVar = lazyRegexp(`\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$`)

// varUses counts the references to a variable in the whole file.
func varUses(f *parser.File, name string) int {
	re := regexp.MustCompile(`\$(?:` + regexp.QuoteMeta(name) + `\b|\{` + regexp.QuoteMeta(name) + `[}:#%/^,+?-])`)
	return len(re.FindAllIndex(f.Source, -1))
}

func isGlobalArg(f *parser.File, in *parser.Instruction) bool {
	for _, g := range f.GlobalArgs {
		if g == in {
			return true
		}
	}
	return false
}

// refParts splits a reference's text into name, tag and digest positions:
// the tag is text[tagStart:tagEnd] (empty with tagStart == tagEnd == end
// of the name when there is none), the digest starts at at ("@…"), or
// len(text) when there is none.
func refParts(text string) (tagStart, tagEnd, at int) {
	at = len(text)
	if i := strings.IndexByte(text, '@'); i >= 0 {
		at = i
	}
	name := text[:at]
	slash := strings.LastIndexByte(name, '/')
	colon := strings.LastIndexByte(name, ':')
	if colon <= slash {
		return at, at, at
	}
	return colon + 1, at, at
}

// digestEdit pins the reference to digest: appended after the tag, or in
// place of a digest already there.
func digestEdit(t refText, digest string) Edit {
	_, _, at := refParts(t.full())
	at -= len(t.Prefix)
	if at < 0 {
		at = 0
	}
	return Edit{Start: t.Start + at, End: t.End, NewText: "@" + digest}
}

// tagEdit replaces (or adds) the reference's tag. ok is false when the tag
// is not in the editable text (it comes before an ARG that ends the word).
func tagEdit(t refText, tag string) (Edit, bool) {
	full := t.full()
	ts, te, at := refParts(full)
	if ts < len(t.Prefix) || (ts == te && at < len(t.Prefix)) {
		return Edit{}, false
	}
	if ts == te {
		return Edit{Start: t.Start + ts - len(t.Prefix), End: t.Start + ts - len(t.Prefix), NewText: ":" + tag}, true
	}
	return Edit{Start: t.Start + ts - len(t.Prefix), End: t.Start + te - len(t.Prefix), NewText: tag}, true
}

package parser

import (
	"bytes"
	"strings"
	"sync"
	"unicode"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Instruction is one Dockerfile instruction with its exact place in the file.
type Instruction struct {
	File *File
	// Node is BuildKit's node for the instruction. Its text fields are
	// normalised by BuildKit: never compute offsets from them.
	Node *bkparser.Node
	// Command is BuildKit's typed instruction (*instructions.RunCommand,
	// *instructions.Stage for FROM, …), parsed from Node.
	Command any
	// Name is the lower-case instruction name: "run", "from", …
	Name string
	// Keyword is the instruction name as written ("RUN", "run", "Run"):
	// the file's bytes where the instruction starts. When a line
	// continuation splits the name ("FR\\" then "OM" on the next line) it is
	// the part before the escape character and not equal to Name, and an
	// edit of the keyword must not be offered (see KeywordWhole).
	Keyword string
	// Start and End are the byte range in File.Source: from the start of the
	// first line to the end of the last line (heredoc terminators included,
	// the final line terminator excluded). A BOM on line 1 is not included.
	Start, End int
	// StartLine and EndLine are 1-based and inclusive.
	StartLine, EndLine int
	// Index is the position among File.Instructions.
	Index int
	// Stage is the stage the instruction belongs to (the stage it opens, for
	// FROM); nil for ARGs before the first FROM.
	Stage *Stage
	// Trigger is the instruction inside an ONBUILD, nil otherwise. It shares
	// the byte range of the ONBUILD instruction.
	Trigger *Instruction
	// Parent is the ONBUILD instruction that holds this trigger, if any.
	Parent *Instruction
	// Shell is the SHELL in effect for this instruction (["/bin/sh", "-c"]
	// unless a SHELL instruction in the stage changed it).
	Shell []string

	logicalOnce sync.Once
	logical     *Logical

	scriptsOnce sync.Once
	scripts     []*Script

	callsOnce sync.Once
	calls     []*Call

	memoMu sync.Mutex
	memo   map[any]any
}

// Memo returns what compute gives for the instruction, computed once per
// instruction and key: packages downstream keep facts of their own here
// that several of their parts read (the rules' view of a RUN's commands
// through their wrappers), as the parser keeps Logical and Calls. A fact
// must depend on the file alone. key is compared with ==; use a value of an
// unexported type of the calling package so that packages cannot collide.
// The value is shared by every caller: do not modify it.
func Memo[T any](in *Instruction, key any, compute func(*Instruction) T) T {
	if in.File != nil {
		in.File.CountWork(1)
	}
	in.memoMu.Lock()
	v, ok := in.memo[key]
	in.memoMu.Unlock()
	if ok {
		return v.(T)
	}
	// compute runs unlocked: it may read other facts of the instruction.
	// Two goroutines may both compute; the first value stored wins.
	t := compute(in)
	in.memoMu.Lock()
	defer in.memoMu.Unlock()
	if v, ok := in.memo[key]; ok {
		return v.(T)
	}
	if in.memo == nil {
		in.memo = map[any]any{}
	}
	in.memo[key] = t
	return t
}

// Text returns the instruction's source bytes.
func (in *Instruction) Text() []byte { return in.File.Source[in.Start:in.End] }

// IsJSONForm tells whether a CMD, ENTRYPOINT, RUN or SHELL argument is in
// exec (JSON array) form.
func (in *Instruction) IsJSONForm() bool {
	return in.Node != nil && in.Node.Attributes["json"]
}

// Flags are the instruction flags as BuildKit parsed them ("--from=build").
func (in *Instruction) Flags() []string {
	if in.Node == nil {
		return nil
	}
	return in.Node.Flags
}

// Flag returns the value of --name=value (or "" and true for a bare --name).
func (in *Instruction) Flag(name string) (string, bool) {
	for _, fl := range in.Flags() {
		k, v, _ := strings.Cut(strings.TrimPrefix(fl, "--"), "=")
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// ContextSources are the sources a COPY or ADD takes from the build
// context, as written; nil for a COPY --from (it copies from a stage or an
// image) and for every other instruction.
func (in *Instruction) ContextSources() []string {
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return nil
		}
		return c.SourcePaths
	case *instructions.AddCommand:
		return c.SourcePaths
	}
	return nil
}

// Args are BuildKit's normalised argument words (Node.Next chain).
func (in *Instruction) Args() []string {
	if in.Node == nil {
		return nil
	}
	var out []string
	for n := in.Node.Next; n != nil; n = n.Next {
		out = append(out, n.Value)
	}
	return out
}

// Logical is an instruction's logical line as BuildKit sees it (continuation
// characters, comment lines and empty continuation lines removed), with the
// file offset of every byte, so that a position found in the text can be
// edited in the file.
type Logical struct {
	Text string
	// Offsets[i] is the file offset of Text[i]; Offsets[len(Text)] is the
	// offset just past the logical line's last byte.
	Offsets []int
	// ArgsStart is the index in Text where the arguments start, after the
	// keyword and the --flags (after the trigger keyword for ONBUILD).
	ArgsStart int
	// KeywordStart is the index in Text of the (trigger) keyword.
	KeywordStart int
	// EndLine is the line holding the logical line's last byte; heredoc bodies
	// start on the line after it.
	EndLine int
}

// FileOffset maps an index of Text (0..len(Text)) to a file offset.
func (l *Logical) FileOffset(i int) int {
	if i < 0 {
		i = 0
	}
	if i >= len(l.Offsets) {
		i = len(l.Offsets) - 1
	}
	return l.Offsets[i]
}

// Args returns the argument text (after the keyword and flags).
func (l *Logical) Args() string { return l.Text[l.ArgsStart:] }

// Logical returns the instruction's logical line. It is computed once.
func (in *Instruction) Logical() *Logical {
	in.logicalOnce.Do(func() { in.logical = in.buildLogical() })
	return in.logical
}

func (in *Instruction) buildLogical() *Logical {
	f := in.File
	var text strings.Builder
	var offs []int
	if in.Node == nil || len(in.Node.Heredocs) == 0 {
		// The logical line is at most the instruction's bytes (and an
		// end): one allocation instead of a doubling per append. Not with
		// heredocs, whose bodies (any size) are not part of it.
		text.Grow(in.End - in.Start)
		offs = make([]int, 0, in.End-in.Start+1)
	}
	cont := continuationMatcher(f.Escape)
	line := in.StartLine
	endLine := in.StartLine
	for ; line <= in.EndLine; line++ {
		start, end := f.LineStart(line), f.LineEnd(line)
		if line == 1 && f.HasBOM {
			start += len(utf8BOM)
		}
		raw := f.Source[start:end]
		if line == in.StartLine {
			// BuildKit trims leading white space of the first line only.
			trimmed := trimLeftSpace(raw)
			start += len(raw) - len(trimmed)
			raw = trimmed
		} else {
			if isCommentLine(raw) {
				continue
			}
			if len(trimLeftSpace(raw)) == 0 {
				continue // empty continuation line
			}
		}
		keep, more := cont(raw)
		for i := 0; i < keep; i++ {
			text.WriteByte(raw[i])
			offs = append(offs, start+i)
		}
		endLine = line
		if !more {
			break
		}
	}
	if len(offs) == 0 {
		offs = append(offs, in.Start)
	} else {
		offs = append(offs, offs[len(offs)-1]+1)
	}
	l := &Logical{Text: text.String(), Offsets: offs, EndLine: endLine}
	l.KeywordStart, l.ArgsStart = argsStart(l.Text, f.Escape, in.Parent != nil)
	return l
}

// LineContinues tells whether a line's content (its LF excluded) ends in a
// line continuation as BuildKit reads it: carriage returns trimmed first,
// then its continuation pattern (continuationMatcher).
func LineContinues(line []byte, escape rune) bool {
	_, more := continuationMatcher(escape)(bytes.TrimRight(line, "\r"))
	return more
}

// continuationMatcher returns a function that tells how many bytes of a line
// to keep and whether the line continues, exactly as BuildKit's
// lineContinuationRegex does: an escape character at the end of the line
// (trailing blanks allowed), unless it is itself escaped.
func continuationMatcher(escape rune) func(line []byte) (keep int, more bool) {
	esc := byte(escape)
	return func(line []byte) (int, bool) {
		end := len(line)
		for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t') {
			end--
		}
		if end == 0 || line[end-1] != esc {
			return len(line), false
		}
		// "([^\\])\\[ \t]*$|^\\[ \t]*$": the escape char must be alone or
		// preceded by a character that is not the escape char.
		if end >= 2 && line[end-2] == esc {
			return len(line), false
		}
		return end - 1, true
	}
}

func isCommentLine(line []byte) bool {
	t := trimLeftSpace(line)
	return len(t) > 0 && t[0] == '#'
}

// trimLeftSpace drops leading white space as BuildKit does (its
// trimLeadingWhitespace): Unicode white space in UTF-8, so that a line
// indented with a no-break space (U+00A0) is a comment line to both, and a
// lone byte 0xA0 is white space to neither.
func trimLeftSpace(b []byte) []byte {
	return bytes.TrimLeftFunc(b, unicode.IsSpace)
}

// argsStart finds, in a logical line, where the keyword starts and where the
// arguments start after the keyword and BuildKit's --flags. For an ONBUILD
// trigger, the ONBUILD keyword is skipped first.
func argsStart(text string, escape rune, trigger bool) (keywordStart, args int) {
	i := skipSpace(text, 0)
	if trigger {
		i = skipSpace(text, skipWord(text, i))
		// ONBUILD's own flags are not allowed; the trigger keyword follows.
	}
	keywordStart = i
	i = skipSpace(text, skipWord(text, i))
	for strings.HasPrefix(text[i:], "--") {
		j := skipFlag(text, i, byte(escape))
		if j-i == 2 { // a lone "--" ends the flags and is dropped
			return keywordStart, skipSpace(text, j)
		}
		i = skipSpace(text, j)
	}
	return keywordStart, i
}

func skipSpace(s string, i int) int {
	for i < len(s) && unicode.IsSpace(rune(s[i])) {
		i++
	}
	return i
}

func skipWord(s string, i int) int {
	for i < len(s) && !unicode.IsSpace(rune(s[i])) {
		i++
	}
	return i
}

// skipFlag skips one --flag word the way BuildKit's extractBuilderFlags reads
// it: quotes group, the escape character escapes the next byte.
func skipFlag(s string, i int, esc byte) int {
	var quote byte
	for i < len(s) {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == esc {
				i++
			}
		case c == '\'' || c == '"':
			quote = c
		case c == esc:
			i++
		case unicode.IsSpace(rune(c)):
			return i
		}
		i++
	}
	if i > len(s) {
		i = len(s)
	}
	return i
}

// HeredocBody is the raw body of one heredoc of an instruction.
type HeredocBody struct {
	Heredoc bkparser.Heredoc
	// Start and End are the body's byte range (from the first body line to
	// the start of the terminator line).
	Start, End int
	// TerminatorLine is the 1-based line of the terminator.
	TerminatorLine int
}

// Heredocs locates the bodies of the instruction's heredocs in the file.
func (in *Instruction) Heredocs() []HeredocBody {
	if in.Node == nil || len(in.Node.Heredocs) == 0 {
		return nil
	}
	f := in.File
	line := in.Logical().EndLine + 1
	var out []HeredocBody
	for _, h := range in.Node.Heredocs {
		body := HeredocBody{Heredoc: h, Start: f.LineStart(line)}
		for ; line <= in.EndLine; line++ {
			l := f.Line(line)
			if h.Chomp {
				l = []byte(strings.TrimLeft(string(l), "\t"))
			}
			if string(l) == h.Name {
				break
			}
		}
		body.End = f.LineStart(line)
		body.TerminatorLine = line
		out = append(out, body)
		line++
	}
	return out
}

// KeywordWhole tells whether Keyword is the whole instruction name, so
// that the bytes [start, start+len(Keyword)) can be rewritten as the name.
func (in *Instruction) KeywordWhole() bool { return strings.EqualFold(in.Keyword, in.Name) }

// Package parser turns the bytes of a Dockerfile into a File: BuildKit's own
// syntax tree plus what BuildKit does not keep and dflint needs, namely the
// byte range of every instruction, the directives with their lines, the
// stages with their resolved base images, and the shell syntax tree of every
// RUN with a map from shell positions back to file offsets.
//
// Nothing downstream of this package re-parses Dockerfile text by itself.
package parser

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dflint/dflint/internal/bkparse"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// File is a parsed Dockerfile. A File whose Err is set did not parse: only
// Path, Source and Err are meaningful then.
type File struct {
	// Path is the name the file is reported under (as given by the user).
	Path string
	// Source holds the bytes exactly as read, BOM and CRLF included.
	Source []byte
	// Err is the parse error, nil when the file parsed.
	Err *ParseError
	// Build is the build the stages are resolved for (ParseFor).
	Build Build

	// HasBOM tells whether Source starts with a UTF-8 byte order mark.
	HasBOM bool
	// Escape is the escape (and line continuation) character: '\\' or '`'.
	Escape rune
	// Directives are the parser directives of the leading comment block
	// (# syntax, # escape, # check), in file order.
	Directives []Directive
	// AST is BuildKit's syntax tree.
	AST *bkparser.Node
	// Warnings are the parser's warnings (empty continuation lines).
	Warnings []bkparser.Warning

	// Instructions are all top-level instructions in file order.
	Instructions []*Instruction
	// GlobalArgs are the ARG instructions before the first FROM.
	GlobalArgs []*Instruction
	// Stages are the build stages in file order.
	Stages []*Stage
	// Comments are the comment lines outside heredoc bodies, in file order.
	Comments []Comment
	// ExpansionPastLimit are the global ARGs whose value is past the
	// expansion limit (see Expander), in file order.
	ExpansionPastLimit []ExpansionPastLimit

	lineStarts []int  // byte offset where each line starts; lineStarts[0] is line 1
	spans      []span // the instructions' ranges, kept by an Outline in place of Instructions

	stageIndexOnce sync.Once
	stageIndex     map[string]*Stage   // see stagesByName
	builtOn        map[*Stage][]*Stage // see BuiltOn

	work atomic.Int64 // see CountWork

	memoMu sync.Mutex
	memo   map[any]any // see FileMemo
}

// ParseError is a Dockerfile that BuildKit refuses to parse.
type ParseError struct {
	Line    int // 1-based; 0 when unknown
	Message string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// Directive is a parser directive of the leading comment block.
type Directive struct {
	Name  string // lower-case: syntax, escape, check
	Value string
	Line  int
	Start int // byte offset of the line start
	End   int // byte offset of the line end (before the line terminator)
}

// ExpansionPastLimit is a variable (or a word of an instruction) whose
// value is not known because expanding it goes past a limit of Expander.
type ExpansionPastLimit struct {
	Instruction *Instruction // the ARG or ENV that sets it, or the instruction of Word
	Name        string       // the variable; "" for a word of another instruction
	Word        string       // the word a rule asked to expand, when Name is ""
}

// Comment is a comment line (the first non-blank character is '#').
type Comment struct {
	Line  int
	Start int    // byte offset of '#'
	End   int    // byte offset of the end of the line, before the terminator
	Text  string // the text after '#', trimmed
}

// Parse parses src as a Dockerfile reported under path, for the default
// build (DefaultTargetPlatform, no build arguments; see ParseFor). It
// never returns a nil File: a file that does not parse has Err set.
func Parse(path string, src []byte) *File { return parse(path, src, Build{}) }

func parse(path string, src []byte, b Build) *File {
	f := &File{Path: path, Source: src, Escape: '\\', Build: b}
	f.lineStarts = lineStarts(src)
	f.HasBOM = bytes.HasPrefix(src, utf8BOM)

	res, err := bkparse.Parse(bytes.NewReader(src))
	if err != nil {
		f.Err = toParseError(err)
		if errors.Is(err, bufio.ErrTooLong) || strings.Contains(err.Error(), "line greater than max allowed size") {
			f.Err = f.longLineError(f.Err)
		}
		return f
	}
	f.AST = res.AST
	f.Escape = res.EscapeToken
	f.Warnings = res.Warnings
	f.Directives = f.parseDirectives()
	if err := f.build(); err != nil {
		f.Err = toParseError(err)
	}
	return f
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func toParseError(err error) *ParseError {
	pe := &ParseError{Message: err.Error()}
	var loc *bkparser.LocationError
	if errors.As(err, &loc) && len(loc.Locations) > 0 && len(loc.Locations[0]) > 0 {
		pe.Line = loc.Locations[0][0].Start.Line
		pe.Message = errors.Unwrap(loc).Error()
	}
	if pe.Line == 0 {
		pe.Line = 1
	}
	// BuildKit prefixes some messages with the line again; keep the text only.
	pe.Message = strings.TrimSpace(pe.Message)
	return pe
}

// maxLine is the longest line BuildKit reads: its bufio.Scanner holds
// 64 KiB, the line terminator's '\n' included.
const maxLine = bufio.MaxScanTokenSize - 1

// longLineError points BuildKit's "line greater than max allowed size"
// error, which names no line, at the first line that is too long.
func (f *File) longLineError(pe *ParseError) *ParseError {
	for n := 1; n <= f.LineCount(); n++ {
		start, end := f.LineStart(n), f.LineStart(n+1)
		if end > start && f.Source[end-1] == '\n' {
			end--
		}
		if end-start > maxLine {
			return &ParseError{Line: n, Message: fmt.Sprintf("line %d is %d bytes long; BuildKit (docker build) reads lines of at most %d bytes", n, end-start, maxLine)}
		}
	}
	return pe
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' && i+1 <= len(src) {
			starts = append(starts, i+1)
		}
	}
	// A final newline does not start another line.
	if len(src) > 0 && src[len(src)-1] == '\n' {
		starts = starts[:len(starts)-1]
	}
	return starts
}

// LineCount is the number of lines in the file.
func (f *File) LineCount() int { return len(f.lineStarts) }

// LineStart is the byte offset of the first byte of 1-based line n.
func (f *File) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(f.lineStarts) {
		return len(f.Source)
	}
	return f.lineStarts[n-1]
}

// LineEnd is the byte offset just past the content of 1-based line n, before
// its "\n" and the carriage returns before it (see trimEOL).
func (f *File) LineEnd(n int) int {
	if n < 1 {
		return 0
	}
	if n >= len(f.lineStarts) {
		end := len(f.Source)
		if n > len(f.lineStarts) {
			return end
		}
		return trimEOL(f.Source, f.lineStarts[n-1], end)
	}
	return trimEOL(f.Source, f.lineStarts[n-1], f.lineStarts[n])
}

// trimEOL drops a line's "\n" and every '\r' before it, as BuildKit's
// trimNewline does: "RUN a\r\r\n" ends after the "a" for both.
func trimEOL(src []byte, start, end int) int {
	if end > start && src[end-1] == '\n' {
		end--
	}
	for end > start && src[end-1] == '\r' {
		end--
	}
	return end
}

// LinesRange is the byte range of whole lines first..last (1-based) and
// the line terminator after them: what to delete to remove the lines. A
// byte order mark before line 1 stays out of it.
func (f *File) LinesRange(first, last int) (start, end int) {
	start = f.LineStart(first)
	if first == 1 && f.HasBOM {
		start += 3
	}
	if last < f.LineCount() {
		return start, f.LineStart(last + 1)
	}
	return start, len(f.Source)
}

// Line returns the text of 1-based line n without its terminator.
func (f *File) Line(n int) []byte {
	return f.Source[f.LineStart(n):f.LineEnd(n)]
}

// Position converts a byte offset to a 1-based line and a 1-based column
// counted in bytes.
func (f *File) Position(offset int) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Source) {
		offset = len(f.Source)
	}
	lo, hi := 0, len(f.lineStarts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.lineStarts[mid] <= offset {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, offset - f.lineStarts[lo] + 1
}

// NewlineStyle is the line terminator the file uses: "\r\n" when its first
// line ends with one, else "\n".
func (f *File) NewlineStyle() string {
	if i := bytes.IndexByte(f.Source, '\n'); i > 0 && f.Source[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// Directive returns the directive with the given lower-case name, or nil.
func (f *File) Directive(name string) *Directive {
	for i := range f.Directives {
		if f.Directives[i].Name == name {
			return &f.Directives[i]
		}
	}
	return nil
}

// parseDirectives reads the leading block of directives with BuildKit's own
// directive parser, so that what counts as a directive is exactly what
// BuildKit accepts.
func (f *File) parseDirectives() []Directive {
	var dp bkparser.DirectiveParser
	var out []Directive
	for n := 1; n <= f.LineCount(); n++ {
		line := f.Line(n)
		if n == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		d, err := dp.ParseLine(line)
		if err != nil {
			continue // a repeated directive: BuildKit reports it when building
		}
		if d == nil {
			break
		}
		start := f.LineStart(n)
		if n == 1 && f.HasBOM {
			start += len(utf8BOM)
		}
		out = append(out, Directive{Name: d.Name, Value: d.Value, Line: n, Start: start, End: f.LineEnd(n)})
	}
	return out
}

// Outline returns a copy of the file with what a report reads and nothing
// more: Path, Source, Err, HasBOM, Escape, the line table and the byte range
// of every top-level instruction (InstructionAround). BuildKit's syntax
// tree, the instructions themselves, stages, comments, directives, logical
// lines and shell scripts (offset tables of eight bytes per source byte
// among them) are left out.
//
// A run over many files reports only after all are linted; keeping each
// file's Outline rather than the File holds little more than the sources in
// memory (the corpus run: about 25 MB live at the end instead of 230 MB).
func (f *File) Outline() *File {
	spans := f.spans
	if spans == nil && len(f.Instructions) > 0 {
		spans = make([]span, len(f.Instructions))
		for i, in := range f.Instructions {
			spans[i] = span{in.Start, in.End}
		}
	}
	return &File{
		Path: f.Path, Source: f.Source, Err: f.Err, HasBOM: f.HasBOM, Escape: f.Escape,
		lineStarts: f.lineStarts, spans: spans,
	}
}

// span is a byte range [start, end) of the source.
type span struct{ start, end int }

// InstructionAround returns the byte range of the top-level instruction
// that contains offset off (its end included), on a File and on its
// Outline alike; ok is false between instructions.
func (f *File) InstructionAround(off int) (start, end int, ok bool) {
	if f.spans != nil {
		for _, s := range f.spans {
			if s.start <= off && off <= s.end {
				return s.start, s.end, true
			}
		}
		return 0, 0, false
	}
	for _, in := range f.Instructions {
		if in.Start <= off && off <= in.End {
			return in.Start, in.End, true
		}
	}
	return 0, 0, false
}

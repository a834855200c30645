package report

import (
	"bufio"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/dflint/dflint/internal/visible"
	"github.com/dflint/dflint/parser"
)

func init() { register("gnu", func(Options) Reporter { return gnuReporter{} }) }

// gnuReporter writes one line per finding in the GNU error format
// (https://www.gnu.org/prep/standards/html_node/Errors.html, read
// 2026-12-07), which Emacs's compilation mode, Vim's default errorformat
// and most editors' problem matchers jump to:
//
//	PATH:LINE:COLUMN: SEVERITY: MESSAGE [ID NAME]
//
// SEVERITY is error, warning, info or note (style), the words those tools
// tell apart. COLUMN is a screen column, as the standard asks: tab stops
// every 8 columns, East Asian wide characters two columns, others one.
// hadolint's gnu format starts each line with "hadolint:" and has no column
// (src/Hadolint/Formatter/Gnu.hs at 8f936c5); dflint writes the form the
// standard gives for a source file, so that the path is what the tools
// open. Paths and messages are untrusted: control characters are visible
// escapes, as in the text format, so that a file name cannot end a line or
// start another. A path that could not be linted is `PATH: error: MESSAGE`.
type gnuReporter struct{}

func (gnuReporter) Report(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	for i := range run.Results {
		r := &run.Results[i]
		path := printedPath(r.Path)
		for j := range r.Findings {
			f := &r.Findings[j]
			col := f.Column
			if r.File != nil {
				col = screenColumn(r.File, f.Start)
			}
			fmt.Fprintf(bw, "%s:%d:%d: %s: %s [%s]\n", path, f.Line, col,
				level(gnuSeverity, f.Severity), visible.String(singleLine(f.Message)), visible.String(ruleTitle(f.RuleID, f.Name)))
		}
		for _, err := range r.Errors {
			fmt.Fprintf(bw, "%s: error: %s\n", path, visible.String(singleLine(err.Error())))
		}
	}
	return bw.Flush()
}

// gnuTabStop is the GNU standard's tab width for column numbers.
const gnuTabStop = 8

// screenColumn is the 1-based screen column of a byte offset: tabs advance
// to the next stop of 8, wide and fullwidth characters count two, bytes that
// are not UTF-8 one each; a byte order mark is not on screen.
func screenColumn(f *parser.File, offset int) int {
	line, _ := f.Position(offset)
	start := f.LineStart(line)
	if line == 1 && f.HasBOM {
		start = min(3, len(f.Source))
	}
	b := f.Source[start:min(max(offset, start), len(f.Source))]
	col := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		// A byte that is not UTF-8 decodes as U+FFFD, which is narrow.
		switch k := width.LookupRune(r).Kind(); {
		case r == '\t':
			col = (col/gnuTabStop + 1) * gnuTabStop
		case k == width.EastAsianWide || k == width.EastAsianFullwidth:
			col += 2
		default:
			col++
		}
	}
	return col + 1
}

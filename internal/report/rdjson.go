package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

func init() {
	register("rdjson", func(Options) Reporter { return rdjsonReporter{lines: false} })
	register("rdjsonl", func(Options) Reporter { return rdjsonReporter{lines: true} })
}

// rdjsonReporter writes reviewdog's Diagnostic Format: rdjson, one
// DiagnosticResult object, or rdjsonl, one Diagnostic per line. Positions
// are 1-based with columns in bytes (UTF-8), as the format defines.
//
// Each fix becomes one suggestion that replaces whole lines: reviewdog's
// github-pr-review reporter posts a suggestion only when its line range is
// the range of the review comment, which is the diagnostic's lines (or the
// suggestion's, when they are in the diff), and GitHub's suggested changes
// replace whole lines. So the suggestion covers the lines of the finding
// and of every edit of its fix, and carries their text as it is after the
// fix, without the last line break. Unsafe and display-only fixes are
// suggested too (a reviewer applies a suggestion by hand), and the message
// says that they can change the image.
//
// A path that could not be linted becomes an ERROR diagnostic on the file
// without a range, so that it is not lost.
type rdjsonReporter struct{ lines bool }

type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      *rdSource      `json:"source,omitempty"`
	Code        *rdCode        `json:"code,omitempty"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string   `json:"path"`
	Range *rdRange `json:"range,omitempty"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

var dflintSource = rdSource{Name: "dflint", URL: rules.RepositoryURL}

func (rd rdjsonReporter) Report(w io.Writer, run *Run) error {
	diags := []rdDiagnostic{}
	for i := range run.Results {
		r := &run.Results[i]
		for j := range r.Findings {
			diags = append(diags, rdDiagnosticOf(r, &r.Findings[j]))
		}
		for _, err := range r.Errors {
			diags = append(diags, rdDiagnostic{
				Message:  "dflint could not lint this file: " + err.Error(),
				Location: rdLocation{Path: r.Path},
				Severity: "ERROR",
			})
		}
	}
	if rd.lines {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for i := range diags {
			src := dflintSource
			diags[i].Source = &src
			if err := enc.Encode(diags[i]); err != nil {
				return err
			}
		}
		_, err := w.Write(buf.Bytes())
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rdResult{Source: dflintSource, Diagnostics: diags})
}

func rdDiagnosticOf(r *Result, f *rules.Finding) rdDiagnostic {
	d := rdDiagnostic{
		Message:  f.Message,
		Location: rdLocation{Path: f.File, Range: &rdRange{Start: rdPosition{f.Line, f.Column}, End: rdPosition{f.EndLine, f.EndColumn}}},
		Severity: level(rdjsonSeverity, f.Severity),
		Code:     &rdCode{Value: f.RuleID, URL: rules.DocURL(ruleOf(f))},
	}
	if d.Location.Path == "" {
		d.Location.Path = r.Path
	}
	if f.Fix == nil || r.File == nil {
		return d
	}
	if s, ok := lineSuggestion(r.File, f, f.Fix); ok {
		d.Suggestions = []rdSuggestion{s}
		if f.Fix.Applicability != rules.Safe {
			d.Message += fmt.Sprintf(" (suggested change: %s; it is %s: it can change what the image does, review it before applying)", f.Fix.Title, f.Fix.Applicability)
		}
	}
	return d
}

// lineSuggestion turns a fix into a replacement of whole lines: the lines
// of the finding and of every edit, with the edits applied.
func lineSuggestion(file *parser.File, f *rules.Finding, fix *rules.Fix) (rdSuggestion, bool) {
	if len(fix.Edits) == 0 {
		return rdSuggestion{}, false
	}
	src := file.Source
	edits := append([]rules.Edit(nil), fix.Edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	for i, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) || (i > 0 && e.Start < edits[i-1].End) {
			return rdSuggestion{}, false // not a fix the engine would apply
		}
	}
	first, last := lineOfStart(file, f.Start), lineOfEnd(file, f.Start, f.End)
	for _, e := range edits {
		first = min(first, lineOfStart(file, e.Start))
		last = max(last, lineOfEnd(file, e.Start, e.End))
	}
	// An edit that removes the last line break joins the next line in: the
	// suggestion must replace that line too. Bounded by the line count.
	for {
		from, to := file.LineStart(first), file.LineStart(last+1)
		var b bytes.Buffer
		at := from
		for _, e := range edits {
			b.Write(src[at:e.Start])
			b.WriteString(e.NewText)
			at = e.End
		}
		b.Write(src[at:to])
		text := b.Bytes()
		if len(text) > 0 && last < file.LineCount() && to > from && src[to-1] == '\n' && !bytes.HasSuffix(text, []byte("\n")) {
			last++
			continue
		}
		text = trimLineBreak(text)
		return rdSuggestion{Range: rdRange{Start: rdPosition{Line: first}, End: rdPosition{Line: last}}, Text: string(text)}, true
	}
}

// lineOfStart is the line a range starting at offset begins on.
func lineOfStart(file *parser.File, offset int) int {
	line, _ := file.Position(offset)
	return line
}

// lineOfEnd is the last line a range [start, end) touches: a non-empty
// range that ends at the start of a line (after a line break) ends on the
// line before.
func lineOfEnd(file *parser.File, start, end int) int {
	line, col := file.Position(end)
	if end > start && col == 1 && line > 1 {
		return line - 1
	}
	return line
}

func trimLineBreak(b []byte) []byte {
	if bytes.HasSuffix(b, []byte("\r\n")) {
		return b[:len(b)-2]
	}
	return bytes.TrimSuffix(b, []byte("\n"))
}

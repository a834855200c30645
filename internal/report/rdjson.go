package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

func init() {
	register("rdjson", func(o Options) Reporter { return rdjsonReporter{lines: false, unsafeFixes: o.UnsafeFixes} })
	register("rdjsonl", func(o Options) Reporter { return rdjsonReporter{lines: true, unsafeFixes: o.UnsafeFixes} })
}

// rdjsonReporter writes reviewdog's Diagnostic Format: rdjson, one
// DiagnosticResult object, or rdjsonl, one Diagnostic per line. Positions
// are 1-based with columns in bytes (UTF-8), as the format defines.
//
// Fixes become suggestions of whole lines that reviewdog's github-pr-review
// reporter can post (suggest.go says how and why): one per run of lines
// that `dflint fix` changes, on the lines of the findings whose fixes
// change them, at most one per diagnostic, with the diagnostic on the
// suggestion's lines. A change that cannot be a suggestion there is shown
// as a diff in the message. Unsafe fixes are suggested with --unsafe-fixes
// (the message says they can change the image); display-only fixes, which
// dflint fix never applies, are shown as a diff.
//
// A path that could not be linted becomes an ERROR diagnostic on the file
// without a range, so that it is not lost.
type rdjsonReporter struct{ lines, unsafeFixes bool }

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
		diags = append(diags, rdDiagnosticsOf(r, rd.unsafeFixes)...)
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

// rdDiagnosticsOf turns a result's findings into diagnostics: one per
// finding, and one more for each further suggestion of its fix.
func rdDiagnosticsOf(r *Result, unsafeFixes bool) []rdDiagnostic {
	plans := planSuggestions(r, unsafeFixes)
	var lines []string
	if r.File != nil {
		lines = splitLines(r.File.Source)
	}
	var out []rdDiagnostic
	for i := range r.Findings {
		f := &r.Findings[i]
		p := &plans[i]
		d := rdDiagnostic{
			Message:  f.Message,
			Location: rdLocation{Path: f.File, Range: &rdRange{Start: rdPosition{f.Line, f.Column}, End: rdPosition{f.EndLine, f.EndColumn}}},
			Severity: level(rdjsonSeverity, f.Severity),
			Code:     &rdCode{Value: f.RuleID, URL: rules.DocURL(ruleOf(f))},
		}
		if d.Location.Path == "" {
			d.Location.Path = r.Path
		}
		if len(p.unsafe) > 0 && len(p.suggestions) > 0 {
			d.Message += fmt.Sprintf(" (suggested change: %s; it is unsafe: it can change what the image does, review it before applying)", strings.Join(p.unsafe, "; "))
		}
		if !unsafeFixes && f.Fix != nil && f.Fix.Applicability == rules.Unsafe && len(f.Fix.Edits) > 0 {
			d.Message += " (a fix that can change the image exists: run dflint fix --unsafe-fixes)"
		}
		if p.carrier >= 0 {
			c := &r.Findings[p.carrier]
			d.Message += fmt.Sprintf(" (its fix is part of the suggested change on the %s finding at line %d)", c.RuleID, c.Line)
		}
		if len(p.outside) > 0 {
			d.Message += "\n\nThis fix changes lines outside the finding or outside the change under review, so it cannot be a suggestion here; `dflint fix` writes:\n" +
				markdownDiff(hunkDiff(d.Location.Path, lines, p.outside))
		}
		if len(p.displayOnly) > 0 {
			d.Message += fmt.Sprintf("\n\nA possible change (%s; dflint fix does not apply it):\n", f.Fix.Title) +
				markdownDiff(hunkDiff(d.Location.Path, lines, p.displayOnly))
		}
		for k, s := range p.suggestions {
			dk := d
			if k > 0 {
				dk.Message = fmt.Sprintf("%s (suggested change %d of %d for this finding)", f.Message, k+1, len(p.suggestions))
			}
			first, last := findingLines(r.File, f)
			if s.From != first || s.To != last {
				// reviewdog posts a suggestion only on a comment over the
				// same lines, and only when they are all in the diff.
				dk.Location.Range = &rdRange{Start: rdPosition{Line: s.From}, End: rdPosition{Line: s.To}}
			}
			dk.Suggestions = []rdSuggestion{{Range: rdRange{Start: rdPosition{Line: s.From}, End: rdPosition{Line: s.To}}, Text: s.Text}}
			out = append(out, dk)
		}
		if len(p.suggestions) == 0 {
			out = append(out, d)
		}
	}
	return out
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

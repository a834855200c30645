package report

import (
	"encoding/json"
	"io"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

func init() { register("json", func(Options) Reporter { return jsonReporter{} }) }

// jsonReporter writes one JSON object for the whole run, for scripts and
// editors. Its field names are a public interface: add fields, never rename
// them.
//
//	{"findings": [...], "files": 5, "errors": [{"file": "x", "message": "..."}]}
type jsonReporter struct{}

type jsonRun struct {
	Findings []jsonFinding `json:"findings"`
	Files    int           `json:"files"`
	Errors   []jsonError   `json:"errors"`
}

type jsonFinding struct {
	Rule      string         `json:"rule"`
	Name      string         `json:"name"`
	Severity  rules.Severity `json:"severity"`
	File      string         `json:"file"`
	Line      int            `json:"line"`
	Column    int            `json:"column"`
	EndLine   int            `json:"end_line"`
	EndColumn int            `json:"end_column"`
	Start     int            `json:"start"`
	End       int            `json:"end"`
	Message   string         `json:"message"`
	Fix       *jsonFix       `json:"fix"`
	// Check is the other tool's check that the finding stands for, when
	// the rule stands for several (DF511: FromAsCasing or
	// ConsistentInstructionCasing; see rules.Rule.Parts).
	Check string `json:"check,omitempty"`
}

type jsonFix struct {
	Title         string              `json:"title"`
	Applicability rules.Applicability `json:"applicability"`
	Edits         []jsonEdit          `json:"edits"`
}

// jsonEdit carries both byte offsets (for tools that splice bytes) and
// 1-based line/column positions (for editors); columns count bytes, and
// the end is just past the replaced text.
type jsonEdit struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	NewText     string `json:"new_text"`
	StartLine   int    `json:"start_line"`
	StartColumn int    `json:"start_column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
}

type jsonError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

func (jsonReporter) Report(w io.Writer, run *Run) error {
	out := jsonRun{Findings: []jsonFinding{}, Errors: []jsonError{}}
	for _, r := range run.Results {
		if r.Linted() {
			out.Files++
		}
		for _, f := range r.Findings {
			out.Findings = append(out.Findings, jsonFinding{
				Rule: f.RuleID, Name: f.Name, Severity: f.Severity, File: f.File,
				Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
				Start: f.Start, End: f.End, Message: f.Message,
				Fix: toJSONFix(r.File, f.Fix), Check: f.Check,
			})
		}
		for _, err := range r.Errors {
			out.Errors = append(out.Errors, jsonError{File: r.Path, Message: err.Error()})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Messages quote shell code: keep && and <<EOF readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func toJSONFix(f *parser.File, fix *rules.Fix) *jsonFix {
	if fix == nil {
		return nil
	}
	out := &jsonFix{Title: fix.Title, Applicability: fix.Applicability, Edits: []jsonEdit{}}
	for _, e := range fix.Edits {
		je := jsonEdit{Start: e.Start, End: e.End, NewText: e.NewText}
		if f != nil {
			je.StartLine, je.StartColumn = f.Position(e.Start)
			je.EndLine, je.EndColumn = f.Position(e.End)
		}
		out.Edits = append(out.Edits, je)
	}
	return out
}

package report

import (
	"encoding/json"
	"io"
)

func init() {
	register("hadolint-json", func(Options) Reporter { return hadolintJSONReporter{} })
}

// hadolintJSONReporter writes hadolint's --format json: one flat JSON array
// of {file, line, column, level, code, message}, for scripts written
// against hadolint (`jq '.[] | .code'`). dflint's own json format is an
// object with fixes and byte ranges; this one keeps hadolint's shape
// (hadolint src/Hadolint/Formatter/Json.hs at 8f936c5, read 2026-12-07):
// level is error, warning, info or style, code the rule ID, column the
// finding's (hadolint always writes 1; a real column reads the same way).
// A path that could not be linted is an entry with level error and code
// dflint/error at line 1, where hadolint writes its parse errors (DL1000);
// a file that does not parse is DF001, as in every format.
type hadolintJSONReporter struct{}

type hadolintJSONEntry struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Level   string `json:"level"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (hadolintJSONReporter) Report(w io.Writer, run *Run) error {
	entries := []hadolintJSONEntry{}
	for i := range run.Results {
		r := &run.Results[i]
		for _, f := range r.Findings {
			entries = append(entries, hadolintJSONEntry{
				File: r.Path, Line: f.Line, Column: f.Column,
				Level: f.Severity.String(), Code: f.RuleID, Message: f.Message,
			})
		}
		for _, err := range r.Errors {
			entries = append(entries, hadolintJSONEntry{
				File: r.Path, Line: 1, Column: 1, Level: "error", Code: errorCheckName, Message: err.Error(),
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(entries)
}

package report

import (
	"encoding/json"
	"io"

	"github.com/dflint/dflint/rules"
)

func init() { register("gitlab", func(o Options) Reporter { return gitlabReporter{o} }) }

// gitlabReporter writes GitLab's Code Quality report (a JSON array of
// issues; artifacts:reports:codequality), which merge requests show as new
// and resolved findings. GitLab matches issues between the source and the
// target branch by fingerprint, so the fingerprint leaves line numbers out:
// it hashes the rule, the path, the text of the instruction and the text
// the finding covers (see fingerprinter), and moving an instruction does not
// make its findings look new. Severities: error is critical, warning major,
// info minor, style info; a file that does not parse (DF001) is a blocker.
// Paths are relative to the repository root. Paths that could not be linted
// are blocker issues with check_name "dflint/error".
type gitlabReporter struct{ opts Options }

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
	Type        string         `json:"type"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

func (g gitlabReporter) Report(w io.Writer, run *Run) error {
	issues := []gitlabIssue{}
	for i := range run.Results {
		r := &run.Results[i]
		path := relPath(g.opts.Root, r.Path)
		fp := newFingerprinter()
		for j := range r.Findings {
			f := &r.Findings[j]
			sev := level(gitlabSeverity, f.Severity)
			if f.RuleID == "DF001" {
				sev = "blocker"
			}
			endLine := f.EndLine
			if r.File != nil {
				endLine = lineOfEnd(r.File, f.Start, f.End)
			}
			issues = append(issues, gitlabIssue{
				Description: ruleTitle(f.RuleID, f.Name) + ": " + f.Message,
				CheckName:   f.RuleID,
				Fingerprint: fp.of(path, r, f),
				Severity:    sev,
				Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: f.Line, End: endLine}},
				Type:        "issue",
			})
		}
		for _, err := range r.Errors {
			issues = append(issues, gitlabIssue{
				Description: "dflint could not lint this file: " + err.Error(),
				CheckName:   "dflint/error",
				Fingerprint: fp.of(path, &Result{}, &rules.Finding{RuleID: "dflint/error", Message: err.Error()}),
				Severity:    "blocker",
				Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: 1}},
				Type:        "issue",
			})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

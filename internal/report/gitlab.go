package report

import (
	"encoding/json"
	"io"

	"github.com/dflint/dflint/rules"
)

func init() {
	register("gitlab", func(o Options) Reporter { return gitlabReporter{o} })
	register("codeclimate", func(o Options) Reporter { return codeclimateReporter{o} })
}

// gitlabReporter writes GitLab's Code Quality report (a JSON array of
// issues; artifacts:reports:codequality), which merge requests show as new
// and resolved findings. GitLab matches issues between the source and the
// target branch by fingerprint, so the fingerprint leaves line numbers out:
// it hashes the rule, the path, the text of the instruction and the text
// the finding covers (see fingerprinter), and moving an instruction does not
// make its findings look new. Severities: error is critical, warning major,
// info minor, style info; a file that does not parse (DF001) is a blocker.
// Paths are relative to the repository root. Paths that could not be linted
// are blocker issues with check_name "dflint/error". hadolint calls this
// format gitlab_codeclimate.
type gitlabReporter struct{ opts Options }

// codeclimateReporter writes the output of a Code Climate engine (hadolint's
// --format codeclimate): the same issues as the gitlab format, each a JSON
// object terminated by a NUL byte rather than an array, as the engine
// specification asks (codeclimate/platform SPEC.md, "Output", read
// 2026-12-07; hadolint src/Hadolint/Formatter/Codeclimate.hs at 8f936c5
// writes the same framing).
type codeclimateReporter struct{ opts Options }

// codeclimateIssue is a Code Climate issue with the fields both formats
// write: the spec's required type, check_name, description, categories and
// location, and its optional severity and fingerprint, which GitLab
// requires.
type codeclimateIssue struct {
	Type        string         `json:"type"`
	CheckName   string         `json:"check_name"`
	Description string         `json:"description"`
	Categories  []string       `json:"categories"`
	Location    gitlabLocation `json:"location"`
	Severity    string         `json:"severity"`
	Fingerprint string         `json:"fingerprint"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// codeclimateIssues turns a run into issues, in file order.
func codeclimateIssues(root string, run *Run) []codeclimateIssue {
	issues := []codeclimateIssue{}
	for i := range run.Results {
		r := &run.Results[i]
		path := relPath(root, r.Path)
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
			issues = append(issues, codeclimateIssue{
				Type:        "issue",
				CheckName:   f.RuleID,
				Description: singleLine(ruleTitle(f.RuleID, f.Name) + ": " + f.Message),
				Categories:  []string{classOf(f.RuleID, f.Severity).category},
				Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: f.Line, End: endLine}},
				Severity:    sev,
				Fingerprint: fp.of(path, r, f),
			})
		}
		for _, err := range r.Errors {
			issues = append(issues, codeclimateIssue{
				Type:        "issue",
				CheckName:   errorCheckName,
				Description: singleLine("dflint could not lint this file: " + err.Error()),
				Categories:  []string{reliabilityIssue.category},
				Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: 1}},
				Severity:    "blocker",
				Fingerprint: fp.of(path, &Result{}, &rules.Finding{RuleID: errorCheckName, Message: err.Error()}),
			})
		}
	}
	return issues
}

func (g gitlabReporter) Report(w io.Writer, run *Run) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(codeclimateIssues(g.opts.Root, run))
}

func (c codeclimateReporter) Report(w io.Writer, run *Run) error {
	for _, issue := range codeclimateIssues(c.opts.Root, run) {
		b, err := marshalNoEscape(issue)
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, 0)); err != nil {
			return err
		}
	}
	return nil
}

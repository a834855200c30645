package report

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

func init() { register("sonarqube", func(o Options) Reporter { return sonarqubeReporter{o} }) }

// sonarqubeReporter writes SonarQube's generic issue import format, the
// file that `sonar.externalIssuesReportPaths` names, in the shape of
// SonarQube Server 10.3 and later and SonarQube Cloud (docs.sonarsource.com,
// "Generic issue import format", read 2026-12-07):
//
//	{"rules": [{id, name, description, engineId, cleanCodeAttribute,
//	            impacts: [{softwareQuality, severity}]}],
//	 "issues": [{ruleId, primaryLocation: {message, filePath,
//	            textRange: {startLine, endLine, startColumn, endColumn}}}]}
//
// Every field either documentation marks required is written (SonarQube
// Cloud also requires cleanCodeAttribute). In that shape the severity and
// the kind of problem belong to the rule, not the issue: a rule's impact is
// the highest severity its findings have in the run (a config can give a
// rule another severity in some files). Impact severities are LOW, MEDIUM
// and HIGH, which every server since 10.3 reads; DF3xx rules are SECURITY,
// other errors RELIABILITY, the rest MAINTAINABILITY (see issueClass).
// hadolint's sonarqube format is the older, deprecated shape with issues
// only (src/Hadolint/Formatter/SonarQube.hs at 8f936c5).
//
// Paths are relative to the repository root, which sonar.projectBaseDir
// usually is. Columns are 0-based UTF-16 code units, as SonarQube counts
// a line's characters; SonarQube rejects a range that is empty or that ends
// past its line, so an empty span is reported on its line without columns
// and an end after the line break is moved to the end of the line before.
// A path that could not be linted is an issue of rule dflint/error at line
// 1.
type sonarqubeReporter struct{ opts Options }

type sonarReport struct {
	Rules  []sonarRule  `json:"rules"`
	Issues []sonarIssue `json:"issues"`
}

type sonarRule struct {
	ID                 string        `json:"id"`
	Name               string        `json:"name"`
	Description        string        `json:"description"`
	EngineID           string        `json:"engineId"`
	CleanCodeAttribute string        `json:"cleanCodeAttribute"`
	Impacts            []sonarImpact `json:"impacts"`
}

type sonarImpact struct {
	SoftwareQuality string `json:"softwareQuality"`
	Severity        string `json:"severity"`
}

type sonarIssue struct {
	RuleID          string        `json:"ruleId"`
	PrimaryLocation sonarLocation `json:"primaryLocation"`
}

type sonarLocation struct {
	Message   string         `json:"message"`
	FilePath  string         `json:"filePath"`
	TextRange sonarTextRange `json:"textRange"`
}

type sonarTextRange struct {
	StartLine   int  `json:"startLine"`
	EndLine     int  `json:"endLine,omitempty"`
	StartColumn *int `json:"startColumn,omitempty"`
	EndColumn   *int `json:"endColumn,omitempty"`
}

// sonarEngine is the engineId of every rule: SonarQube shows external
// issues under it.
const sonarEngine = "dflint"

func (s sonarqubeReporter) Report(w io.Writer, run *Run) error {
	out := sonarReport{Rules: []sonarRule{}, Issues: []sonarIssue{}}
	ruleAt := map[string]int{}           // rule ID → index in out.Rules
	worst := map[string]rules.Severity{} // rule ID → highest severity
	addRule := func(id string, r *rules.Rule, sev rules.Severity) {
		if sev > worst[id] {
			worst[id] = sev
		}
		if _, ok := ruleAt[id]; ok {
			return
		}
		ruleAt[id] = len(out.Rules)
		out.Rules = append(out.Rules, sonarRuleOf(id, r))
	}
	for i := range run.Results {
		r := &run.Results[i]
		path := relPath(s.opts.Root, r.Path)
		for j := range r.Findings {
			f := &r.Findings[j]
			addRule(f.RuleID, ruleOf(f), f.Severity)
			out.Issues = append(out.Issues, sonarIssue{RuleID: f.RuleID, PrimaryLocation: sonarLocation{
				Message: f.Message, FilePath: path, TextRange: sonarRange(r, f),
			}})
		}
		for _, err := range r.Errors {
			addRule(errorCheckName, nil, rules.Error)
			out.Issues = append(out.Issues, sonarIssue{RuleID: errorCheckName, PrimaryLocation: sonarLocation{
				Message: "dflint could not lint this file: " + err.Error(), FilePath: path, TextRange: sonarTextRange{StartLine: 1},
			}})
		}
	}
	for id, i := range ruleAt {
		class := classOf(id, worst[id])
		out.Rules[i].CleanCodeAttribute = class.attribute
		out.Rules[i].Impacts = []sonarImpact{{SoftwareQuality: class.quality, Severity: level(sonarImpactSeverity, worst[id])}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// sonarRuleOf describes a rule; the impacts are filled in once the run's
// findings are known.
func sonarRuleOf(id string, r *rules.Rule) sonarRule {
	sr := sonarRule{ID: id, Name: id, Description: id, EngineID: sonarEngine}
	if id == errorCheckName {
		sr.Name = "File could not be linted"
		sr.Description = "dflint could not read or lint the file: it is missing, unreadable, not a Dockerfile, or a rule failed on it."
		return sr
	}
	if r == nil {
		return sr
	}
	if summary := strings.TrimSpace(r.Summary); summary != "" {
		sr.Name = ruleTitle(r.ID, r.Name) + ": " + summary
		sr.Description = summary
	}
	if full := strings.TrimSpace(r.Doc().Description); full != "" {
		sr.Description = full
	}
	if url := rules.DocURL(r); url != "" {
		sr.Description += "\n\n" + url
	}
	return sr
}

// sonarRange is a finding's text range as SonarQube accepts it.
func sonarRange(r *Result, f *rules.Finding) sonarTextRange {
	if r.File == nil {
		return sonarTextRange{StartLine: max(1, f.Line)}
	}
	file := r.File
	start, end := f.Start, max(f.Start, f.End)
	sl, sc := utf16Position(file, start)
	el, ec := utf16Position(file, end)
	// An end at the start of a later line ends the line before: the range
	// covers that line's break, which SonarQube has no column for.
	if el > sl && ec == 1 {
		el--
		ec = 1 + lineLen16(file, el)
	}
	sc, ec = min(sc, 1+lineLen16(file, sl)), min(ec, 1+lineLen16(file, el))
	if el == sl && ec <= sc {
		return sonarTextRange{StartLine: sl, EndLine: sl}
	}
	sc, ec = sc-1, ec-1 // 0-based
	return sonarTextRange{StartLine: sl, EndLine: el, StartColumn: &sc, EndColumn: &ec}
}

// lineLen16 is the length of line n's content (no line break, no byte
// order mark) in UTF-16 code units.
func lineLen16(file *parser.File, n int) int {
	start := file.LineStart(n)
	if n == 1 && file.HasBOM {
		start = min(3, len(file.Source))
	}
	return utf16Len(file.Source[start:max(start, file.LineEnd(n))])
}

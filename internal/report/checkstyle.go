package report

import (
	"encoding/xml"
	"io"
)

func init() { register("checkstyle", func(Options) Reporter { return checkstyleReporter{} }) }

// checkstyleReporter writes Checkstyle's XML, which Jenkins (warnings-ng),
// GitLab through converters, reviewdog (-f=checkstyle) and many IDE plugins
// read. One <file> per linted path, in order, with one <error> per finding:
// severity error, warning or info (style becomes info), 1-based line and
// column (UTF-16 code units, as Java counts), the message, and the rule ID
// as source. A path that could not be linted gets an <error> without a line
// whose source is "dflint". Files without findings are listed too, so a
// consumer can tell "clean" from "not looked at".
type checkstyleReporter struct{}

type checkstyleLog struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func (checkstyleReporter) Report(w io.Writer, run *Run) error {
	log := checkstyleLog{Version: "4.3"}
	for i := range run.Results {
		r := &run.Results[i]
		file := checkstyleFile{Name: r.Path}
		for j := range r.Findings {
			f := &r.Findings[j]
			sp := findingSpan(r, f)
			file.Errors = append(file.Errors, checkstyleError{
				Line: sp.startLine, Column: sp.startCol,
				Severity: level(checkstyleSeverity, f.Severity),
				Message:  f.Message,
				Source:   f.RuleID,
			})
		}
		for _, err := range r.Errors {
			file.Errors = append(file.Errors, checkstyleError{Severity: "error", Message: err.Error(), Source: "dflint"})
		}
		log.Files = append(log.Files, file)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

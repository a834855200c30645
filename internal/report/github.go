package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/dflint/dflint/rules"
)

func init() { register("github", func(o Options) Reporter { return githubReporter{o} }) }

// githubReporter writes GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request's files:
//
//	::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=17,title=DF104 full-base-image::the final stage runs on …
//
// error stays error, warning stays warning, info and style become notice.
// Columns are 1-based UTF-16 code units, the end column just past the span;
// paths are relative to the repository root, which is what the runner
// resolves them against. Values are escaped as the runner unescapes them
// (% CR LF in the message; also : and , in properties). Paths that could not
// be linted are ::error annotations on the file. The text format's summary
// line closes the output, for the log.
type githubReporter struct{ opts Options }

func (g githubReporter) Report(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	for i := range run.Results {
		r := &run.Results[i]
		path := relPath(g.opts.Root, r.Path)
		for j := range r.Findings {
			f := &r.Findings[j]
			sp := findingSpan(r, f)
			props := []string{
				"file=" + escapeProperty(path),
				fmt.Sprintf("line=%d", sp.startLine),
				fmt.Sprintf("col=%d", sp.startCol),
				fmt.Sprintf("endLine=%d", sp.endLine),
				fmt.Sprintf("endColumn=%d", sp.endCol),
				"title=" + escapeProperty(ruleTitle(f.RuleID, f.Name)),
			}
			msg := f.Message
			if f.Fix != nil && f.Fix.Applicability != "" {
				msg += "\n" + fixHint(f.Fix.Applicability, f.Fix.Title)
			}
			fmt.Fprintf(bw, "::%s %s::%s\n", level(githubLevel, f.Severity), strings.Join(props, ","), escapeData(msg))
		}
		for _, err := range r.Errors {
			fmt.Fprintf(bw, "::error file=%s,title=dflint::%s\n", escapeProperty(path), escapeData(err.Error()))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	// The closing line is the text format's, without colours.
	return newText(Options{}).(*text).summaryLine(w, run)
}

// fixHint tells what `dflint fix` would do about a finding.
func fixHint(a rules.Applicability, title string) string {
	switch a {
	case rules.Safe:
		return "Fix (`dflint fix`): " + title
	case rules.Unsafe:
		return "Fix (`dflint fix --unsafe-fixes`, can change the image): " + title
	}
	return "Suggested change: " + title
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/dflint/dflint/internal/visible"
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
// (% CR LF in the message; also : and , in properties: see ActionCommand.cs
// in actions/runner), so a file name or a message cannot end the command or
// start another. Messages, which GitHub shows in the log and on the pull
// request, also get visible escapes for the other control characters (line
// breaks stay, escaped as %0A); the file property keeps the exact path, which
// the runner matches against the repository's files. Paths that could not
// be linted are ::error annotations on the file. The text format's summary
// line closes the output, for the log. GitHub shows at most 10 annotations
// of each level per step (and 50 per job) and drops the rest silently, so
// when a level has more, a last line says that the log has them all.
type githubReporter struct{ opts Options }

// githubAnnotationsPerStep is how many annotations of one level GitHub
// shows for a step.
const githubAnnotationsPerStep = 10

func (g githubReporter) Report(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	perLevel := map[string]int{}
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
			msg := visibleLines(f.Message)
			if f.Fix != nil && f.Fix.Applicability != "" {
				msg += "\n" + visibleLines(fixHint(f.Fix.Applicability, f.Fix.Title))
			}
			lvl := level(githubLevel, f.Severity)
			perLevel[lvl]++
			fmt.Fprintf(bw, "::%s %s::%s\n", lvl, strings.Join(props, ","), escapeData(msg))
		}
		for _, err := range r.Errors {
			perLevel["error"]++
			fmt.Fprintf(bw, "::error file=%s,title=dflint::%s\n", escapeProperty(path), escapeData(visibleLines(err.Error())))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	// The closing line is the text format's, without colours.
	if err := newText(Options{}).(*text).summaryLine(w, run); err != nil {
		return err
	}
	var over []string
	for _, lvl := range []string{"error", "warning", "notice"} {
		if n := perLevel[lvl]; n > githubAnnotationsPerStep {
			over = append(over, fmt.Sprintf("%d %ss", n, lvl))
		}
	}
	if len(over) > 0 {
		_, err := fmt.Fprintf(w, "GitHub shows %d annotations of each level per step: this log has all of them (%s); --format sarif with code scanning has no such limit\n",
			githubAnnotationsPerStep, strings.Join(over, ", "))
		return err
	}
	return nil
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

// visibleLines escapes the control characters of each line of s, keeping
// its line breaks for escapeData to encode.
func visibleLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = visible.String(l)
	}
	return strings.Join(lines, "\n")
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

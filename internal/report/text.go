package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dflint/dflint/internal/visible"
	"github.com/dflint/dflint/rules"
	"github.com/fatih/color"
)

func init() { register("text", newText) }

// text is the format for people: one header line per finding in the
// compiler style that editors and terminals turn into links, the source
// line with the span underlined, and a summary at the end.
//
//	Dockerfile:3:1: error DF502 relative-workdir: WORKDIR app is relative ...
//	   3 | WORKDIR app
//	     | ^^^^^^^^^^^
//
// Everything it prints from a file, a path or an error goes through
// visible.String first: a Dockerfile line, a file name or a registry's
// message is untrusted and must not drive the terminal or a CI log.
type text struct {
	path, gutter, caret, fix, errorText, summary *color.Color
	severity                                     map[rules.Severity]*color.Color
	summaryOnly                                  bool
	quiet                                        bool
}

func newText(opts Options) Reporter {
	t := &text{
		summaryOnly: opts.SummaryOnly,
		quiet:       opts.Quiet,
		path:        color.New(color.Bold),
		gutter:      color.New(color.FgBlue),
		caret:       color.New(color.FgRed, color.Bold),
		fix:         color.New(color.FgGreen),
		errorText:   color.New(color.FgRed, color.Bold),
		summary:     color.New(color.Bold),
		severity: map[rules.Severity]*color.Color{
			rules.Error:   color.New(color.FgRed, color.Bold),
			rules.Warning: color.New(color.FgYellow, color.Bold),
			rules.Info:    color.New(color.FgCyan),
			rules.Style:   color.New(color.FgMagenta),
		},
	}
	// Each colour is switched on or off here rather than through fatih/color's
	// global NoColor, which looks at the process's own stdout and NO_COLOR:
	// the command has already decided, from --color, NO_COLOR and the writer.
	for _, c := range append([]*color.Color{t.path, t.gutter, t.caret, t.fix, t.errorText, t.summary}, mapValues(t.severity)...) {
		if opts.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return t
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// summaryLine writes only the closing line, uncoloured: other formats end
// with it.
func (t *text) summaryLine(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	t.writeSummary(bw, run.Summarize())
	return bw.Flush()
}

func (t *text) Report(w io.Writer, run *Run) error {
	bw := bufio.NewWriter(w)
	for i := range run.Results {
		t.result(bw, &run.Results[i])
	}
	if !t.quiet {
		t.writeSummary(bw, run.Summarize())
	}
	return bw.Flush()
}

func (t *text) result(w io.Writer, r *Result) {
	for i := range r.Findings {
		if t.summaryOnly {
			break
		}
		f := &r.Findings[i]
		sev := t.severity[f.Severity]
		if sev == nil {
			sev = color.New()
		}
		// BuildKit's checks are named by their ID already
		// (buildkit/StageNameCasing): print the name once.
		id := f.RuleID
		if !strings.HasSuffix(f.RuleID, "/"+f.Name) {
			id += " " + f.Name
		}
		fmt.Fprintf(w, "%s %s %s: %s\n",
			t.path.Sprintf("%s:%d:%d:", printedPath(f.File), f.Line, f.Column),
			sev.Sprint(f.Severity), visible.String(id), visible.String(f.Message))
		t.snippet(w, r, f)
		if f.Fix != nil && f.Fix.Applicability != "" {
			fmt.Fprintf(w, "%s\n", t.fix.Sprintf("      = fix (%s): %s", f.Fix.Applicability, visible.String(f.Fix.Title)))
		}
	}
	for _, err := range r.Errors {
		// A crashed rule's error carries a stack trace: indent it under
		// the error line so that it reads as one block. Each of its lines
		// is escaped on its own, and one that would start with "::" once
		// its indent is trimmed gets that colon escaped too: a GitHub
		// runner reads such a line as a workflow command.
		lines := strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
		for i, l := range lines {
			l = visible.String(l)
			if i > 0 && strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") {
				l = strings.Replace(l, ":", `\x3a`, 1)
			}
			lines[i] = l
		}
		msg := strings.Join(lines, "\n    ")
		fmt.Fprintf(w, "%s %s %s\n", t.path.Sprintf("%s:", printedPath(r.Path)), t.errorText.Sprint("error:"), msg)
	}
}

// printedPath is a path as the text format prints it, at the start of a
// line: with visible escapes, and with "./" in front when it would begin
// with "::" once leading spaces are trimmed, which a GitHub Actions runner
// reads as a workflow command (a file named "::error::….dockerfile"). The
// "./" keeps it a path to the same file.
func printedPath(p string) string {
	p = visible.String(p)
	if strings.HasPrefix(strings.TrimLeftFunc(p, unicode.IsSpace), "::") {
		return "./" + p
	}
	return p
}

// maxSnippet is the widest source excerpt shown; longer lines are cut
// around the finding so that one minified line does not flood the terminal.
const maxSnippet = 160

// snippet prints the finding's first line with the span underlined. A span
// that goes on past that line is underlined to the line's end.
func (t *text) snippet(w io.Writer, r *Result, f *rules.Finding) {
	if r.File == nil || f.Line < 1 || f.Line > r.File.LineCount() {
		return
	}
	line := r.File.Line(f.Line)
	start := min(max(f.Column-1, 0), len(line))
	end := len(line)
	if f.EndLine == f.Line {
		end = min(max(f.EndColumn-1, start), len(line))
	}
	if f.Line == 1 && r.File.HasBOM && len(line) >= 3 {
		// The byte order mark is invisible: do not print it or count it.
		line, start, end = line[3:], max(start-3, 0), max(end-3, 0)
	}
	// Cut long lines to a window that starts a little before the span.
	from, to, pre, post := 0, len(line), "", ""
	if len(line) > maxSnippet {
		from = max(0, min(start-20, len(line)-maxSnippet))
		to = min(len(line), from+maxSnippet)
		for from > 0 && !utf8.RuneStart(line[from]) {
			from--
		}
		for to < len(line) && !utf8.RuneStart(line[to]) {
			to++
		}
		if from > 0 {
			pre = "…"
		}
		if to < len(line) {
			post = "…"
		}
		start, end = max(start, from), min(max(end, start), to)
	}
	num := strconv.Itoa(f.Line)
	pad := strings.Repeat(" ", max(4, len(num)))
	// The line is printed in three escaped pieces, so that the underline
	// can be measured on what the terminal shows (an escape is several
	// characters wide).
	before, span, after := visible.Bytes(line[from:start]), visible.Bytes(line[start:end]), visible.Bytes(line[end:to])
	fmt.Fprintf(w, "%s %s%s%s%s%s\n", t.gutter.Sprintf("%*s |", len(pad), num), pre, before, span, after, post)

	// The underline copies the tabs before the span so that it lines up
	// with the text however wide the terminal's tab stops are.
	var indent strings.Builder
	if pre != "" {
		indent.WriteByte(' ')
	}
	for _, r := range before {
		if r == '\t' {
			indent.WriteByte('\t')
		} else {
			indent.WriteByte(' ')
		}
	}
	width := max(1, utf8.RuneCountInString(span))
	fmt.Fprintf(w, "%s %s%s\n", t.gutter.Sprintf("%s |", pad), indent.String(), t.caret.Sprint(strings.Repeat("^", width)))
}

// writeSummary prints the closing line, for example
//
//	3 findings (1 error, 2 warnings) in 2 of 5 files; 2 fixable with `dflint fix`
func (t *text) writeSummary(w io.Writer, s Summary) {
	var b strings.Builder
	if s.Findings == 0 {
		fmt.Fprintf(&b, "No findings in %s", plural(s.Files, "file"))
	} else {
		var parts []string
		for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style} {
			if n := s.BySeverity[sev]; n > 0 {
				parts = append(parts, plural(n, sev.String()))
			}
		}
		fmt.Fprintf(&b, "%s (%s) in ", plural(s.Findings, "finding"), strings.Join(parts, ", "))
		if s.FilesWithHits == s.Files {
			b.WriteString(plural(s.Files, "file"))
		} else {
			fmt.Fprintf(&b, "%d of %s", s.FilesWithHits, plural(s.Files, "file"))
		}
	}
	switch {
	case s.Safe > 0 && s.Unsafe > 0:
		fmt.Fprintf(&b, "; %d fixable with `dflint fix` (%d more with --unsafe-fixes)", s.Safe, s.Unsafe)
	case s.Safe > 0:
		fmt.Fprintf(&b, "; %d fixable with `dflint fix`", s.Safe)
	case s.Unsafe > 0:
		fmt.Fprintf(&b, "; %d fixable with `dflint fix --unsafe-fixes`", s.Unsafe)
	}
	if s.ErrorPaths > 0 {
		fmt.Fprintf(&b, "; %s had errors (see above)", plural(s.ErrorPaths, "path"))
	}
	fmt.Fprintln(w, t.summary.Sprint(b.String()))
}

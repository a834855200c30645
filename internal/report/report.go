// Package report renders the results of a lint run. Each output format is
// one file that registers a Reporter under its name; the commands pick one
// with --format and never format findings themselves: text, json, sarif,
// rdjson, rdjsonl, github, checkstyle, gitlab, codeclimate, gnu, junit,
// sonarqube and hadolint-json. What the formats share
// (UTF-16 columns, repository-relative paths, stable fingerprints, the
// severity maps) is in common.go.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/changedlines"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// Result is what linting one target produced.
type Result struct {
	// Path is the file as the user named it (for standard input, the
	// --stdin-filename), or the argument an error is about.
	Path string
	// File is the parsed file; nil when the target could not be read.
	// The lint and fix commands keep only its Outline (source, lines,
	// directives, comments, instruction ranges): reporters read no more.
	File *parser.File
	// Findings are in file order.
	Findings []rules.Finding
	// Errors are problems that kept the file from being linted fully: it
	// could not be read, or a rule failed on it. They are not findings.
	Errors []error
	// Fixed is the file as `dflint fix` writes it (the fix loop's output,
	// with --unsafe-fixes when Options.UnsafeFixes), for the formats that
	// suggest fixes (rdjson, rdjsonl: see suggest.go); nil when the
	// command did not run the fix loop, and each fix is then suggested on
	// its own.
	Fixed []byte
	// Changed are the file's lines changed by the change under review
	// (--new-from-rev, --new-from-patch): suggestions stay on them. Nil
	// when lint was not given a change.
	Changed *changedlines.Lines
}

// Linted tells whether the file was read and linted.
func (r *Result) Linted() bool { return r.File != nil }

// Run is a whole lint run, results in target order.
type Run struct {
	Results []Result
}

// Summary counts what a run found.
type Summary struct {
	Files         int // files read and linted
	FilesWithHits int // files with at least one finding
	Findings      int
	BySeverity    map[rules.Severity]int
	Safe          int // findings whose fix `dflint fix` applies
	Unsafe        int // findings whose fix needs --unsafe-fixes
	Errors        int // errors, summed over results
	ErrorPaths    int // results with at least one error
}

// Summarize counts the run's findings, fixes and errors.
func (run *Run) Summarize() Summary {
	s := Summary{BySeverity: map[rules.Severity]int{}}
	for _, r := range run.Results {
		if r.Linted() {
			s.Files++
		}
		if len(r.Findings) > 0 {
			s.FilesWithHits++
		}
		for _, f := range r.Findings {
			s.Findings++
			s.BySeverity[f.Severity]++
			if f.Fix != nil {
				switch f.Fix.Applicability {
				case rules.Safe:
					s.Safe++
				case rules.Unsafe:
					s.Unsafe++
				}
			}
		}
		s.Errors += len(r.Errors)
		if len(r.Errors) > 0 {
			s.ErrorPaths++
		}
	}
	return s
}

// Options are what the commands tell every reporter.
type Options struct {
	// Color enables ANSI colours, in formats that have them.
	Color bool
	// Root is the directory that the sarif, github and gitlab formats make
	// paths relative to: the repository root, which is what code scanning,
	// workflow annotations and merge-request widgets resolve paths against.
	// Empty keeps paths as the user gave them.
	Root string
	// Version is dflint's version, for formats that name the tool (SARIF).
	Version string
	// SummaryOnly makes the text format print only the errors and the
	// closing summary line: what standard output gets when --output sends
	// the report itself to a file.
	SummaryOnly bool
	// UnsafeFixes tells that the run's suggestions include unsafe fixes
	// (lint --unsafe-fixes): Result.Fixed holds them.
	UnsafeFixes bool
	// Quiet leaves the closing summary line out of the text format (-q):
	// only findings and errors are printed, so a clean run prints nothing.
	Quiet bool
}

// Reporter writes a run in one format.
type Reporter interface {
	Report(w io.Writer, run *Run) error
}

var formats = map[string]func(Options) Reporter{}

// register adds a format; each format's file calls it from init.
func register(name string, newReporter func(Options) Reporter) {
	if _, dup := formats[name]; dup {
		panic("report: format registered twice: " + name)
	}
	formats[name] = newReporter
}

// Formats lists the format names, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// aliases are other tools' names for the formats dflint has under another
// name, so that a CI line written for them keeps working: hadolint's tty
// and gitlab_codeclimate (hadolint's json is its flat array, which dflint
// calls hadolint-json: dflint's json stays dflint's, whose fields scripts
// already read), and golangci-lint's code-climate (GitLab's array) and
// junit-xml, which its --output.FORMAT.path flags name (golangci-lint v2
// docs, read 2026-12-07).
var aliases = map[string]string{
	"tty": "text", "gitlab_codeclimate": "gitlab",
	"code-climate": "gitlab", "junit-xml": "junit",
}

// Aliases lists the other names New accepts, sorted.
func Aliases() []string {
	names := make([]string, 0, len(aliases))
	for n := range aliases {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the reporter for a format name (or a hadolint alias).
func New(format string, opts Options) (Reporter, error) {
	name := Name(format)
	newReporter, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q: use one of %s", format, strings.Join(Formats(), ", "))
	}
	return newReporter(opts), nil
}

// SuggestsFixes tells whether a format suggests fixes (rdjson, rdjsonl), so
// that the command runs the fix loop and sets Result.Fixed.
func SuggestsFixes(format string) bool {
	name := Name(format)
	return name == "rdjson" || name == "rdjsonl"
}

// Name is the format a name given on the command line means: lower case,
// with another tool's name (an alias: tty, code-climate…) read as
// dflint's. A name of no format comes back lower-cased, for New to refuse.
func Name(format string) string {
	name := strings.ToLower(format)
	if a, ok := aliases[name]; ok {
		return a
	}
	return name
}

// plural writes "1 finding" or "3 findings".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

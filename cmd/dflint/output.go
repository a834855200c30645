package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/rewrite"
	"github.com/spf13/pflag"
)

// outputFlags records the flags that say which reports a run writes, in the
// order they were given, because their order pairs them: each
// -o/--output FILE belongs to the --format before it (ruff's and
// hadolint's single pair, extended to several), and golangci-lint's
// --output.FORMAT.path FILE names both at once.
type outputFlags struct {
	events []outputEvent
	// defaultFormat is the format of a report no --format names (an -o
	// alone, or no flag at all): "text".
	defaultFormat string
}

// outputEvent is one flag as given.
type outputEvent struct {
	kind   outputFlagKind
	format string // --format's value, or the FORMAT of --output.FORMAT.path
	path   string // --output's or --output.FORMAT.path's value
}

type outputFlagKind int

const (
	formatFlag     outputFlagKind = iota // --format FORMAT
	outputFlag                           // -o/--output FILE
	outputPathFlag                       // --output.FORMAT.path FILE
)

// register adds --format, -o/--output and one --output.FORMAT.path per
// format (hidden from --help, which would list them all: --format's help
// names the spelling).
func (o *outputFlags) register(f *pflag.FlagSet, formatHelp string) {
	o.defaultFormat = "text"
	// -f is hadolint's spelling of --format (issue 20 item 8).
	f.VarP(&formatValue{o}, "format", "f", formatHelp+": "+strings.Join(report.Formats(), ", ")+
		" (hadolint's names too); repeat it for several reports: each -o FILE after a --format is where that one goes, and a --format without -o writes to standard output. golangci-lint's --output.FORMAT.path FILE (stdout, stderr) works as well")
	f.VarP(&outputValue{o}, "output", "o", "write the report of the --format before it to this file (atomically) instead of standard output, which then gets only the summary line; - is standard output")
	for _, name := range append(report.Formats(), report.Aliases()...) {
		flag := "output." + name + ".path"
		f.Var(&outputPathValue{o, name}, flag, "write the "+name+" report to this file, or stdout or stderr")
		_ = f.MarkHidden(flag)
	}
}

// formatValue is --format as a pflag.Value that records each use.
type formatValue struct{ o *outputFlags }

func (v *formatValue) Set(s string) error {
	v.o.events = append(v.o.events, outputEvent{kind: formatFlag, format: s})
	return nil
}
func (v *formatValue) Type() string { return "string" }
func (v *formatValue) String() string {
	if v.o == nil || v.o.defaultFormat == "" {
		return "text"
	}
	return v.o.defaultFormat
}

// outputValue is -o/--output.
type outputValue struct{ o *outputFlags }

func (v *outputValue) Set(s string) error {
	v.o.events = append(v.o.events, outputEvent{kind: outputFlag, path: s})
	return nil
}
func (v *outputValue) Type() string   { return "string" }
func (v *outputValue) String() string { return "" }

// outputPathValue is --output.FORMAT.path.
type outputPathValue struct {
	o      *outputFlags
	format string
}

func (v *outputPathValue) Set(s string) error {
	v.o.events = append(v.o.events, outputEvent{kind: outputPathFlag, format: v.format, path: s})
	return nil
}
func (v *outputPathValue) Type() string   { return "string" }
func (v *outputPathValue) String() string { return "" }

// destination is where one report goes.
type destination int

const (
	toStdout destination = iota
	toStderr
	toFile
)

// outputSpec is one report to write: a format and its destination.
type outputSpec struct {
	format string
	dest   destination
	path   string // for toFile
	// flag is how the user asked for it, for error messages.
	flag string
}

// specs pairs the flags into the reports to write. The rules, in the order
// the flags were given: a --format starts a report that goes to standard
// output unless an -o follows it; an -o binds to the --format just before
// it, or, when it comes before every --format, to the first --format after
// it (so that `-o FILE --format sarif` keeps working); an -o with no
// --format at all is the default format to that file;
// --output.FORMAT.path is a report of its own. Then at most one report may
// go to standard output and one to standard error, and no two to one file.
func (o *outputFlags) specs() ([]outputSpec, error) {
	var specs []outputSpec
	lastFormat := -1   // index in specs of the last --format, while it has no -o
	var pending string // an -o given before every --format
	pendingSet, sawFormat := false, false
	for _, e := range o.events {
		switch e.kind {
		case formatFlag:
			spec := outputSpec{format: e.format, dest: toStdout, flag: "--format " + e.format}
			lastFormat = len(specs)
			if pendingSet && !sawFormat {
				spec.dest, spec.path = fileOrStdout(pending)
				pendingSet, lastFormat = false, -1
			}
			sawFormat = true
			specs = append(specs, spec)
		case outputFlag:
			switch {
			case lastFormat >= 0:
				specs[lastFormat].dest, specs[lastFormat].path = fileOrStdout(e.path)
				specs[lastFormat].flag += " -o " + e.path
				lastFormat = -1
			case !sawFormat && !pendingSet:
				pending, pendingSet = e.path, true
			default:
				return nil, fmt.Errorf("-o %s has no --format of its own: each -o (--output) names the file of the --format just before it; write --format FORMAT before it (--format sarif -o dflint.sarif --format json -o dflint.json)", e.path)
			}
		case outputPathFlag:
			spec := outputSpec{format: e.format, flag: "--output." + e.format + ".path " + e.path}
			switch e.path {
			case "stdout", "-":
				spec.dest = toStdout
			case "stderr":
				spec.dest = toStderr
			default:
				spec.dest, spec.path = toFile, e.path
			}
			lastFormat = -1
			specs = append(specs, spec)
		}
	}
	if pendingSet {
		spec := outputSpec{format: o.defaultFormat, flag: "-o " + pending}
		spec.dest, spec.path = fileOrStdout(pending)
		specs = append(specs, spec)
	}
	if len(specs) == 0 {
		specs = append(specs, outputSpec{format: o.defaultFormat, dest: toStdout, flag: "the default format"})
	}
	var stdout, stderr *outputSpec
	files := map[string]*outputSpec{}
	for i := range specs {
		s := &specs[i]
		switch s.dest {
		case toStdout:
			if stdout != nil {
				return nil, fmt.Errorf("%s and %s both write to standard output: give all but one of them -o FILE right after its --format (--format sarif -o dflint.sarif --format text)", stdout.flag, s.flag)
			}
			stdout = s
		case toStderr:
			if stderr != nil {
				return nil, fmt.Errorf("%s and %s both write to standard error: send one of them to a file", stderr.flag, s.flag)
			}
			stderr = s
		case toFile:
			key := filepath.Clean(s.path)
			if other, ok := files[key]; ok {
				return nil, fmt.Errorf("%s and %s both write to %s: give each report its own file", other.flag, s.flag, s.path)
			}
			files[key] = s
		}
	}
	return specs, nil
}

// fileOrStdout reads an -o value: "-" (and "") is standard output.
func fileOrStdout(path string) (destination, string) {
	if path == "-" || path == "" {
		return toStdout, ""
	}
	return toFile, path
}

// reportOutput is where and how a command writes its reports: one reporter
// per report, and, when no report goes to standard output, the text
// summary (the errors and the closing line) there instead, so that a CI log
// still says what happened.
type reportOutput struct {
	reports []outputReport
	summary report.Reporter // nil when a report goes to standard output
	// stdoutFormat is the format of the report on standard output, "" for
	// none.
	stdoutFormat string
}

type outputReport struct {
	outputSpec
	reporter report.Reporter
}

// reportOutput checks the output flags (a usage error before any work) and
// builds the reporters. unsafeFixes says that the run's suggestions include
// unsafe fixes.
func (r *ruleFlags) reportOutput(useColor, unsafeFixes bool) (*reportOutput, error) {
	specs, err := r.Outputs.specs()
	if err != nil {
		return nil, err
	}
	out := &reportOutput{}
	for _, s := range specs {
		// Colour only where the terminal check was made: standard output.
		opts := report.Options{Color: useColor && s.dest == toStdout, Root: reportRoot(), Version: moduleVersion(), UnsafeFixes: unsafeFixes, Quiet: r.Quiet}
		rep, err := report.New(s.format, opts)
		if err != nil {
			return nil, err
		}
		out.reports = append(out.reports, outputReport{outputSpec: s, reporter: rep})
		if s.dest == toStdout {
			out.stdoutFormat = report.Name(s.format)
		}
	}
	if out.stdoutFormat == "" {
		out.summary, _ = report.New("text", report.Options{Color: useColor, SummaryOnly: true, Quiet: r.Quiet})
	}
	return out, nil
}

// suggestsFixes tells whether a report suggests fixes (rdjson, rdjsonl), so
// that the command runs the fix loop for it (report.SuggestsFixes).
func (o *reportOutput) suggestsFixes() bool {
	for _, rep := range o.reports {
		if report.SuggestsFixes(rep.format) {
			return true
		}
	}
	return false
}

// isText tells whether standard output gets human text (the text report,
// or the summary), after which other human lines may follow on the same
// stream.
func (o *reportOutput) isText() bool {
	return o.stdoutFormat == "" || o.stdoutFormat == "text"
}

// write writes every report of one run, computed once: files atomically
// (a temporary file beside, then a rename, so a reader never sees half a
// report), the others to stdout or stderr; then the summary, when no
// report went to stdout. A report that cannot be written does not keep the
// others from being written; the first error is returned.
func (o *reportOutput) write(stdout, stderr io.Writer, run *report.Run) error {
	var errs []error
	for _, rep := range o.reports {
		switch rep.dest {
		case toStdout, toStderr:
			w := stdout
			if rep.dest == toStderr {
				w = stderr
			}
			if err := rep.reporter.Report(w, run); err != nil {
				errs = append(errs, fmt.Errorf("cannot write the %s report: %w", rep.format, err))
			}
		case toFile:
			var b bytes.Buffer
			if err := rep.reporter.Report(&b, run); err != nil {
				errs = append(errs, fmt.Errorf("cannot write the %s report: %w", rep.format, err))
				continue
			}
			if err := rewrite.WriteFile(rep.path, b.Bytes()); err != nil {
				errs = append(errs, fmt.Errorf("cannot write the %s report to %s (%s): %w", rep.format, rep.path, rep.flag, err))
			}
		}
	}
	if o.summary != nil {
		if err := o.summary.Report(stdout, run); err != nil {
			errs = append(errs, fmt.Errorf("cannot write the report: %w", err))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

// reportRoot is the directory that repository-relative paths (SARIF,
// GitHub annotations, GitLab Code Quality) are relative to: the root of the
// git work tree around the working directory, or the working directory.
func reportRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd
		}
		dir = parent
	}
}

// moduleVersion is the version the binary was built as ("v1.2.3", or
// "(devel)" from a checkout): what `dflint version` says.
func moduleVersion() string {
	return currentBuild().Version
}

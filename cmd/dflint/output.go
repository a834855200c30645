package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/rewrite"
)

// reportOutput is where and how a command writes its report: the format's
// reporter, and with --output a file that gets the report while standard
// output gets the text summary (the errors and the closing line), so that a
// CI log still says what happened.
type reportOutput struct {
	format   string
	reporter report.Reporter
	file     string
	summary  report.Reporter
}

// reportOutput checks --format (a usage error before any work) and builds
// the reporters.
// unsafeFixes says that the run's suggestions include unsafe fixes.
func (r *ruleFlags) reportOutput(useColor, unsafeFixes bool) (*reportOutput, error) {
	if r.Output == "-" {
		r.Output = "" // "-" is standard output, as for the paths
	}
	opts := report.Options{Color: useColor && r.Output == "", Root: reportRoot(), Version: moduleVersion(), UnsafeFixes: unsafeFixes, Quiet: r.Quiet}
	rep, err := report.New(r.Format, opts)
	if err != nil {
		return nil, err
	}
	out := &reportOutput{format: r.Format, reporter: rep, file: r.Output}
	if r.Output != "" {
		out.summary, _ = report.New("text", report.Options{Color: useColor, SummaryOnly: true, Quiet: r.Quiet})
	}
	return out, nil
}

// isText tells whether standard output gets the human text report, after
// which other human lines may follow on the same stream.
func (o *reportOutput) isText() bool { return o.file != "" || o.format == "text" }

// write writes the report to the --output file (atomically: a temporary file
// beside it, then a rename, so a reader never sees half a report) or to w.
func (o *reportOutput) write(w io.Writer, run *report.Run) error {
	if o.file == "" {
		if err := o.reporter.Report(w, run); err != nil {
			return fmt.Errorf("cannot write the report: %w", err)
		}
		return nil
	}
	var b bytes.Buffer
	if err := o.reporter.Report(&b, run); err != nil {
		return fmt.Errorf("cannot write the report: %w", err)
	}
	if err := rewrite.WriteFile(o.file, b.Bytes()); err != nil {
		return fmt.Errorf("cannot write the report to --output %s: %w", o.file, err)
	}
	if err := o.summary.Report(w, run); err != nil {
		return fmt.Errorf("cannot write the report: %w", err)
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

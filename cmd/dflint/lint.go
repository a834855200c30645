package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/cobra"
)

type lintOptions struct {
	IO *IOStreams

	Paths []string
	ruleFlags
}

func newLintCmd(ios *IOStreams) *cobra.Command {
	opts := &lintOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "lint [PATH|DIR|-]...",
		Short: "Lint Dockerfiles",
		Long: `Lint Dockerfiles and report what the rules find.

A PATH is linted whatever its name. A DIR is walked for files named Dockerfile,
Containerfile, Dockerfile.*, Containerfile.*, *.Dockerfile, *.dockerfile and
*.containerfile (any letter case), skipping .git, vendor and node_modules.
Symbolic links are followed only to files inside the git work tree (else the
directory) being linted: --follow-symlinks=all follows every link, none none.
"-" reads standard input, reported under --stdin-filename. With no arguments,
the current directory is linted (standard input is read only when "-" says so,
so that a CI job without a terminal never waits on it).

Settings come from the .dflint.yaml (or .dflint.yml) nearest above each file, up
to the repository root, else from a .hadolint.yaml found the same way; --config
names one file for all, --no-config reads none, and flags beat the config.
'dflint config' shows which config governs which file.

Files are linted in parallel; output is in argument order, then path order.

Exit codes: 0 no findings at or above --fail-level; 1 findings at or above
--fail-level; 2 a config file has errors, a path is missing or unreadable, a
symbolic link is not followed, a directory named on the command line holds no
Dockerfile, a file does not parse
(reported as DF001), or the command line is wrong. Exit code 2 comes after every other file has
been linted and reported.`,
		Example: `  dflint lint                         # every Dockerfile under the current directory
  dflint lint Dockerfile build/       # a file and a directory
  cat Dockerfile | dflint lint -      # standard input
  dflint lint --format json . | jq '.findings[] | .rule'
  dflint lint --format sarif -o dflint.sarif .    # for GitHub code scanning
  dflint lint --format rdjson . | reviewdog -f=rdjson -reporter=github-pr-review
  dflint lint --format github .       # annotations in a GitHub Actions job
  dflint lint --select DF502,WorkdirRelativePath --fail-level error .`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := batchRun(cmd.Context())
			defer stop()
			opts.Paths = args
			return interrupted(ctx, runLint(ctx, opts), "no report was written")
		},
	}
	f := cmd.Flags()
	opts.ruleFlags.register(f, "lowest severity that makes the exit code 1")
	opts.ruleFlags.Registry.register(f, false)
	return cmd
}

func runLint(ctx context.Context, opts *lintOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	useColor, err := colorEnabled(opts.Color, opts.IO)
	if err != nil {
		return &usageError{err: err, command: "dflint lint"}
	}
	out, err := opts.reportOutput(useColor)
	if err != nil {
		return &usageError{err: err, command: "dflint lint"}
	}
	setups, err := opts.setups(opts.IO.ErrOut, "dflint lint", opts.Paths)
	if err != nil {
		return err
	}
	p := setups.plan(opts.targets(opts.Paths))
	run := &report.Run{}
	workers := 0 // one per core
	if sc := opts.ShellCheck.made; sc != nil {
		workers = sc.LintWorkers()
	}
	err = runner.LintEachN(ctx, workers, func(i int) (runner.Linter, error) {
		if p.errs[i] != nil {
			return nil, p.errs[i]
		}
		return p.setups[i].engine, nil
	}, p.targets, opts.IO.In, func(r report.Result) {
		run.Results = append(run.Results, r)
	})
	if err != nil {
		return err
	}
	if err := out.write(opts.IO.Out, run); err != nil {
		return err
	}
	opts.Registry.summarize(opts.IO.ErrOut)
	return lintOutcome(run, p.failLevels(opts.defaultFailLevel()))
}

// lintOutcome decides between exit codes 0, 1 and 2 for a finished run;
// failLevels[i] is the fail level of run.Results[i] (each file's config
// may set its own). Errors win over findings: a run that could not look at
// everything must not pass as merely "has findings".
func lintOutcome(run *report.Run, failLevels []rules.Severity) error {
	failed := false
	for i, r := range run.Results {
		if len(r.Errors) > 0 {
			return errReported
		}
		failLevel := failLevels[i]
		for _, f := range r.Findings {
			if f.RuleID == "DF001" {
				return errReported
			}
			if failLevel != rules.Off && f.Severity >= failLevel {
				failed = true
			}
		}
	}
	if failed {
		return errFindings
	}
	return nil
}

// parseFailLevel reads --fail-level; "none" (Off) never fails on findings.
func parseFailLevel(s string) (rules.Severity, error) {
	if strings.EqualFold(s, "none") {
		return rules.Off, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil || sev == rules.Off {
		return rules.Off, fmt.Errorf("invalid --fail-level %q: use error, warning, info, style or none", s)
	}
	return sev, nil
}

// colorEnabled decides --color. "always" beats NO_COLOR: an explicit flag
// is the user's latest word (https://no-color.org allows it).
func colorEnabled(mode string, ios *IOStreams) (bool, error) {
	switch strings.ToLower(mode) {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if ios.Getenv("NO_COLOR") != "" || ios.Getenv("TERM") == "dumb" {
			return false, nil
		}
		return ios.StdoutIsTerminal, nil
	}
	return false, fmt.Errorf("invalid --color %q: use auto, always or never", mode)
}

// trimAll drops blanks around and between comma-separated names, so that
// --select "DF502, DF503" works.
func trimAll(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

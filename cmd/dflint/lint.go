package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type lintOptions struct {
	IO *IOStreams

	Paths []string
	// UnsafeFixes adds unsafe fixes to the suggestions of rdjson and
	// rdjsonl (as dflint fix --unsafe-fixes would apply them).
	UnsafeFixes bool
	change      changeFlags
	// command names the command in usage errors ("dflint lint", or
	// "dflint" for the bare form).
	command string
	// AddIgnore writes ignore comments for the findings instead of
	// reporting them (runAddIgnore).
	AddIgnore bool
	ruleFlags
}

func newLintCmd(ios *IOStreams) *cobra.Command {
	opts := &lintOptions{IO: ios, command: "dflint lint"}
	cmd := &cobra.Command{
		Use:   "lint [PATH|DIR|-]...",
		Short: "Lint Dockerfiles",
		Long: `Lint Dockerfiles and report what the rules find.

A PATH is linted whatever its name. A DIR is walked for files named Dockerfile,
Containerfile, Dockerfile.*, Containerfile.*, *.Dockerfile, *.dockerfile and
*.containerfile (any letter case; not Dockerfile.md, .orig, .j2 and other
names whose extension says they are no Dockerfile), skipping .git, vendor and
node_modules, and, inside a git work tree, what .gitignore excludes (git
ls-files decides; without git, everything, with a warning).
Symbolic links are followed only to files inside the git work tree (else the
directory) being linted: --follow-symlinks=all follows every link, none none.
"-" reads standard input, reported under --stdin-filename. With no arguments,
the current directory is linted (standard input is read only when "-" says so,
so that a CI job without a terminal never waits on it).

Settings come from the .dflint.yaml (or .dflint.yml) nearest above each file, up
to the repository root, else from a .hadolint.yaml found the same way, else from
the user-level ~/.config/dflint.yaml (or hadolint's); --config names one file
for all, --no-config reads none. Flags beat DFLINT_* variables, which beat
hadolint's HADOLINT_* ones, which beat the config (docs/config.md lists them).
'dflint config' shows which config governs which file.

'dflint PATH...' is this command too, with hadolint's flags: --no-fail,
-t/--failure-threshold, -c, --no-color, --error/--warning/--info/--style RULE,
--require-label, --strict-labels, --disable-ignore-pragma.

Files are linted in parallel; output is in argument order, then path order.

Exit codes: 0 no findings at or above --fail-level; 1 findings at or above
--fail-level; 2 a config file has errors, a path is missing or unreadable, a
symbolic link is not followed, a directory named on the command line holds no
Dockerfile, a file does not parse
(reported as DF001), or the command line is wrong. Exit code 2 comes after every other file has
been linted and reported.

With --add-ignore, each file gets a '# dflint ignore=ID,…' comment above every
instruction with findings (an existing one is extended), so that it lints clean
afterwards: a baseline for a repository that adopts dflint. Files are written as
'dflint fix' writes them; "-" is written back to standard output. What a comment
cannot silence (a file that does not parse, a finding outside any instruction)
is reported, with the exit codes above.`,
		Example: `  dflint lint                         # every Dockerfile under the current directory
  dflint lint Dockerfile build/       # a file and a directory
  cat Dockerfile | dflint lint -      # standard input
  dflint lint --format json . | jq '.findings[] | .rule'
  dflint lint --format sarif -o dflint.sarif .    # for GitHub code scanning
  dflint lint --format rdjson . | reviewdog -f=rdjson -reporter=github-pr-review
  dflint lint --format github .       # annotations in a GitHub Actions job
  dflint lint --select DF502,WorkdirRelativePath --fail-level error .
  dflint lint --add-ignore .          # baseline: ignore comments for every current finding`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := batchRun(cmd.Context())
			defer stop()
			opts.Paths = args
			return interrupted(ctx, runLint(ctx, opts), "no report was written")
		},
	}
	opts.registerFlags(cmd.Flags())
	return cmd
}

// registerFlags adds lint's flags (to lint, and to the bare form).
func (opts *lintOptions) registerFlags(f *pflag.FlagSet) {
	opts.ruleFlags.getenv = opts.IO.Getenv
	opts.change.register(f)
	f.BoolVar(&opts.UnsafeFixes, "unsafe-fixes", false, "with --format rdjson or rdjsonl, also suggest the fixes that may change what the image does")
	f.BoolVar(&opts.AddIgnore, "add-ignore", false, "write a `# dflint ignore=` comment above every instruction with findings, so the files lint clean: a baseline for an existing repository (like ruff's --add-noqa)")
	opts.ruleFlags.register(f, "lowest severity that makes the exit code 1")
	opts.ruleFlags.Registry.register(f, false)
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only the findings and errors, without the summary line (a clean run prints nothing)")
	f.BoolVar(&opts.Statistics, "statistics", false, "print how many findings each rule has (with its name and whether dflint fix fixes them) instead of the findings; --format text or json")
}

func runLint(ctx context.Context, opts *lintOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.command == "" {
		opts.command = "dflint lint"
	}
	if err := opts.settle(opts.IO.ErrOut, opts.command); err != nil {
		return err
	}
	useColor, err := colorEnabled(opts.colorMode(), opts.IO)
	if err != nil {
		return &usageError{err: err, command: opts.command}
	}
	out, err := opts.reportOutput(useColor, opts.UnsafeFixes)
	if err != nil {
		return &usageError{err: opts.envErr("format", err), command: opts.command}
	}
	if opts.Statistics {
		// Every report becomes the table (text) or its JSON: --statistics
		// replaces the findings, wherever each report goes.
		for i := range out.reports {
			rep := &out.reports[i]
			rOpts := report.Options{Color: useColor && rep.dest == toStdout, Quiet: opts.Quiet}
			if rep.reporter, err = report.NewStatistics(rep.format, rOpts); err != nil {
				return &usageError{err: err, command: opts.command}
			}
		}
	}
	if opts.AddIgnore {
		return runAddIgnore(ctx, opts, out)
	}
	setups, err := opts.setups(opts.IO.ErrOut, opts.command, opts.Paths)
	if err != nil {
		return err
	}
	p := setups.plan(opts.targets(opts.Paths, opts.IO.ErrOut))
	changed, err := opts.change.changed(p.targets)
	if err != nil {
		return &usageError{err: err, command: "dflint lint"}
	}
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
	if changed != nil {
		keepChanged(run, changed)
	}
	if out.suggestsFixes() {
		if err := addFixed(ctx, run, p, opts.UnsafeFixes, changed); err != nil {
			return err
		}
	}
	if err := out.write(opts.IO.Out, opts.IO.ErrOut, run); err != nil {
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
	// hadolint's -t ignore is none.
	if strings.EqualFold(s, "none") || strings.EqualFold(s, "ignore") {
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

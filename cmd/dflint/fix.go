package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/cobra"
)

type fixOptions struct {
	IO *IOStreams

	Paths  []string
	Diff   bool
	Check  bool
	Unsafe bool
	// unsafeRules apply their unsafe fixes without --unsafe-fixes
	// (pin --update: DF103's digest updates).
	unsafeRules []string
	// command names the command in usage errors ("dflint fix").
	command string
	change  changeFlags
	ruleFlags
}

func newFixCmd(ios *IOStreams) *cobra.Command {
	opts := &fixOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "fix [PATH|DIR|-]...",
		Short: "Fix Dockerfiles in place, or show the fixes as a diff",
		Long: `Apply the fixes of the rules to Dockerfiles.

Files and config files are found as by 'dflint lint'. Fixes are applied in
rounds until nothing changes: a fix that overlaps another is applied in the
next round, and a round whose result no longer parses is undone (and reported)
so the file is never left broken. Files are rewritten atomically (a temporary
file beside the original, same mode and owner, then a rename; a file with
hard links, or whose group cannot be kept, is written in place), and a file
that changed since dflint read it is left alone and reported. A file named by
several paths (a symlink, a hard link) is fixed once.

Safe fixes do not change what the image does and are applied by default. Fixes
that can (another base image, another user, other packages) are applied only
with --unsafe-fixes.

With --diff, a unified diff that 'git apply' and 'patch -p1' accept is printed
and nothing is written. With --check, nothing is written either, and the exit
code says whether anything would change (for pre-commit hooks and CI). With
"-", standard input is fixed and the fixed text is written to standard output.

After fixing, dflint reports what it fixed and the findings that are left.

Exit codes: 0 nothing left at or above --fail-level (with --check or --diff:
nothing would change); 1 findings left at or above --fail-level (with --check
or --diff: a file would change); 2 errors: a config file has errors, a path is
missing or unreadable, a file does not parse, fixes did not settle, a file
changed while dflint ran or could not be written, or the command line is
wrong.`,
		Example: `  dflint fix                          # fix every Dockerfile under the current directory
  dflint fix --diff Dockerfile        # show what would change
  dflint fix --diff . | git apply     # the same, applied by git
  dflint fix --check .                # exit 1 when a fix is pending (pre-commit, CI)
  dflint fix --unsafe-fixes Dockerfile
  dflint fix - < Dockerfile > Dockerfile.fixed`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := batchRun(cmd.Context())
			defer stop()
			opts.Paths = args
			return interrupted(ctx, runFix(ctx, opts), fixInterrupted)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.Diff, "diff", false, "print a unified diff of the fixes instead of writing files")
	f.BoolVar(&opts.Check, "check", false, "write nothing; exit 1 when a file would change")
	f.BoolVar(&opts.Unsafe, "unsafe-fixes", false, "also apply fixes that may change what the image does")
	opts.change.register(f)
	opts.ruleFlags.getenv = ios.Getenv
	opts.ruleFlags.register(f, "lowest severity of a finding left after fixing that makes the exit code 1")
	opts.ruleFlags.Registry.register(f, false)
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "print only the findings left and the problems: no summary, no count of what was fixed (a clean run prints nothing)")
	return cmd
}

// fixOutcome is what fixing one target gave.
type fixOutcome struct {
	target discover.Target
	res    *rewrite.Result[rules.Finding]
	err    error // the file could not be read, fixed or written
}

func runFix(ctx context.Context, opts *fixOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if opts.command == "" {
		opts.command = "dflint fix"
	}
	usage := func(err error) error { return &usageError{err: err, command: opts.command} }
	if opts.Diff && opts.Check {
		return usage(errors.New("--diff and --check do not go together: --diff already writes nothing and exits 1 when a file would change"))
	}
	if err := opts.settle(opts.IO.ErrOut, opts.command); err != nil {
		return err
	}
	useColor, err := colorEnabled(opts.colorMode(), opts.IO)
	if err != nil {
		return usage(err)
	}
	out, err := opts.reportOutput(useColor, opts.Unsafe)
	if err != nil {
		return usage(opts.envErr("format", err))
	}
	setups, err := opts.setups(opts.IO.ErrOut, "dflint fix", opts.Paths)
	if err != nil {
		return err
	}
	p := setups.plan(onePathPerFile(opts.targets(opts.Paths, opts.IO.ErrOut)))
	targets := p.targets
	changed, err := opts.change.changed(targets)
	if err != nil {
		return usage(err)
	}
	read := runner.Sources(ctx, targets, opts.IO.In)
	writes := !opts.Diff && !opts.Check
	// Reports go to stderr whenever stdout carries data (a diff, or the
	// fixed standard input), so the data can be piped on untouched.
	reportTo := opts.IO.Out
	if opts.Diff || (writes && hasStdin(targets)) {
		reportTo = opts.IO.ErrOut
	}

	var outcomes []fixOutcome
	workers := 0 // one per core
	if sc := opts.ShellCheck.made; sc != nil {
		workers = sc.LintWorkers() // files waiting on ShellCheck fill its batches
	}
	err = runner.Ordered(ctx, workers, len(targets), func(i int) fixOutcome {
		t := targets[i]
		o := fixOutcome{target: t}
		if t.Err != nil {
			o.err = t.Err
			return o
		}
		if p.errs[i] != nil {
			o.err = p.errs[i]
			return o
		}
		src, err := read(t)
		if err != nil {
			o.err = err
			return o
		}
		o.res, o.err = fixSource(ctx, linterFor(p.setups[i].engine, changed, t.Path, src), t.Path, src, rewrite.Options{Unsafe: opts.Unsafe, UnsafeRules: opts.unsafeRules})
		if o.res != nil && o.res.File != nil {
			// The report reads the text and the ranges; the trees would
			// wait in memory until every file is fixed.
			o.res.File = o.res.File.Outline()
		}
		return o
	}, func(_ int, o fixOutcome) {
		// Writing happens here, in target order on one goroutine, so that
		// the output and the files change in a deterministic order.
		if o.err == nil && o.res != nil {
			switch {
			case o.target.Stdin && writes:
				if _, err := opts.IO.Out.Write(o.res.Output); err != nil {
					o.err = fmt.Errorf("cannot write standard output: %w", err)
				}
			case writes && o.res.Changed():
				if err := writeFixed(o.target.Path, o.res.Input, o.res.Output); err != nil {
					o.err = err
				}
			case opts.Diff && o.res.Changed():
				d := rewrite.UnifiedDiff(diffName(o.target), o.res.Input, o.res.Output)
				if _, err := opts.IO.Out.Write(d); err != nil {
					o.err = fmt.Errorf("cannot write standard output: %w", err)
				}
			}
		}
		outcomes = append(outcomes, o)
	})
	if err != nil {
		return err
	}
	opts.Registry.summarize(opts.IO.ErrOut)
	return reportFix(reportTo, outcomes, opts, out, p.failLevels(opts.defaultFailLevel()))
}

// writeFixed replaces a fixed file unless it changed since it was read
// (rewrite.ReplaceFile); tests replace it to fail or to race a write.
var writeFixed = rewrite.ReplaceFile

// onePathPerFile keeps the first of the targets that name the same file:
// discover drops a path named twice, but not two paths to one file (a
// symlink and its target, two hard links, dir/../Dockerfile). Fixed once
// per path, such a file would be written twice and counted twice, and the
// second write would find the file changed since its read.
func onePathPerFile(targets []discover.Target) []discover.Target {
	out := targets[:0:0]
	// Files of equal size are the only candidates: os.SameFile compares
	// device and inode, which os.FileInfo does not expose portably.
	bySize := map[int64][]os.FileInfo{}
next:
	for _, t := range targets {
		if t.Err != nil || t.Stdin {
			out = append(out, t)
			continue
		}
		info, err := os.Stat(t.Path)
		if err != nil {
			out = append(out, t) // reading it will say what is wrong
			continue
		}
		for _, seen := range bySize[info.Size()] {
			if os.SameFile(seen, info) {
				continue next
			}
		}
		bySize[info.Size()] = append(bySize[info.Size()], info)
		out = append(out, t)
	}
	return out
}

// fixInterrupted says what an interrupted fix or pin leaves behind: files
// are written in argument order, each whole or not at all (write, then
// rename), and a file in the middle of its fix when the signal came is not
// written.
const fixInterrupted = "the files written so far were written whole, in argument order; the others are unchanged (run the command again to finish)"

func hasStdin(ts []discover.Target) bool {
	for _, t := range ts {
		if t.Stdin {
			return true
		}
	}
	return false
}

// fixSource runs the fix loop on one file, turning a panic into an error for
// that file only.
func fixSource(ctx context.Context, l rewrite.Linter[rules.Finding], path string, src []byte, opts rewrite.Options) (res *rewrite.Result[rules.Finding], err error) {
	defer func() {
		if x := recover(); x != nil {
			res, err = nil, runner.Crashed("fixing", x)
		}
	}()
	return rewrite.Fix(ctx, l, path, src, opts)
}

// diffName is the path a target has in diff headers: relative to the
// working directory when possible, since git apply refuses absolute paths.
func diffName(t discover.Target) string {
	if t.Stdin || !filepath.IsAbs(t.Path) {
		return t.Path
	}
	if rel, err := filepath.Rel(".", t.Path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	if abs, err := filepath.Abs("."); err == nil {
		if rel, err := filepath.Rel(abs, t.Path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return t.Path
}

// reportFix prints what was fixed, what was left, and decides the exit code.
// The findings left go out in --format (to --output when given); the lines
// about what was fixed follow them for the text format, and go to standard
// error for the machine formats, whose output must stay parsable.
// failLevels[i] is the fail level of outcomes[i].
func reportFix(w io.Writer, outcomes []fixOutcome, opts *fixOptions, out *reportOutput, failLevels []rules.Severity) error {
	verb := "Fixed"
	if opts.Diff || opts.Check {
		verb = "Would fix"
	}
	run := &report.Run{}
	applied := map[string]int{}
	var changedFiles, appliedTotal int
	var problems []string
	for _, o := range outcomes {
		r := report.Result{Path: o.target.Path}
		if o.err != nil {
			r.Errors = append(r.Errors, o.err)
		}
		// A file with an error (its write failed, or it changed since it
		// was read) holds none of its fixes: they are not counted, and
		// the findings left, placed in a text that is nowhere, are not
		// shown. The error makes the exit code 2.
		if o.res != nil && o.err == nil {
			if o.res.Changed() {
				changedFiles++
			}
			for _, a := range o.res.Applied {
				applied[a.RuleID]++
				appliedTotal++
			}
			r.File = o.res.File
			r.Findings = o.res.Remaining
		}
		problems = append(problems, roundProblems(&r, o.target.Path, o.res, "the fix of %s %s; it was undone and left out")...)
		run.Results = append(run.Results, r)
	}

	if len(run.Results) > 0 {
		if err := out.write(w, opts.IO.ErrOut, run); err != nil {
			return err
		}
	}
	if !out.isText() {
		w = opts.IO.ErrOut
	}
	for _, p := range problems {
		fmt.Fprintln(w, p)
	}
	switch {
	case opts.Quiet:
		// -q: the findings left and the problems, nothing about what went well.
	case appliedTotal > 0:
		ids := make([]string, 0, len(applied))
		for id := range applied {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = fmt.Sprintf("%s ×%d", id, applied[id])
		}
		fmt.Fprintf(w, "%s %s in %s (%s).\n", verb, plural(appliedTotal, "finding"), plural(changedFiles, "file"), strings.Join(parts, ", "))
	default:
		fmt.Fprintln(w, "Nothing to fix.")
	}

	// Errors (and files that do not parse) win over everything else.
	outcome := lintOutcome(run, failLevels)
	if outcome == errReported {
		return errReported
	}
	if opts.Check || opts.Diff {
		if changedFiles > 0 {
			return errFindings
		}
		return nil
	}
	return outcome
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// roundProblems adds the fix loop's engine errors to r and returns a line
// for the user per round that was undone; undone is its wording, with the
// rules and the problem for its two %s.
func roundProblems(r *report.Result, path string, res *rewrite.Result[rules.Finding], undone string) []string {
	if res == nil {
		return nil
	}
	var problems []string
	for _, rb := range res.RolledBack {
		problems = append(problems, path+": "+fmt.Sprintf(undone, strings.Join(rb.Rules, ", "), rb.Problem())+" (please report this with the Dockerfile)")
	}
	for _, err := range res.Errs {
		// The engine names the file in its errors; the result already
		// does (as runner.LintSource trims them too).
		r.Errors = append(r.Errors, errors.New(strings.TrimPrefix(err.Error(), path+": ")))
	}
	return problems
}

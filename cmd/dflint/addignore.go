package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/rules"
)

// addIgnoreOutcome is what --add-ignore did to one target.
type addIgnoreOutcome struct {
	target discover.Target
	res    *rules.Baseline
	err    error
}

// runAddIgnore is `dflint lint --add-ignore`: the files are found, read
// and configured as for lint, each gets the ignore comments that silence
// its current findings (rules.AddIgnores), and is written as dflint fix
// writes (rewrite.ReplaceFile: atomically, and not when it changed since
// it was read). Standard input comes back on standard output with its
// comments. What no comment can silence is reported as lint reports it,
// and decides the exit code as for lint.
func runAddIgnore(ctx context.Context, opts *lintOptions, out *reportOutput) error {
	setups, err := opts.setups(opts.IO.ErrOut, opts.command, opts.Paths)
	if err != nil {
		return err
	}
	p := setups.plan(onePathPerFile(opts.targets(opts.Paths, opts.IO.ErrOut)))
	targets := p.targets
	read := runner.Sources(ctx, targets, opts.IO.In)
	reportTo := opts.IO.Out
	if hasStdin(targets) {
		reportTo = opts.IO.ErrOut // standard output carries the file
	}
	var outcomes []addIgnoreOutcome
	err = runner.Ordered(ctx, 0, len(targets), func(i int) addIgnoreOutcome {
		t := targets[i]
		o := addIgnoreOutcome{target: t, err: t.Err}
		if o.err == nil {
			o.err = p.errs[i]
		}
		if o.err != nil {
			return o
		}
		src, err := read(t)
		if err != nil {
			o.err = err
			return o
		}
		o.res, o.err = addIgnores(ctx, p.setups[i].engine, t.Path, src)
		if o.res != nil && o.res.File != nil {
			o.res.File = o.res.File.Outline()
		}
		return o
	}, func(_ int, o addIgnoreOutcome) {
		// In target order, on one goroutine, as dflint fix writes.
		if o.err == nil && o.res != nil {
			switch {
			case o.target.Stdin:
				if _, err := opts.IO.Out.Write(o.res.Output); err != nil {
					o.err = fmt.Errorf("cannot write standard output: %w", err)
				}
			case o.res.Changed():
				o.err = writeFixed(o.target.Path, o.res.Input, o.res.Output)
			}
		}
		outcomes = append(outcomes, o)
	})
	if err != nil {
		return err
	}
	opts.Registry.summarize(opts.IO.ErrOut)
	return reportAddIgnore(reportTo, opts.IO.ErrOut, outcomes, out, p.failLevels(opts.defaultFailLevel()))
}

// addIgnores runs rules.AddIgnores on one file, turning a panic into an
// error for that file only.
func addIgnores(ctx context.Context, engine *rules.Engine, path string, src []byte) (res *rules.Baseline, err error) {
	defer func() {
		if x := recover(); x != nil {
			res, err = nil, runner.Crashed("adding ignore comments", x)
		}
	}()
	res, err = rules.AddIgnores(ctx, engine, path, src)
	if errors.Is(err, rules.ErrIgnoreCommentsOff) {
		err = fmt.Errorf("cannot add ignore comments: %w", err)
	}
	return res, err
}

// reportAddIgnore reports the findings left (those no comment silences) in
// --format, then says what was written and why anything is left (on
// standard error when the report is for a machine), and decides the exit
// code as lint does.
func reportAddIgnore(w, errOut io.Writer, outcomes []addIgnoreOutcome, out *reportOutput, failLevels []rules.Severity) error {
	run := &report.Run{}
	ignored := map[string]int{}
	var comments, files, total, unparsed, outside int
	var problems []string
	for _, o := range outcomes {
		r := report.Result{Path: o.target.Path}
		if o.err != nil {
			r.Errors = append(r.Errors, o.err)
		}
		if o.res != nil && o.err == nil {
			if o.res.Changed() {
				files++
				comments += len(o.res.Applied)
			}
			for id, n := range o.res.Ignored {
				ignored[id] += n
				total += n
			}
			r.File, r.Findings = o.res.File, o.res.Remaining
			for _, f := range o.res.Remaining {
				if f.RuleID == "DF001" {
					unparsed++
				} else {
					outside++
				}
			}
		}
		if o.res != nil {
			problems = append(problems, roundProblems(&r, o.target.Path, o.res.Result, "the ignore comment for %s %s; it was undone")...)
		}
		run.Results = append(run.Results, r)
	}
	if err := out.write(w, errOut, run); err != nil {
		return err
	}
	if !out.isText() {
		w = errOut
	}
	for _, p := range problems {
		fmt.Fprintln(w, p)
	}
	if total > 0 {
		ids := make([]string, 0, len(ignored))
		for id := range ignored {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = fmt.Sprintf("%s ×%d", id, ignored[id])
		}
		fmt.Fprintf(w, "Added %s for %s in %s (%s).\n", plural(comments, "ignore comment"), plural(total, "finding"), plural(files, "file"), strings.Join(parts, ", "))
	} else {
		fmt.Fprintln(w, "No ignore comment to add.")
	}
	if unparsed > 0 {
		fmt.Fprintf(w, "%s not parse: a parse error (DF001) cannot be ignored; fix the syntax, then run --add-ignore again.\n", pluralVerb(unparsed, "file does", "files do"))
	}
	if outside > 0 {
		fmt.Fprintf(w, "%s outside any instruction (such as an unused ignore comment, DF002) cannot be ignored by a comment above an instruction: fix them, or turn the rule off in the config.\n",
			plural(outside, "finding"))
	}
	return lintOutcome(run, failLevels)
}

// pluralVerb is "1 one" or "N many".
func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

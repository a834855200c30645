package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/dflint/dflint/internal/changedlines"
	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/pflag"
)

// changeFlags choose the change under review: with one of them, lint
// reports only the findings on lines the change added or modified, like
// golangci-lint's --new-from-rev and --new-from-patch.
type changeFlags struct {
	FromRev   string
	FromPatch string
}

func (c *changeFlags) register(f *pflag.FlagSet) {
	f.StringVar(&c.FromRev, "new-from-rev", "", "report only findings on lines changed since this git revision (git diff REV, run in each file's repository; untracked files count as new)")
	f.StringVar(&c.FromPatch, "new-from-patch", "", "report only findings on lines this unified diff adds or changes (git diff or GitHub's .diff; paths relative to the repository root around the working directory, else to the working directory)")
}

// active tells whether a change was given.
func (c *changeFlags) active() bool { return c.FromRev != "" || c.FromPatch != "" }

// changed reads the change for the targets; nil without the flags.
func (c *changeFlags) changed(targets []discover.Target) (*changedlines.Set, error) {
	switch {
	case c.FromRev != "" && c.FromPatch != "":
		return nil, errors.New("--new-from-rev and --new-from-patch do not go together: give one change")
	case c.FromRev != "":
		var paths []string
		for _, t := range targets {
			if t.Err == nil {
				paths = append(paths, t.Path)
			}
		}
		return changedlines.FromRev(c.FromRev, paths)
	case c.FromPatch != "":
		f, err := os.Open(c.FromPatch)
		if err != nil {
			return nil, fmt.Errorf("--new-from-patch: %w", err)
		}
		defer f.Close()
		set, err := changedlines.ParsePatch(f, reportRoot())
		if err != nil {
			return nil, fmt.Errorf("--new-from-patch %s: %w", c.FromPatch, err)
		}
		return set, nil
	}
	return nil, nil
}

// keepChanged drops the findings that touch no changed line, and every
// finding of a file the change does not touch. A file that does not parse
// (DF001) is still reported when the change touches it: none of its lines
// could be checked. Errors are not findings and are kept.
func keepChanged(run *report.Run, set *changedlines.Set) {
	for i := range run.Results {
		r := &run.Results[i]
		lines, touched := set.Of(r.Path)
		if !touched {
			r.Findings = nil
			continue
		}
		r.Changed = &lines
		r.Findings = onLines(r.Findings, lines)
	}
}

// onLines keeps, in place, the findings that touch lines, and DF001: a
// file that does not parse could not be checked line by line.
func onLines(fs []rules.Finding, lines changedlines.Lines) []rules.Finding {
	kept := fs[:0]
	for _, f := range fs {
		if f.RuleID == "DF001" || findingTouches(&f, lines) {
			kept = append(kept, f)
		}
	}
	return kept
}

// findingTouches tells whether a finding's lines meet the changed lines;
// a range that ends at the start of a line does not cover that line.
func findingTouches(f *rules.Finding, lines changedlines.Lines) bool {
	last := f.EndLine
	if f.EndColumn == 1 && f.End > f.Start && last > f.Line {
		last--
	}
	return lines.Touches(f.Line, last)
}

// addFixed runs the fix loop on every file with a fix to suggest and keeps
// its output in the result, for the formats that suggest fixes: their
// suggestions are what dflint fix writes (with the same change, when one
// is given: what dflint fix --new-from-… writes). Files are fixed in
// parallel; a file whose fixes fail is suggested fix by fix.
func addFixed(ctx context.Context, run *report.Run, p *plan, unsafe bool, changed *changedlines.Set) error {
	return runner.Ordered(ctx, 0, len(run.Results), func(i int) []byte {
		r := &run.Results[i]
		if r.File == nil || p.setups[i] == nil || p.errs[i] != nil || !hasFix(r.Findings) {
			return nil
		}
		res, err := fixSource(ctx, linterFor(p.setups[i].engine, changed, r.Path, r.File.Source), r.Path, r.File.Source, rewrite.Options{Unsafe: unsafe})
		if err != nil || res == nil {
			return nil
		}
		return res.Output
	}, func(i int, fixed []byte) {
		run.Results[i].Fixed = fixed
	})
}

func hasFix(fs []rules.Finding) bool {
	for _, f := range fs {
		if f.Fix != nil && len(f.Fix.Edits) > 0 {
			return true
		}
	}
	return false
}

// linterFor is the linter the fix loop runs with on one file: the engine,
// or with a change, the engine seen through changedLinter.
func linterFor(engine *rules.Engine, changed *changedlines.Set, path string, src []byte) rewrite.Linter[rules.Finding] {
	if changed == nil {
		return engine
	}
	lines, touched := changed.Of(path)
	return &changedLinter{engine: engine, orig: src, lines: lines, touched: touched}
}

// changedLinter is the linter `dflint fix --new-from-…` runs the fix loop
// with: it shows the loop only the findings on changed lines, so only
// their fixes are applied and only they are reported as left. The lines
// of the change are followed through each round's fixes: a line that
// kept its text keeps its place in the change, and a line a fix wrote
// counts as changed (the findings on it come from the change's fixes).
type changedLinter struct {
	engine  *rules.Engine
	orig    []byte
	lines   changedlines.Lines
	touched bool // the change touches the file at all
}

func (c *changedLinter) Lint(ctx context.Context, f *parser.File) ([]rules.Finding, []error) {
	findings, errs := c.engine.Lint(ctx, f)
	if !c.touched {
		return keepParseErrors(findings), errs
	}
	return onLines(findings, followLines(c.orig, f.Source, c.lines)), errs
}

// keepParseErrors keeps only DF001: a file that stops parsing is always
// reported, so that the fix loop rolls back a round that breaks it.
func keepParseErrors(fs []rules.Finding) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.RuleID == "DF001" {
			out = append(out, f)
		}
	}
	return out
}

// followLines maps changed lines of orig onto cur (orig after some fixes):
// unchanged lines move with the text around them, lines that differ from
// orig are changed.
func followLines(orig, cur []byte, lines changedlines.Lines) changedlines.Lines {
	if bytes.Equal(orig, cur) {
		return lines
	}
	var out []changedlines.Range
	mark := func(line int) {
		if n := len(out); n > 0 && out[n-1].To == line-1 {
			out[n-1].To = line
			return
		}
		out = append(out, changedlines.Range{From: line, To: line})
	}
	oldLine, newLine := 1, 1
	for _, h := range rewrite.LineHunks(orig, cur) {
		for ; oldLine < h.OldFrom; oldLine, newLine = oldLine+1, newLine+1 {
			if lines.Contains(oldLine) {
				mark(newLine)
			}
		}
		for range h.New {
			mark(newLine)
			newLine++
		}
		oldLine = h.OldTo + 1
	}
	total := bytes.Count(orig, []byte("\n")) + 1
	for ; oldLine <= total; oldLine, newLine = oldLine+1, newLine+1 {
		if lines.Contains(oldLine) {
			mark(newLine)
		}
	}
	return out
}

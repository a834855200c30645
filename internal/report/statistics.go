package report

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/dflint/dflint/internal/visible"
	"github.com/dflint/dflint/rules"
)

// RuleCount is one row of --statistics: how often a rule was found, and
// the best fix its findings carry.
type RuleCount struct {
	Rule  string `json:"rule"`
	Name  string `json:"name"`
	Count int    `json:"count"`
	// Fix is "safe" when `dflint fix` fixes at least one of the findings,
	// "unsafe" when only `dflint fix --unsafe-fixes` does, "" when none has
	// a fix that is applied (display-only fixes are shown, never applied).
	Fix string `json:"fix"`
}

// Statistics counts the run's findings per rule, the most found first
// (then by rule ID).
func Statistics(run *Run) []RuleCount {
	byRule := map[string]*RuleCount{}
	var out []*RuleCount
	for _, r := range run.Results {
		for _, f := range r.Findings {
			rc := byRule[f.RuleID]
			if rc == nil {
				rc = &RuleCount{Rule: f.RuleID, Name: f.Name}
				byRule[f.RuleID] = rc
				out = append(out, rc)
			}
			rc.Count++
			if f.Fix != nil {
				switch {
				case f.Fix.Applicability == rules.Safe:
					rc.Fix = string(rules.Safe)
				case f.Fix.Applicability == rules.Unsafe && rc.Fix == "":
					rc.Fix = string(rules.Unsafe)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b *RuleCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Rule, b.Rule))
	})
	rows := make([]RuleCount, len(out))
	for i, rc := range out {
		rows[i] = *rc
	}
	return rows
}

// NewStatistics is the reporter of --statistics (ruff's): a table of
// counts per rule instead of the findings, in the text format (followed by
// the errors and the summary line, as the text format ends) or as a JSON
// array in the json format.
func NewStatistics(format string, opts Options) (Reporter, error) {
	switch Name(format) {
	case "text":
		rest := opts
		rest.SummaryOnly = true
		return &statistics{rest: newText(rest)}, nil
	case "json":
		return &statistics{json: true}, nil
	}
	return nil, fmt.Errorf("--statistics writes a table (--format text) or JSON (--format json), not %s", format)
}

type statistics struct {
	json bool
	rest Reporter // the errors and the summary, after the table
}

func (s *statistics) Report(w io.Writer, run *Run) error {
	rows := Statistics(run)
	if s.json {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if rows == nil {
			rows = []RuleCount{}
		}
		return enc.Encode(rows)
	}
	// The counts right-aligned (padded here: tabwriter aligns every
	// column one way), the rest left-aligned:
	//
	//	count  rule   fix     name
	//	   12  DF401  safe    apt-no-install-recommends
	//	    1  DF502          relative-workdir
	bw := bufio.NewWriter(w)
	if len(rows) > 0 {
		width := len("count")
		for _, r := range rows {
			width = max(width, len(strconv.Itoa(r.Count)))
		}
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "%*s\trule\tfix\tname\n", width, "count")
		for _, r := range rows {
			fmt.Fprintf(tw, "%*d\t%s\t%s\t%s\n", width, r.Count, visible.String(r.Rule), r.Fix, visible.String(r.Name))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return s.rest.Report(w, run)
}

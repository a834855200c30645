package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/dflint/dflint/rules"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	IO   *IOStreams
	Keys []string
}

func newExplainCmd(ios *IOStreams) *cobra.Command {
	opts := &explainOptions{IO: ios}
	return &cobra.Command{
		Use:   "explain ID|NAME|ALIAS...",
		Short: "Show a rule's documentation",
		Long: `Show a rule's full documentation: what it finds, why it matters, a bad and a
good example, its fix and its aliases. A hadolint code (DL3000), a BuildKit check
name (WorkdirRelativePath) or another tool's ID resolves to the dflint rule that
covers it.`,
		Example: `  dflint explain DF502
  dflint explain relative-workdir
  dflint explain DL3000`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Keys = args
			return runExplain(opts)
		},
	}
}

func runExplain(opts *explainOptions) error {
	var found []*rules.Rule
	seen := map[*rules.Rule]bool{}
	for _, key := range opts.Keys {
		rs, err := rules.Resolve(key)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if !seen[r] {
				seen[r] = true
				found = append(found, r)
			}
		}
	}
	for i, r := range found {
		if i > 0 {
			fmt.Fprintln(opts.IO.Out)
		}
		explain(opts.IO.Out, r)
	}
	return nil
}

// explain prints a rule's doc in the layout of BuildKit's check pages:
// heading, description, then Bad and Good examples.
func explain(w io.Writer, r *rules.Rule) {
	fmt.Fprintf(w, "%s %s (%s)\n\n", r.ID, r.Name, severityLabel(r))
	if r.Summary != "" {
		fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(r.Summary))
	}
	if d := strings.TrimSpace(r.Description); d != "" && d != strings.TrimSpace(r.Summary) && d != strings.TrimSpace(r.Summary)+"." {
		fmt.Fprintf(w, "%s\n\n", d)
	}
	example := func(title, src string) {
		if strings.TrimSpace(src) == "" {
			return
		}
		fmt.Fprintf(w, "%s:\n", title)
		for _, line := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
		fmt.Fprintln(w)
	}
	example("Bad", r.Bad)
	example("Good", r.Good)
	fix := "none"
	if r.Fix != "" {
		fix = string(r.Fix)
		if r.FixOnline {
			fix += ", needs --online"
		}
		if r.FixSummary != "" {
			fix += ": " + r.FixSummary
		}
	}
	fmt.Fprintf(w, "Fix: %s\n", fix)
	if len(r.Aliases) > 0 {
		fmt.Fprintf(w, "Aliases: %s\n", strings.Join(r.Aliases, ", "))
	}
	if r.URL != "" {
		fmt.Fprintf(w, "Docs: %s\n", r.URL)
	}
}

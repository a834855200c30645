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
	// Each entry is a rule or a hadolint code that no rule covers.
	var found []func(io.Writer)
	seen := map[*rules.Rule]bool{}
	for _, key := range opts.Keys {
		rs, err := rules.Resolve(key)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			if c, ok := rules.LookupUncovered(key); ok {
				found = append(found, func(w io.Writer) { explainUncovered(w, c) })
			}
		}
		for _, r := range rs {
			if !seen[r] {
				seen[r] = true
				found = append(found, func(w io.Writer) { explain(w, r) })
			}
		}
	}
	for i, show := range found {
		if i > 0 {
			fmt.Fprintln(opts.IO.Out)
		}
		show(opts.IO.Out)
	}
	return nil
}

// explainUncovered says what became of a hadolint code that no dflint rule
// covers.
func explainUncovered(w io.Writer, c rules.UncoveredCode) {
	status := "hadolint still reports it; dflint has no rule for it"
	if c.Retired {
		status = "retired: hadolint no longer has this rule"
	}
	fmt.Fprintf(w, "%s (hadolint code, %s)\n\n", c.Code, status)
	fmt.Fprintf(w, "%s\n\n", wrap("hadolint: "+c.Hadolint, 88))
	fmt.Fprintf(w, "%s\n\n", wrap("dflint: "+c.Instead, 88))
	fmt.Fprintf(w, "Ignore comments, --select and --ignore accept %s; it silences and selects nothing.\n", c.Code)
}

// wrap breaks text into lines of at most width columns at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	col := 0
	for _, word := range strings.Fields(text) {
		if col > 0 && col+1+len(word) > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	return b.String()
}

// explain prints a rule's doc in the layout of BuildKit's check pages:
// heading, description, then Bad and Good examples.
func explain(w io.Writer, r *rules.Rule) {
	doc := r.Doc()
	fmt.Fprintf(w, "%s %s (%s)\n\n", r.ID, r.Name, severityLabel(r))
	if r.Summary != "" {
		fmt.Fprintf(w, "%s\n\n", strings.TrimSpace(r.Summary))
	}
	if d := strings.TrimSpace(doc.Description); d != "" && d != strings.TrimSpace(r.Summary) && d != strings.TrimSpace(r.Summary)+"." {
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
	if r.ExampleFlags != "" {
		fmt.Fprintf(w, "The examples are linted with %s.\n\n", r.ExampleFlags)
	}
	example("Bad", doc.Bad)
	example("Good", doc.Good)
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

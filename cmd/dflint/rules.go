package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dflint/dflint/rules"
	"github.com/spf13/cobra"
)

type rulesOptions struct {
	IO     *IOStreams
	Format string
}

func newRulesCmd(ios *IOStreams) *cobra.Command {
	opts := &rulesOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule",
		Long: `List every rule dflint knows: its own DF rules, then BuildKit's checks that no DF
rule covers. Any ID, name or alias shown here works in --select, --ignore,
ignore comments and 'dflint explain'.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRules(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "table", "output format: table or json")
	return cmd
}

func runRules(opts *rulesOptions) error {
	all := rules.All()
	switch strings.ToLower(opts.Format) {
	case "table":
		return rulesTable(opts.IO.Out, all)
	case "json":
		docs := make([]ruleDoc, 0, len(all))
		for _, r := range all {
			docs = append(docs, newRuleDoc(r))
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Rules []ruleDoc `json:"rules"`
		}{docs})
	}
	return &usageError{err: fmt.Errorf("invalid --format %q: use table or json", opts.Format), command: "dflint rules"}
}

func rulesTable(w io.Writer, all []*rules.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tFIX\tALIASES\tSUMMARY")
	for _, r := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, severityLabel(r), fixLabel(r), orDash(strings.Join(r.Aliases, ",")), r.Summary)
	}
	return tw.Flush()
}

// severityLabel shows opt-in rules as "off" with the severity they report
// at once enabled, the way RULES.md lists them.
func severityLabel(r *rules.Rule) string {
	if r.OptIn {
		return "off (" + r.Severity.String() + ")"
	}
	return r.Severity.String()
}

func fixLabel(r *rules.Rule) string {
	if r.Fix == "" {
		return "-"
	}
	if r.FixOnline {
		return string(r.Fix) + ",online"
	}
	return string(r.Fix)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// ruleDoc is a rule's documentation as `dflint rules --format json` prints
// it; generators of docs and editor integrations read it.
type ruleDoc struct {
	ID          string              `json:"id"`
	Name        string              `json:"name"`
	Severity    rules.Severity      `json:"severity"`
	OptIn       bool                `json:"opt_in"`
	Summary     string              `json:"summary"`
	Description string              `json:"description"`
	Bad         string              `json:"bad"`
	Good        string              `json:"good"`
	Aliases     []string            `json:"aliases"`
	Fix         rules.Applicability `json:"fix"`
	FixOnline   bool                `json:"fix_online"`
	FixSummary  string              `json:"fix_summary"`
	URL         string              `json:"url"`
}

func newRuleDoc(r *rules.Rule) ruleDoc {
	aliases := r.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	doc := r.Doc()
	return ruleDoc{
		ID: r.ID, Name: r.Name, Severity: r.Severity, OptIn: r.OptIn,
		Summary: r.Summary, Description: doc.Description, Bad: doc.Bad, Good: doc.Good,
		Aliases: aliases, Fix: r.Fix, FixOnline: r.FixOnline, FixSummary: r.FixSummary, URL: r.URL,
	}
}

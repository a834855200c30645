// Package ruledocs writes the rule reference, docs/rules/<ID>.md and the
// index docs/rules/README.md, from the rule registry. The registry is the
// only source: a rule's metadata lives in its Go file and its description
// and examples in the .md beside it (rules/dfNNN_name.md, read through
// Rule.Doc), and these pages are generated from them (go test
// ./internal/ruledocs -update), never edited.
package ruledocs

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// Page is one generated file, its path relative to the docs/rules folder.
type Page struct {
	Path    string
	Content []byte
}

// Generate returns every page: one per rule and the index.
func Generate() ([]Page, error) {
	var pages []Page
	all := rules.All()
	for _, r := range all {
		b, err := rulePage(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		pages = append(pages, Page{Path: PagePath(r), Content: b})
	}
	pages = append(pages, Page{Path: "README.md", Content: index(all)})
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	return pages, nil
}

// PagePath is where a rule's page goes: "DF101.md", "buildkit/UndefinedVar.md".
func PagePath(r *rules.Rule) string { return r.ID + ".md" }

func fixText(r *rules.Rule) string {
	if r.Fix == "" {
		return "none"
	}
	s := string(r.Fix)
	if r.FixOnline {
		s += ", needs the registry"
	}
	if r.FixSummary != "" {
		s += ": " + r.FixSummary
	}
	return s
}

func severityText(r *rules.Rule) string {
	if r.OptIn {
		on := "`--select " + r.ID + "`"
		if r.Policy != nil {
			on += ", or " + r.Policy.Setting
		}
		return r.Severity.String() + " (off by default: enable with " + on + ")"
	}
	return r.Severity.String()
}

func rulePage(r *rules.Rule) ([]byte, error) {
	var b bytes.Buffer
	doc := r.Doc()
	title := r.ID
	if r.Name != "" && !strings.HasSuffix(r.ID, "/"+r.Name) {
		title += " " + r.Name
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	fmt.Fprintf(&b, "<!-- Generated from the rule registry by `go test ./internal/ruledocs -update`. Do not edit. -->\n\n")
	fmt.Fprintf(&b, "%s.\n\n", strings.TrimSuffix(r.Summary, "."))
	fmt.Fprintf(&b, "| | |\n|---|---|\n| Severity | %s |\n| Fix | %s |\n", severityText(r), fixText(r))
	if len(r.Aliases) > 0 {
		fmt.Fprintf(&b, "| Aliases | %s |\n", "`"+strings.Join(r.Aliases, "`, `")+"`")
	}
	if r.URL != "" {
		fmt.Fprintf(&b, "| Upstream | <%s> |\n", r.URL)
	}
	if doc.Bad != "" {
		out, err := output(r)
		if err != nil {
			return nil, err
		}
		flags := r.ID
		if r.ExampleFlags != "" {
			flags += " " + r.ExampleFlags
		}
		fmt.Fprintf(&b, "\n## Output\n\n```console\n$ dflint lint --select %s Dockerfile\n%s```\n", flags, out)
	}
	fmt.Fprintf(&b, "\n## Description\n\n%s\n", strings.TrimSpace(doc.Description))
	if doc.Bad != "" {
		fmt.Fprintf(&b, "\n## Bad\n\n```dockerfile\n%s```\n", withNewline(doc.Bad))
	}
	if doc.Good != "" {
		fmt.Fprintf(&b, "\n## Good\n\n```dockerfile\n%s```\n", withNewline(doc.Good))
	}
	fmt.Fprintf(&b, "\n## Fix\n\n")
	switch {
	case r.Fix == "":
		b.WriteString("None: the finding says what to do.\n")
	case r.Fix == rules.Safe:
		fmt.Fprintf(&b, "Safe, applied by `dflint fix`: %s.\n", strings.TrimSuffix(r.FixSummary, "."))
	case r.Fix == rules.Unsafe:
		fmt.Fprintf(&b, "Unsafe (it can change what the image does), applied by `dflint fix --unsafe-fixes`: %s.\n", strings.TrimSuffix(r.FixSummary, "."))
	default:
		fmt.Fprintf(&b, "%s: %s.\n", r.Fix, strings.TrimSuffix(r.FixSummary, "."))
	}
	fmt.Fprintf(&b, "\n## Aliases\n\n")
	if len(r.Aliases) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("Ignore comments and `--select`/`--ignore` accept these names for this rule:\n\n")
		for _, a := range r.Aliases {
			if part := r.Part(a); part != "" && part != a {
				fmt.Fprintf(&b, "- `%s`: the same check as `%s`\n", a, part)
			} else if part != "" {
				fmt.Fprintf(&b, "- `%s`: one check of this rule\n", a)
			} else {
				fmt.Fprintf(&b, "- `%s`\n", a)
			}
		}
		if len(r.Parts) > 0 {
			// Rule.Parts: the engine applies a check's name to its findings.
			b.WriteString("\nA name marked as one check selects, silences (ignore comments, `# check=skip=`) " +
				"or sets the level of that check's findings only; the JSON output names the check of each " +
				"finding in `check`. The rule's ID, its name and the other names cover all of it.\n")
		}
	}
	return b.Bytes(), nil
}

func withNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// output is what `dflint lint --select ID` prints on the rule's Bad example.
func output(r *rules.Rule) (string, error) {
	opts := rules.Options{Select: []string{r.ID}}
	if r.ExampleOptions != nil {
		r.ExampleOptions(&opts)
	}
	eng, err := rules.NewEngine(opts)
	if err != nil {
		return "", err
	}
	f := parser.Parse("Dockerfile", []byte(r.Doc().Bad))
	findings, errs := eng.Lint(context.Background(), f)
	if len(errs) > 0 {
		return "", errs[0]
	}
	rep, err := report.New("text", report.Options{})
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	err = rep.Report(&b, &report.Run{Results: []report.Result{{Path: "Dockerfile", File: f, Findings: findings}}})
	return b.String(), err
}

// index is docs/rules/README.md: one table row per rule.
func index(all []*rules.Rule) []byte {
	var b bytes.Buffer
	b.WriteString("# Rules\n\n<!-- Generated from the rule registry by `go test ./internal/ruledocs -update`. Do not edit. -->\n\n")
	b.WriteString("Every rule dflint runs, with its default severity, its fix and the names other tools use for\n")
	b.WriteString("the same check (accepted in ignore comments, `--select` and `--ignore`). BuildKit's own checks\n")
	b.WriteString("that no dflint rule covers are listed under their BuildKit names.\n\n")
	b.WriteString("| ID | Name | Severity | Fix | Summary | Aliases |\n|---|---|---|---|---|---|\n")
	for _, r := range all {
		sev := r.Severity.String()
		if r.OptIn {
			sev += " (opt-in)"
		}
		fix := string(r.Fix)
		if fix == "" {
			fix = "—"
		} else if r.FixOnline {
			fix += " (online)"
		}
		fmt.Fprintf(&b, "| [%s](%s) | %s | %s | %s | %s | %s |\n", r.ID, PagePath(r), r.Name, sev, fix,
			strings.ReplaceAll(strings.TrimSuffix(r.Summary, "."), "|", `\|`), strings.Join(r.Aliases, ", "))
	}
	return b.Bytes()
}

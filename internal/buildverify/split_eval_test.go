package buildverify

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// The evaluation set of issue 16: single-stage toolchain Dockerfiles per
// language (testdata/cases/split-<language>-<name>.txtar), each stating
// what DF201 must do with it (split: proposed, refused or none). The
// split is only worth its name if it is proposed on real builds and the
// result builds and runs the same, so the set is measured twice: here,
// without building (every case, in plain `make test`), and in
// TestVerifyBuilds, which builds and runs those that can be built here.

// splitLanguages are the languages of the evaluation set, in the order
// the tables list them.
var splitLanguages = []string{"go", "rust", "java", "dotnet", "node", "python"}

// splitLanguage is the language a case of the set names: split-<lang>-….
func splitLanguage(name string) string {
	rest, ok := strings.CutPrefix(name, "split-")
	if !ok {
		return ""
	}
	lang, _, _ := strings.Cut(rest, "-")
	return lang
}

// A splitPlan is what dflint made of a case without building it.
type splitPlan struct {
	// Outcome is proposed, refused or none (splitOutcomes).
	Outcome string
	// Reason is the refusal DF201 gives ("" unless refused).
	Reason string
	// Fixed is the output of the case's fix command.
	Fixed []byte
	// Problems are what is wrong with a proposed split's output: DF201
	// still reported, DF6xx findings (a command, user, shell or package
	// manager the runtime image does not have).
	Problems []string
}

// planSplit runs the case's fix and lints the original and the result
// with the case's flags, in a scratch context directory.
func planSplit(ctx context.Context, dflint string, c *Case) (*splitPlan, error) {
	dir, err := writeCaseFiles("", c)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// lint takes the rule and policy flags of fix, not --unsafe-fixes.
	var lintFlags []string
	for _, f := range c.Fix {
		if f != "--unsafe-fixes" {
			lintFlags = append(lintFlags, f)
		}
	}
	original := c.Files["Dockerfile"]
	fixed, err := runDflint(ctx, dflint, dir, original, append(append([]string{c.Command, "--fail-level", "none"}, c.Fix...), "-")...)
	if err != nil {
		return nil, err
	}
	before, err := lintFindings(ctx, dflint, dir, original, lintFlags)
	if err != nil {
		return nil, err
	}
	pl := &splitPlan{Outcome: "none", Fixed: fixed}
	for _, f := range before {
		if f.Rule != "DF201" {
			continue
		}
		if _, why, ok := strings.Cut(f.Message, "; no automatic split: "); ok {
			pl.Outcome, pl.Reason = "refused", why
		} else {
			pl.Outcome = "proposed"
		}
	}
	if pl.Outcome != "proposed" {
		return pl, nil
	}
	if string(fixed) == string(original) {
		pl.Problems = append(pl.Problems, "DF201 offers a split but the fix changed nothing")
	}
	after, err := lintFindings(ctx, dflint, dir, fixed, lintFlags)
	if err != nil {
		return nil, err
	}
	for _, f := range after {
		if f.Rule == "DF201" || strings.HasPrefix(f.Rule, "DF6") {
			pl.Problems = append(pl.Problems, fmt.Sprintf("the split has a %s finding: %s", f.Rule, f.Message))
		}
	}
	return pl, nil
}

// loadSplitCases reads the evaluation set; every case must state its
// DF201 outcome.
func loadSplitCases(t *testing.T) []*Case {
	t.Helper()
	paths, err := filepath.Glob("testdata/cases/split-*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no split-*.txtar cases (%v)", err)
	}
	var cases []*Case
	for _, p := range paths {
		c, err := LoadCase(p)
		if err != nil {
			t.Fatal(err)
		}
		if c.Split == "" {
			t.Fatalf("%s: an evaluation case states its DF201 outcome (split: proposed, refused or none)", p)
		}
		if lang := splitLanguage(c.Name); !slices.Contains(splitLanguages, lang) {
			t.Fatalf("%s: name it split-<language>-<name>, language one of %s", p, strings.Join(splitLanguages, ", "))
		}
		cases = append(cases, c)
	}
	return cases
}

// TestSplitPlans holds every case of the evaluation set to the DF201
// outcome it states, without building: a split that stops being
// proposed, or starts being refused for a new reason, shows in plain
// `make test`. A proposed split must change the file, leave no DF201, and
// give the DF6xx rules (which know what the runtime images lack) nothing
// to report. It logs the table per language, and the refusals with their
// reasons.
func TestSplitPlans(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dflint and runs it on every evaluation case")
	}
	cases := loadSplitCases(t)
	dflint := buildDflint(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	tallies := map[string]*splitTally{}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			pl, err := planSplit(ctx, dflint, c)
			if err != nil {
				t.Fatal(err)
			}
			tallies[splitLanguage(c.Name)] = tallies[splitLanguage(c.Name)].add(c, pl, nil)
			switch {
			case pl.Outcome != c.Split:
				t.Errorf("DF201 outcome %s (%s), the case states %s", pl.Outcome, pl.Reason, c.Split)
			case pl.Reason != "":
				t.Logf("refused: %s", pl.Reason)
			}
			for _, p := range pl.Problems {
				t.Error(p)
			}
			if t.Failed() {
				t.Logf("fixed Dockerfile:\n%s", pl.Fixed)
			}
		})
	}
	t.Logf("DF201 on the evaluation set (no builds; TestVerifyBuilds builds them):\n%s", splitTable(tallies, false))
}

// splitTally counts one language's cases.
type splitTally struct {
	cases, proposed, refused, none int
	// notBuilt are the cases not built, with why; built counts the
	// proposed splits whose fixed Dockerfile built, same those that also
	// ran the same (TestVerifyBuilds fills them).
	notBuilt    int
	built, same int
	reasons     map[string]int
}

func (s *splitTally) add(c *Case, pl *splitPlan, res *Result) *splitTally {
	if s == nil {
		s = &splitTally{reasons: map[string]int{}}
	}
	s.cases++
	switch pl.Outcome {
	case "proposed":
		s.proposed++
	case "refused":
		s.refused++
		s.reasons[pl.Reason]++
	default:
		s.none++
	}
	if c.NoBuild != "" {
		s.notBuilt++
	}
	if res != nil && pl.Outcome == "proposed" {
		if !strings.HasPrefix(strings.Join(res.Problems, "\n"), "the fixed Dockerfile: build failed") {
			s.built++
		}
		if len(res.Problems) == 0 {
			s.same++
		}
	}
	return s
}

// splitTable renders the tallies as a Markdown table, with the built and
// ran-the-same columns when builds were made.
func splitTable(tallies map[string]*splitTally, builds bool) string {
	var b strings.Builder
	if builds {
		b.WriteString("| language | cases | split proposed | refused | no DF201 | not built | split built | ran the same |\n|---|---|---|---|---|---|---|---|\n")
	} else {
		b.WriteString("| language | cases | split proposed | refused | no DF201 | not built |\n|---|---|---|---|---|---|\n")
	}
	var reasons []string
	for _, lang := range splitLanguages {
		s := tallies[lang]
		if s == nil {
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |", lang, s.cases, s.proposed, s.refused, s.none, s.notBuilt)
		if builds {
			fmt.Fprintf(&b, " %d | %d |", s.built, s.same)
		}
		b.WriteString("\n")
		for why, n := range s.reasons {
			reasons = append(reasons, fmt.Sprintf("- %s (%d): %s", lang, n, why))
		}
	}
	sort.Strings(reasons)
	if len(reasons) > 0 {
		b.WriteString("\nRefusals:\n\n" + strings.Join(reasons, "\n") + "\n")
	}
	return b.String()
}

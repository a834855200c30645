package rewrite_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/registry/fakeregistry"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// update is -update, defined by the internal tests (rewrite/update_test.go)
// so that one flag serves both.
var update = rewrite.Update

// TestGoldenFixes fixes every testdata/fix/<RULEID>/<case>.Dockerfile with
// that rule alone (unsafe fixes included when the rule's fix is unsafe)
// and compares the output with <case>.Dockerfile.golden. A case whose name
// starts with "keep" must be left unchanged; every other case must apply at
// least one fix and leave no finding of the rule, unless its name
// starts with "partial" (the rule reports there what it cannot fix). Each
// case also runs as CRLF, with a BOM and without its
// final newline, and must give the golden output converted the same way.
//
// A case may have a sibling <case>.options.json that sets the rule options
// for it alone (see goldenOptions): a base-image policy, more rules to run
// beside the directory's one, or the date to judge by.
func TestGoldenFixes(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "fix", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases under testdata/fix: %v", err)
	}
	for _, dir := range dirs {
		id := filepath.Base(dir)
		rule := rules.ByID(id)
		if rule == nil {
			t.Errorf("%s: no rule %s is registered; rename or remove the directory", dir, id)
			continue
		}
		defaultEng, err := engineFor(id)
		if err != nil {
			t.Fatal(err)
		}
		defaultOpts := rewrite.Options{Unsafe: rule.Fix == rules.Unsafe}
		cases, _ := filepath.Glob(filepath.Join(dir, "*.Dockerfile"))
		if len(cases) == 0 {
			t.Errorf("%s: no cases", dir)
		}
		orphans, _ := filepath.Glob(filepath.Join(dir, "*.options.json"))
		for _, o := range orphans {
			if _, err := os.Stat(strings.TrimSuffix(o, ".options.json") + ".Dockerfile"); err != nil {
				t.Errorf("%s has no case %s.Dockerfile beside it", o, strings.TrimSuffix(filepath.Base(o), ".options.json"))
			}
		}
		for _, path := range cases {
			name := id + "/" + strings.TrimSuffix(filepath.Base(path), ".Dockerfile")
			t.Run(name, func(t *testing.T) {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				eng, opts := rewrite.Linter[rules.Finding](defaultEng), defaultOpts
				if caseOpts, ok, err := readGoldenOptions(path); err != nil {
					t.Fatal(err)
				} else if ok {
					if eng, err = caseOpts.engine(id); err != nil {
						t.Fatalf("%s.options.json: %v", strings.TrimSuffix(path, ".Dockerfile"), err)
					}
					if caseOpts.Unsafe != nil {
						opts.Unsafe = *caseOpts.Unsafe
					}
				}
				res, problems := checkFix(eng, filepath.Base(path), src, opts)
				for _, p := range problems {
					t.Error(p)
				}
				if res == nil {
					return
				}
				for _, err := range res.Errs {
					t.Errorf("internal error: %v", err)
				}
				keep := strings.HasPrefix(filepath.Base(path), "keep")
				if n := res.AppliedByRule()[id]; keep && n > 0 {
					t.Errorf("a keep case applied %d fixes", n)
				} else if !keep && n == 0 {
					t.Errorf("no %s fix was applied: name the case keep-… if that is intended", id)
				}
				if !strings.HasPrefix(filepath.Base(path), "partial") {
					for _, fd := range leftovers(res) {
						t.Errorf("line %d: %s remains after its fix: %s (name the case partial-… if the rule cannot fix it)", fd.Line, fd.RuleID, fd.Message)
					}
				}
				if want, ok := compareGolden(t, path+".golden", res.Output); ok {
					checkVariants(t, eng, filepath.Base(path), src, want, opts)
				}
			})
		}
	}
}

// compareGolden compares a fixed output with its golden file, or with
// -update writes it. It returns the golden bytes, and false when there is
// nothing more to compare (updated, or unreadable: reported).
func compareGolden(t *testing.T, golden string, got []byte) ([]byte, bool) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return nil, false
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./rewrite -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./rewrite -update if the change is intended):\n%s",
			golden, rewrite.UnifiedDiff(filepath.Base(golden), want, got))
	}
	return want, true
}

// goldenOptions are the per-case options of a golden case, read from
// <case>.options.json beside <case>.Dockerfile. Unknown keys are errors, so
// that a misspelt option cannot silently test the default.
type goldenOptions struct {
	// Select adds rules to the directory's rule, to show fixes that compose
	// (the case must still apply a fix of the directory's rule).
	Select []string `json:"select"`
	// BasePolicy is rules.Options.BasePolicy.
	BasePolicy *struct {
		Family     string            `json:"family"`
		Chainguard string            `json:"chainguard"`
		Overrides  map[string]string `json:"overrides"`
	} `json:"basePolicy"`
	// Today is the date that date-dependent rules judge by (YYYY-MM-DD).
	Today string `json:"today"`
	// Unsafe, when set, overrides whether unsafe fixes are applied (by
	// default: when the directory's rule has an unsafe fix).
	Unsafe *bool `json:"unsafe"`
	// Registry, when set, makes the case online: an in-memory registry
	// answers with these digests (by reference) and tag lists (by
	// repository), for the fixes that ask registries (DF101-DF103).
	Registry *struct {
		Digests map[string]string   `json:"digests"`
		Tags    map[string][]string `json:"tags"`
	} `json:"registry"`
	// UpdateDigests is rules.Options.UpdateDigests (dflint pin --update).
	UpdateDigests bool `json:"updateDigests"`
}

// readGoldenOptions reads the options file of the case at path (a
// .Dockerfile); ok is false when the case has none.
func readGoldenOptions(path string) (o goldenOptions, ok bool, err error) {
	name := strings.TrimSuffix(path, ".Dockerfile") + ".options.json"
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o, false, nil
	}
	if err != nil {
		return o, false, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return o, false, fmt.Errorf("%s: %w", name, err)
	}
	return o, true, nil
}

// engine builds the engine for a case with options: the directory's rule
// plus the selected ones, with the policy and date given.
func (o goldenOptions) engine(id string) (*rules.Engine, error) {
	opts, err := o.ruleOptions()
	if err != nil {
		return nil, err
	}
	opts.Select = append([]string{id}, o.Select...)
	opts.NoBuildKit = true
	return rules.NewEngine(opts)
}

// ruleOptions are the policy and date of the options, for any rule set.
func (o goldenOptions) ruleOptions() (rules.Options, error) {
	var opts rules.Options
	if p := o.BasePolicy; p != nil {
		opts.BasePolicy = rewrite.BasePolicy{Family: p.Family, Chainguard: p.Chainguard, Overrides: p.Overrides}
	}
	if r := o.Registry; r != nil {
		opts.Registry = &fakeregistry.Registry{Digests: r.Digests, TagLists: r.Tags}
	}
	opts.UpdateDigests = o.UpdateDigests
	if o.Today != "" {
		day, err := time.Parse("2006-01-02", o.Today)
		if err != nil {
			return opts, fmt.Errorf("today: %w", err)
		}
		opts.Today = day
	}
	return opts, nil
}

// checkVariants reruns a case as CRLF, with a BOM and without its final
// newline: the output must be the golden output with the same change.
func checkVariants(t *testing.T, l rewrite.Linter[rules.Finding], path string, src, want []byte, opts rewrite.Options) {
	t.Helper()
	type variant struct {
		name     string
		src, out []byte
	}
	var vs []variant
	if !bytes.Contains(src, []byte("\r")) && !bytes.Contains(want, []byte("\r")) {
		crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
		vs = append(vs, variant{"crlf", crlf(src), crlf(want)})
	}
	if !bytes.HasPrefix(src, utf8BOM) {
		vs = append(vs, variant{"bom", append(append([]byte{}, utf8BOM...), src...), append(append([]byte{}, utf8BOM...), want...)})
	}
	if bytes.HasSuffix(src, []byte("\n")) && bytes.HasSuffix(want, []byte("\n")) {
		vs = append(vs, variant{"no final newline", bytes.TrimSuffix(src, []byte("\n")), bytes.TrimSuffix(want, []byte("\n"))})
	}
	for _, v := range vs {
		res, problems := checkFix(l, path, v.src, opts)
		for _, p := range problems {
			t.Errorf("%s: %s", v.name, p)
		}
		if res != nil && !bytes.Equal(res.Output, v.out) {
			t.Errorf("%s: output differs from the golden output made %s:\n%s", v.name, v.name, rewrite.UnifiedDiff(path, v.out, res.Output))
		}
	}
}

// TestGoldenCoverage lists the rules with fixes that have no golden cases,
// so that a new fix does not go untested unnoticed.
func TestGoldenCoverage(t *testing.T) {
	var missing []string
	for _, r := range rules.All() {
		if r.Fix != rules.Safe && r.Fix != rules.Unsafe || r.FixOnline {
			continue
		}
		if _, err := os.Stat(filepath.Join("testdata", "fix", r.ID)); err != nil {
			missing = append(missing, r.ID)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("rules with a fix but no golden cases under testdata/fix: %s", strings.Join(missing, ", "))
	}
}

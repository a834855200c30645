package rules

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/parser"
)

// testToday is the date date-dependent rules judge by in tests.
var testToday = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// lintWith lints src with only the given rules enabled.
func lintWith(t *testing.T, src string, ids ...string) []Finding {
	t.Helper()
	return lintOpts(t, src, Options{Select: ids, Today: testToday})
}

// lintOpts lints src with the given options.
func lintOpts(t *testing.T, src string, opts Options) []Finding {
	t.Helper()
	e, err := NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	f := parser.Parse("Dockerfile", []byte(src))
	fs, errs := e.Lint(context.Background(), f)
	for _, err := range errs {
		t.Errorf("lint error: %v", err)
	}
	return fs
}

// countRule counts the findings of one rule.
func countRule(fs []Finding, id string) int {
	n := 0
	for _, f := range fs {
		if f.RuleID == id {
			n++
		}
	}
	return n
}

// ruleCase is a hadolint-style table entry: a Dockerfile and how many
// findings of the rule under test it must give (0: must not be caught).
type ruleCase struct {
	name string
	src  string
	want int
	// onbuild also runs the case with every instruction after the first
	// FROM wrapped in ONBUILD (for rules that look inside triggers).
	onbuild bool
	// noVariants skips the lower-case and continuation variants, for cases
	// whose point is the exact spelling.
	noVariants bool
}

// runCases runs each case as written, with lower-case instructions, and with
// line continuations (with a comment line inside) after each instruction's
// first argument. Every variant must give the same number of findings.
func runCases(t *testing.T, id string, cases []ruleCase) {
	t.Helper()
	if ByID(id) == nil {
		t.Fatalf("rule %s is not registered", id)
	}
	for _, c := range cases {
		variants := map[string]string{"as written": c.src}
		if !c.noVariants {
			variants["lower-case"] = lowerCaseInstructions(c.src)
			variants["continuation"] = withContinuations(c.src)
		}
		if c.onbuild {
			variants["onbuild"] = inOnbuild(c.src)
		}
		for vname, src := range variants {
			t.Run(c.name+"/"+vname, func(t *testing.T) {
				f := parser.Parse("Dockerfile", []byte(src))
				if f.Err != nil {
					t.Fatalf("test case does not parse: %v\n%s", f.Err, src)
				}
				fs := lintWith(t, src, id)
				if got := countRule(fs, id); got != c.want {
					t.Errorf("%s: got %d findings, want %d\n--- Dockerfile:\n%s\n--- findings: %+v", id, got, c.want, src, fs)
				}
				for _, fd := range fs {
					if fd.Start < 0 || fd.End > len(src) || fd.Start > fd.End {
						t.Errorf("finding range [%d,%d) outside the file (len %d)", fd.Start, fd.End, len(src))
					}
					checkFixEdits(t, src, fd)
				}
			})
		}
	}
}

// checkFixEdits checks that a fix's edits are in range, sorted and
// non-overlapping, and that applying them gives a file that still parses.
func checkFixEdits(t *testing.T, src string, fd Finding) {
	t.Helper()
	if fd.Fix == nil {
		return
	}
	if fd.Fix.Title == "" {
		t.Errorf("%s: fix without a title", fd.RuleID)
	}
	last := -1
	out := []byte{}
	prev := 0
	for _, e := range fd.Fix.Edits {
		if e.Start < 0 || e.End > len(src) || e.Start > e.End || e.Start < last {
			t.Fatalf("%s: bad edit %+v (len %d, previous end %d)", fd.RuleID, e, len(src), last)
		}
		out = append(out, src[prev:e.Start]...)
		out = append(out, e.NewText...)
		prev, last = e.End, e.End
	}
	out = append(out, src[prev:]...)
	if f := parser.Parse("Dockerfile", out); f.Err != nil {
		t.Errorf("%s: fixed file does not parse: %v\n%s", fd.RuleID, f.Err, out)
	}
}

// lowerCaseInstructions lower-cases every instruction keyword (and ONBUILD
// triggers) through the parser, leaving arguments alone.
func lowerCaseInstructions(src string) string {
	f := parser.Parse("Dockerfile", []byte(src))
	if f.Err != nil {
		return src
	}
	b := []byte(src)
	for _, in := range f.Instructions {
		lowerAt(b, in.Start, len(in.Keyword))
		if in.Trigger != nil {
			lg := in.Trigger.Logical()
			lowerAt(b, lg.FileOffset(lg.KeywordStart), len(in.Trigger.Keyword))
		}
		if in.Name == "from" {
			// "AS" follows the keyword's case in real files.
			lg := in.Logical()
			if m := regexp.MustCompile(`\s(AS|As|aS)\s`).FindStringIndex(lg.Text); m != nil {
				lowerAt(b, lg.FileOffset(m[0]+1), 2)
			}
		}
	}
	return string(b)
}

func lowerAt(b []byte, off, n int) {
	copy(b[off:off+n], strings.ToLower(string(b[off:off+n])))
}

// withContinuations breaks every instruction after its first argument word
// with the escape character, a comment line and an indented continuation,
// the way long RUNs are written.
func withContinuations(src string) string {
	f := parser.Parse("Dockerfile", []byte(src))
	if f.Err != nil {
		return src
	}
	b := []byte(src)
	var out []byte
	prev := 0
	for _, in := range f.Instructions {
		if in.StartLine != in.EndLine || len(in.Heredocs()) > 0 {
			continue
		}
		lg := in.Logical()
		args := lg.Text[lg.ArgsStart:]
		if strings.HasPrefix(args, "[") || strings.ContainsAny(args, `"'`) && strings.IndexAny(args, `"'`) < strings.IndexByte(args+" ", ' ') {
			continue
		}
		sp := strings.IndexAny(args, " \t")
		if sp <= 0 || strings.ContainsAny(args[:sp], `"'`) {
			continue
		}
		cut := lg.FileOffset(lg.ArgsStart + sp)
		out = append(out, b[prev:cut]...)
		out = append(out, " \\\n    # a comment inside the continuation\n   "...)
		prev = cut
	}
	out = append(out, b[prev:]...)
	return string(out)
}

// inOnbuild wraps every instruction after the first FROM in ONBUILD.
func inOnbuild(src string) string {
	f := parser.Parse("Dockerfile", []byte(src))
	if f.Err != nil || len(f.Stages) == 0 {
		return src
	}
	b := []byte(src)
	var out []byte
	prev := 0
	for _, in := range f.Instructions {
		if in.Stage == nil || in.Name == "from" || in.Name == "onbuild" || in.Name == "maintainer" {
			continue
		}
		out = append(out, b[prev:in.Start]...)
		out = append(out, "ONBUILD "...)
		prev = in.Start
	}
	out = append(out, b[prev:]...)
	return string(out)
}

// TestEveryRuleDocumented holds every rule to its documentation: a summary,
// a description, and Bad/Good examples that do and do not fire.
func TestEveryRuleDocumented(t *testing.T) {
	for _, r := range All() {
		if strings.HasPrefix(r.ID, BuildKitPrefix) {
			if r.Summary == "" || r.URL == "" {
				t.Errorf("%s: BuildKit check without summary or URL", r.ID)
			}
			continue
		}
		t.Run(r.ID, func(t *testing.T) {
			doc := r.Doc()
			if r.Name == "" || r.Summary == "" || doc.Description == "" {
				t.Errorf("%s: name, summary and description are required", r.ID)
			}
			if !regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`).MatchString(r.Name) {
				t.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
			}
			if doc.Bad == "" || doc.Good == "" {
				t.Fatalf("%s: Bad and Good examples are required", r.ID)
			}
			if r.ID == parseErrorID {
				if parser.Parse("Dockerfile", []byte(doc.Bad)).Err == nil {
					t.Errorf("DF001 Bad example parses")
				}
				return
			}
			opts := Options{Select: []string{r.ID}, Today: testToday}
			if r.ExampleOptions != nil {
				r.ExampleOptions(&opts)
			}
			if n := countRule(lintOpts(t, doc.Bad, opts), r.ID); n == 0 {
				t.Errorf("%s: Bad example gives no finding:\n%s", r.ID, doc.Bad)
			}
			if n := countRule(lintOpts(t, doc.Good, opts), r.ID); n != 0 {
				t.Errorf("%s: Good example gives %d findings:\n%s", r.ID, n, doc.Good)
			}
		})
	}
}

// TestNamesAreUnique guards the registry: IDs and names resolve to one rule.
func TestNamesAreUnique(t *testing.T) {
	seen := map[string]string{}
	for _, r := range All() {
		for _, k := range []string{r.ID, r.Name} {
			k = strings.ToLower(k)
			if other, ok := seen[k]; ok && other != r.ID {
				t.Errorf("%q names both %s and %s", k, other, r.ID)
			}
			seen[k] = r.ID
		}
	}
}

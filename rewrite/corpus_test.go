package rewrite_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// corpusDir finds ../shared/corpus/files relative to the repository root.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("cannot find the repository root (go.mod)")
		}
		dir = parent
	}
	files := filepath.Join(dir, "..", "shared", "corpus", "files")
	if _, err := os.Stat(files); err != nil {
		t.Skipf("the Dockerfile corpus is not at %s: put it there (see ARCHITECTURE.md, Tests) to run this test", files)
	}
	return files
}

// corpusMode is one way the corpus is fixed.
type corpusMode struct {
	name string
	eng  *rules.Engine
	opts rewrite.Options
}

// corpusOutcome is what fixing one corpus file in one mode gave.
type corpusOutcome struct {
	rel      string // path under the corpus files directory
	src      []byte
	res      *rewrite.Result[rules.Finding]
	problems []string
}

// TestCorpusFixes fixes every corpus file with the default rules and safe
// fixes, with every rule (opt-in ones too) and unsafe fixes, and with DF104
// and DF105 under each base-image policy. Each
// result must keep the invariants checkFix checks, leave the instructions
// that no edit touched (and the text between them) exactly as they were,
// and its diff must apply with git apply to give the fixed file.
func TestCorpusFixes(t *testing.T) {
	root := corpusDir(t)
	var rels []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			rels = append(rels, filepath.ToSlash(rel))
		}
		return nil
	})
	if testing.Short() {
		// Every fifth file keeps -short fast while still covering each repo.
		var some []string
		for i, r := range rels {
			if i%5 == 0 {
				some = append(some, r)
			}
		}
		rels = some
	}
	srcs := make([][]byte, len(rels))
	for i, rel := range rels {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		srcs[i] = b
	}

	safeEng, err := rules.NewEngine(rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range rules.All() {
		all = append(all, r.ID)
	}
	allEng, err := rules.NewEngine(rules.Options{Select: all})
	if err != nil {
		t.Fatal(err)
	}
	modes := []corpusMode{
		{"safe", safeEng, rewrite.Options{}},
		{"unsafe", allEng, rewrite.Options{Unsafe: true}},
	}
	// Each base-image policy, with the rules it steers: the swaps must
	// keep every file parsable and converge like every other fix. Only
	// DF104 and DF105 run, which keeps the four extra passes fast.
	for _, family := range images.BaseFamilies {
		eng, err := rules.NewEngine(rules.Options{Select: []string{"DF104", "DF105"}, BasePolicy: rewrite.BasePolicy{Family: family}})
		if err != nil {
			t.Fatal(err)
		}
		modes = append(modes, corpusMode{"unsafe-base-family-" + family, eng, rewrite.Options{Unsafe: true}})
	}

	var patches []rewrite.PatchCase
	for _, m := range modes {
		start := time.Now()
		outs := fixAll(m, rels, srcs)
		elapsed := time.Since(start)

		changed, fixes := 0, 0
		perRule := map[string]int{}
		rollbacks := map[string][]string{}
		leftover := map[string]int{}
		var lintErrs []string
		failed, notConverged := 0, 0
		for _, o := range outs {
			if o.res == nil {
				notConverged++
			}
			if o.res != nil {
				for _, err := range o.res.Errs {
					lintErrs = append(lintErrs, err.Error())
				}
				for id, n := range o.res.AppliedByRule() {
					perRule[id] += n
					fixes += n
				}
				for _, rb := range o.res.RolledBack {
					for _, id := range rb.Rules {
						rollbacks[id] = append(rollbacks[id], o.rel)
					}
				}
				for _, fd := range leftovers(o.res) {
					leftover[fd.RuleID]++
				}
				if o.res.Changed() {
					changed++
					patches = append(patches, rewrite.PatchCase{m.name + "/" + o.rel, string(o.src), string(o.res.Output)})
				}
			}
			if len(o.problems) > 0 {
				failed++
				if failed <= 25 {
					t.Errorf("%s: %s: %s", m.name, o.rel, strings.Join(o.problems, "; "))
				}
			}
		}
		if failed > 25 {
			t.Errorf("%s: %d more files with problems", m.name, failed-25)
		}
		t.Logf("%s: %d files in %v, %d changed, %d fixes: %s", m.name, len(outs), elapsed.Round(time.Millisecond), changed, fixes, countList(perRule))
		t.Logf("%s: %d files did not converge, %d broke another invariant; rollbacks: %s", m.name, notConverged, failed-notConverged, rollbackList(rollbacks))
		if len(lintErrs) > 0 {
			// Crashes in the linter are its own tests' business; they are
			// logged here because they hide findings from the fix loop.
			t.Logf("%s: %d internal lint errors, first: %s", m.name, len(lintErrs), firstLine(lintErrs[0]))
		}
		if len(leftover) > 0 {
			t.Logf("%s: findings without a fix left by rules whose fix was applied in the same file: %s", m.name, countList(leftover))
		}
	}

	if testing.Short() && len(patches) > 200 {
		patches = patches[:200]
	}
	start := time.Now()
	checkCorpusPatches(t, patches)
	t.Logf("git apply of %d patches: %v", len(patches), time.Since(start).Round(time.Millisecond))
}

// fixAll fixes the files on every CPU.
func fixAll(m corpusMode, rels []string, srcs [][]byte) []corpusOutcome {
	outs := make([]corpusOutcome, len(rels))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				res, problems := checkFix(m.eng, rels[i], srcs[i], m.opts)
				if res != nil {
					problems = append(problems, untouchedKept(res)...)
				}
				outs[i] = corpusOutcome{rels[i], srcs[i], res, problems}
			}
		}()
	}
	for i := range rels {
		next <- i
	}
	close(next)
	wg.Wait()
	return outs
}

// untouchedKept replays the rounds of a result and checks each: every edit
// lies within one instruction (its doc comments and line terminator
// included), every instruction that no edit touched is still an
// instruction with the same bytes in the next round's text, and the text
// between two untouched instructions is unchanged.
func untouchedKept(res *rewrite.Result[rules.Finding]) []string {
	var problems []string
	cur := res.Input
	for round := 1; round <= res.Rounds; round++ {
		var edits []rules.Edit
		var owner []string
		for _, a := range res.Applied {
			if a.Round == round {
				edits = append(edits, a.Edits...)
				for range a.Edits {
					owner = append(owner, a.RuleID)
				}
			}
		}
		if len(edits) == 0 {
			continue // a rolled-back round
		}
		f := parser.Parse(res.Path, cur)
		next := rewrite.ApplyEdits(cur, edits)
		nf := parser.Parse(res.Path, next)
		if f.Err != nil || nf.Err != nil {
			return append(problems, fmt.Sprintf("round %d: replay does not parse", round))
		}

		for i, e := range edits {
			if !withinInstruction(f, e) {
				line, _ := f.Position(e.Start)
				problems = append(problems, fmt.Sprintf("round %d: %s edits line %d outside the instruction it fixes", round, owner[i], line))
			}
		}

		touches := func(s, e int) bool {
			for _, ed := range edits {
				if ed.Start <= e && ed.End >= s {
					return true
				}
			}
			return false
		}
		// shift maps an offset that no edit covers to the next text.
		shift := func(pos int) int {
			d := 0
			for _, ed := range edits {
				if ed.End <= pos && !(ed.Start == pos && ed.End == pos) {
					d += len(ed.NewText) - (ed.End - ed.Start)
				}
			}
			return pos + d
		}
		starts := map[int]*parser.Instruction{}
		for _, in := range nf.Instructions {
			starts[in.Start] = in
		}
		var prev *parser.Instruction
		for _, in := range f.Instructions {
			if touches(in.Start, in.End) {
				prev = nil
				continue
			}
			ns, ne := shift(in.Start), shift(in.End)
			if got := starts[ns]; got == nil || got.End != ne || !bytes.Equal(got.Text(), in.Text()) {
				problems = append(problems, fmt.Sprintf("round %d: the %s on line %d, which no edit touched, is no longer the same instruction", round, in.Keyword, in.StartLine))
			}
			if prev != nil && !touches(prev.End, in.Start) && !bytes.Equal(next[shift(prev.End):ns], cur[prev.End:in.Start]) {
				problems = append(problems, fmt.Sprintf("round %d: the text between lines %d and %d changed", round, prev.EndLine, in.StartLine))
			}
			prev = in
		}
		cur = next
	}
	if !bytes.Equal(cur, res.Output) {
		problems = append(problems, "replaying the applied fixes does not give the output")
	}
	return problems
}

// withinInstruction tells whether an edit starts and ends inside an
// instruction's lines, from its first doc comment to the end of its last
// line's terminator. Start and end may lie in two instructions: a fix that
// merges them also edits the blank lines between.
func withinInstruction(f *parser.File, e rules.Edit) bool {
	inside := func(pos int) bool {
		for _, in := range f.Instructions {
			first := in.StartLine
			if cs := f.CommentsAbove(in); len(cs) > 0 {
				first = cs[0].Line
			}
			if f.LineStart(first) <= pos && pos <= f.LineStart(in.EndLine+1) {
				return true
			}
		}
		return false
	}
	return inside(e.Start) && inside(e.End)
}

// checkCorpusPatches applies all the corpus diffs in one repository. A
// failure names the files.
func checkCorpusPatches(t *testing.T, cases []rewrite.PatchCase) {
	t.Helper()
	if len(cases) == 0 {
		return
	}
	t.Run("git apply", func(t *testing.T) { rewrite.CheckPatchesAppliesNamed(t, cases) })
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func rollbackList(m map[string][]string) string {
	if len(m) == 0 {
		return "none"
	}
	var parts []string
	for id, files := range m {
		ex := files
		if len(ex) > 3 {
			ex = ex[:3]
		}
		parts = append(parts, fmt.Sprintf("%s %d (%s)", id, len(files), strings.Join(ex, ", ")))
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}

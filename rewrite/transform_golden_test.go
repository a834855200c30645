package rewrite

// The golden harness of the transformations (issue 14): each test calls
// one transformation directly, not through the rules, on the small
// Dockerfiles of testdata/<transform>/ and compares what it makes of them
// with the .golden files beside them. The parameters a rule would pass
// (the target image, the base-image policy, the ecosystem) are in each
// test's table, keyed by the case's name.
//
// The format of testdata/<transform>/<case>.Dockerfile.golden:
//
//   - when the transformation offers a fix, the case's Dockerfile with the
//     fix's edits applied (rewrite.Apply), byte for byte;
//   - when it offers none, the single line "no fix: <reason>", the reason
//     the transformation gives (the one the rules put in their message).
//
// A case whose name starts with "refuse-" must get no fix, every other
// case must get one, so that a change between the two is caught even
// when -update rewrites the goldens. A case whose name starts with "bug-"
// records today's behaviour where it is wrong, so that a fix of the bug
// shows in its golden; its table entry says what is wrong. go test
// ./rewrite -update rewrites the goldens (update_test.go).
//
// Every case also checks the invariants of a fix: the edits lie in the
// file and do not overlap (Apply refuses them otherwise), the output parses
// again, and the output changes the file. And every case runs again as
// three variants of its input, which must give the golden output changed
// the same way: with CRLF line ends, with a byte order mark, and without
// the final newline (a refusal must give the same reason). A case can opt
// out of a variant, with the reason, in its table entry.

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
)

// transformResult is what a transformation made of a case: the edits of
// its fix and the fix's title, or why there is no fix.
type transformResult struct {
	edits  []edit.Edit
	title  string
	reason string
}

// goldenCase is one case of testdata/<transform>/: name is the file's name
// without .Dockerfile.
type goldenCase struct {
	name string
	// run calls the transformation on the parsed case.
	run func(t *testing.T, f *parser.File) transformResult
	// title, when set, is the fix's exact title.
	title string
	// skipVariants names the input variants ("crlf", "bom", "no final
	// newline") the case does not run as, each with why.
	skipVariants map[string]string
}

// The input variants every case runs as.
const (
	variantCRLF      = "crlf"
	variantBOM       = "bom"
	variantNoNewline = "no final newline"
)

var goldenBOM = []byte{0xEF, 0xBB, 0xBF}

// runTransformGoldens runs the cases of testdata/<dir>. Every case file
// must have a table entry, every entry a file, and every golden a case.
func runTransformGoldens(t *testing.T, dir string, cases []goldenCase) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.Dockerfile"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases under testdata/%s: %v", dir, err)
	}
	byName := map[string]goldenCase{}
	for _, c := range cases {
		if _, dup := byName[c.name]; dup {
			t.Errorf("case %s is in the table twice", c.name)
		}
		byName[c.name] = c
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".Dockerfile")
		if _, ok := byName[name]; !ok {
			t.Errorf("%s has no entry in the test's table", path)
		}
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", dir, "*.golden"))
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".golden")); err != nil {
			t.Errorf("%s has no case beside it", g)
		}
	}
	for _, c := range cases {
		path := filepath.Join("testdata", dir, c.name+".Dockerfile")
		t.Run(c.name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, refused := runGoldenCase(t, c, path, src)
			if t.Failed() {
				return
			}
			if want := strings.HasPrefix(c.name, "refuse-"); refused != want {
				if refused {
					t.Errorf("no fix (%s); a case that expects none is named refuse-…", strings.TrimSpace(string(got)))
				} else {
					t.Errorf("a refuse-… case got a fix")
				}
			}
			golden := path + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./rewrite -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("output differs from %s (run go test ./rewrite -update if the change is intended):\n%s",
					golden, UnifiedDiff(filepath.Base(golden), want, got))
			}
			checkGoldenVariants(t, c, path, src, want, refused)
		})
	}
}

// runGoldenCase parses src, runs the case's transformation and checks the
// invariants. It returns the golden text: the fixed file, or the refusal
// line.
func runGoldenCase(t *testing.T, c goldenCase, path string, src []byte) (out []byte, refused bool) {
	t.Helper()
	f := parser.Parse(filepath.Base(path), src)
	if f.Err != nil {
		t.Fatalf("the case does not parse: %v", f.Err)
	}
	res := c.run(t, f)
	if res.reason != "" {
		if len(res.edits) > 0 {
			t.Errorf("a reason (%s) and %d edits", res.reason, len(res.edits))
		}
		if strings.Contains(res.reason, "\n") {
			t.Errorf("the reason has several lines: %q", res.reason)
		}
		return []byte("no fix: " + res.reason + "\n"), true
	}
	if len(res.edits) == 0 {
		t.Fatal("neither edits nor a reason")
	}
	if res.title == "" {
		t.Error("the fix has no title")
	} else if c.title != "" && res.title != c.title {
		t.Errorf("title %q, want %q", res.title, c.title)
	}
	out, err := Apply(src, res.edits)
	if err != nil {
		t.Fatalf("%v: %+v", err, res.edits)
	}
	if bytes.Equal(out, src) {
		t.Error("the fix changes nothing")
	}
	if g := parser.Parse(filepath.Base(path), out); g.Err != nil {
		t.Errorf("the output does not parse: %v\n%s", g.Err, out)
	}
	return out, false
}

// checkGoldenVariants reruns a case as CRLF, with a BOM and without its
// final newline: a fix must give the golden output with the same change,
// a refusal the same reason.
func checkGoldenVariants(t *testing.T, c goldenCase, path string, src, want []byte, refused bool) {
	t.Helper()
	type variant struct {
		name     string
		src, out []byte
	}
	var vs []variant
	add := func(name string, change func([]byte) []byte) {
		if why, skip := c.skipVariants[name]; skip {
			t.Logf("not run as %s: %s", name, why)
			return
		}
		out := want
		if !refused {
			out = change(want)
		}
		vs = append(vs, variant{name, change(src), out})
	}
	if !bytes.Contains(src, []byte("\r")) {
		add(variantCRLF, func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) })
	}
	if !bytes.HasPrefix(src, goldenBOM) {
		add(variantBOM, func(b []byte) []byte { return append(slices.Clip(goldenBOM), b...) })
	}
	if bytes.HasSuffix(src, []byte("\n")) && (refused || bytes.HasSuffix(want, []byte("\n"))) {
		add(variantNoNewline, func(b []byte) []byte { return bytes.TrimSuffix(b, []byte("\n")) })
	}
	for name := range c.skipVariants {
		if name != variantCRLF && name != variantBOM && name != variantNoNewline {
			t.Errorf("skipVariants names no variant: %q", name)
		}
	}
	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			got, gotRefused := runGoldenCase(t, c, path, v.src)
			if gotRefused != refused {
				t.Fatalf("got %q", got)
			}
			if !bytes.Equal(got, v.out) {
				t.Errorf("output differs from the golden output made %s:\n%s", v.name, UnifiedDiff(filepath.Base(path), v.out, got))
			}
		})
	}
}

// lookupImage is images.Lookup of a reference written in a test table.
func lookupImage(t *testing.T, s string) images.Info {
	t.Helper()
	ref, err := parser.ParseImageRef(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return images.Lookup(ref)
}

// rootImageInfo is the facts of the image the final stage's chain starts
// from, as the rules look them up (baseInfo).
func rootImageInfo(t *testing.T, f *parser.File) (*parser.Stage, images.Info) {
	t.Helper()
	final := f.FinalStage()
	ref, ok := final.RootImage().Image()
	if !ok {
		t.Fatalf("the final stage's chain starts from no image (%q)", final.RootImage().Base)
	}
	return final, images.Lookup(ref)
}

package layering

import (
	"bufio"
	"bytes"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/dflint/dflint"

// TestImportsFollowTheTable checks every package's imports (test files
// excluded) against the table between the layering markers of
// docs/architecture.md: a package may import only the dflint packages its
// row lists, and every package has a row.
func TestImportsFollowTheTable(t *testing.T) {
	root := filepath.Join("..", "..")
	allowed := readTable(t, filepath.Join(root, "docs", "architecture.md"))
	pkgs := modulePackages(t, root)
	for _, p := range pkgs {
		may, ok := allowed[p.rel]
		if !ok {
			t.Errorf("%s is not in the table of docs/architecture.md: add its row with what it may import", p.rel)
			continue
		}
		for _, imp := range p.imports {
			if !may[imp] {
				t.Errorf("%s imports %s, which its row in docs/architecture.md does not allow", p.rel, imp)
			}
		}
	}
	have := map[string]bool{}
	for _, p := range pkgs {
		have[p.rel] = true
	}
	for rel := range allowed {
		if !have[rel] {
			t.Errorf("docs/architecture.md lists %s, which is not a package (any more)", rel)
		}
	}
}

// TestNothingImportsRules is the check, said directly: neither
// rewrite nor any package that rules imports reaches rules.
func TestNothingImportsRules(t *testing.T) {
	pkgs := modulePackages(t, filepath.Join("..", ".."))
	imports := map[string][]string{}
	for _, p := range pkgs {
		imports[p.rel] = p.imports
	}
	var reaches func(from, to string, seen map[string]bool) bool
	reaches = func(from, to string, seen map[string]bool) bool {
		if seen[from] {
			return false
		}
		seen[from] = true
		for _, imp := range imports[from] {
			if imp == to || reaches(imp, to, seen) {
				return true
			}
		}
		return false
	}
	if len(imports["rules"]) == 0 {
		t.Fatal("found no imports of rules: is the module root right?")
	}
	for _, dep := range append([]string{"rewrite", "internal/shellcmd", "internal/edit"}, imports["rules"]...) {
		if reaches(dep, "rules", map[string]bool{}) {
			t.Errorf("%s reaches rules through its imports: rules imports it, so this is a cycle in the layering", dep)
		}
	}
}

var rowRE = regexp.MustCompile("^\\| `([^`]+)` \\|(.*)\\|$")

func readTable(t *testing.T, path string) map[string]map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := bytes.Cut(b, []byte("<!-- layering:begin -->"))
	body, _, ok2 := bytes.Cut(rest, []byte("<!-- layering:end -->"))
	if !ok || !ok2 {
		t.Fatalf("%s: no table between <!-- layering:begin --> and <!-- layering:end -->", path)
	}
	out := map[string]map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		m := rowRE.FindStringSubmatch(strings.TrimSpace(sc.Text()))
		if m == nil {
			continue
		}
		may := map[string]bool{}
		for _, f := range strings.Split(m[2], ",") {
			if f = strings.Trim(strings.TrimSpace(f), "`"); f != "" {
				may[f] = true
			}
		}
		if _, dup := out[m[1]]; dup {
			t.Errorf("%s: %s has two rows", path, m[1])
		}
		out[m[1]] = may
	}
	if len(out) == 0 {
		t.Fatalf("%s: the layering table has no rows", path)
	}
	return out
}

type pkg struct {
	rel     string   // path in the module: "rules", "internal/shellcmd"
	imports []string // dflint packages it imports, module-relative
}

// devtools is the go command's build context with the tag that the
// developers' programs (hitrate, bench report, release) are built with, so
// that their imports are checked too.
var devtools = func() build.Context {
	ctx := build.Default
	ctx.BuildTags = append(ctx.BuildTags, "devtools")
	return ctx
}()

// modulePackages lists the module's packages with their non-test imports,
// skipping testdata and hidden directories as the go command does.
func modulePackages(t *testing.T, root string) []pkg {
	t.Helper()
	var out []pkg
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		bp, err := devtools.ImportDir(path, 0)
		if err != nil {
			if _, none := err.(*build.NoGoError); none {
				return nil
			}
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		p := pkg{rel: filepath.ToSlash(rel)}
		for _, imp := range bp.Imports {
			if r, ok := strings.CutPrefix(imp, module+"/"); ok {
				p.imports = append(p.imports, r)
			}
		}
		sort.Strings(p.imports)
		out = append(out, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

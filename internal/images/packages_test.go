package images

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// wolfiPackagesPath is the shared list of Wolfi's installable names
// (../shared/data/README.md says where it comes from), read in place and
// never copied into the repository.
var wolfiPackagesPath = filepath.Join("..", "..", "..", "shared", "data", "wolfi-packages.json")

// TestPackageTargetsExist checks that every name the package table
// installs exists in its target distribution: an `apk add` of a name that
// does not exist fails the build that dflint's fix was meant to improve.
func TestPackageTargetsExist(t *testing.T) {
	t.Run("alpine", func(t *testing.T) {
		alpine := readAlpineList(t)
		for _, name := range sortedKeys(packageTargets(Alpine)) {
			if _, ok := alpine[name]; !ok {
				t.Errorf("Alpine name %q (for %s) is not in testdata/alpine-packages.tsv: check it in aports and list it with its origin, or map the package to another name",
					name, strings.Join(packageTargets(Alpine)[name], ", "))
			}
		}
	})
	t.Run("wolfi", func(t *testing.T) {
		b, err := os.ReadFile(wolfiPackagesPath)
		if os.IsNotExist(err) {
			t.Skipf("%s is absent (it lives beside the repository, in the shared data); the Wolfi names are not checked", wolfiPackagesPath)
		}
		if err != nil {
			t.Fatal(err)
		}
		var w struct {
			Names    []string            `json:"names"`
			Provides map[string][]string `json:"provides"`
		}
		if err := json.Unmarshal(b, &w); err != nil {
			t.Fatalf("%s: %v", wolfiPackagesPath, err)
		}
		if len(w.Names) < 1000 {
			t.Fatalf("%s lists only %d names: not the list this test expects", wolfiPackagesPath, len(w.Names))
		}
		wolfi := map[string]bool{}
		for _, n := range w.Names {
			wolfi[n] = true
		}
		for n := range w.Provides {
			wolfi[n] = true
		}
		targets := packageTargets(Wolfi)
		for _, name := range sortedKeys(targets) {
			if !wolfi[name] {
				t.Errorf("Wolfi name %q (for %s) is not an installable Wolfi package: find the package that ships it in wolfi-dev/os, or leave the package without a Wolfi name so that the stage is not converted",
					name, strings.Join(targets[name], ", "))
			}
		}
	})
}

// readAlpineList reads testdata/alpine-packages.tsv: name, aports origin
// and an optional note per line.
func readAlpineList(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "alpine-packages.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 || !strings.HasPrefix(fields[1], "main/") && !strings.HasPrefix(fields[1], "community/") {
			t.Fatalf("alpine-packages.tsv: %q: want name, tab, the aports directory (main/… or community/…)", line)
		}
		if _, dup := out[fields[0]]; dup {
			t.Fatalf("alpine-packages.tsv: %s is listed twice", fields[0])
		}
		out[fields[0]] = fields[1]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

package ruledocs

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/rules from the registry")

// docsDir is docs/rules at the repository root.
const docsDir = "../../docs/rules"

// TestDocsAreCurrent fails when docs/rules differs from what the registry
// generates, so a rule's documentation cannot drift from its code.
func TestDocsAreCurrent(t *testing.T) {
	pages, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, p := range pages {
		want[filepath.FromSlash(p.Path)] = true
		path := filepath.Join(docsDir, filepath.FromSlash(p.Path))
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, p.Content, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, p.Content) {
			t.Errorf("docs/rules/%s is not what the registry generates: run go test ./internal/ruledocs -update", p.Path)
		}
	}
	// Pages of rules that no longer exist must go too.
	filepath.WalkDir(docsDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return nil
		}
		rel, _ := filepath.Rel(docsDir, path)
		if !want[rel] {
			if *update {
				os.Remove(path)
			} else {
				t.Errorf("docs/rules/%s belongs to no rule: run go test ./internal/ruledocs -update", filepath.ToSlash(rel))
			}
		}
		return nil
	})
}

func TestPagesHaveTheSections(t *testing.T) {
	pages, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if p.Path == "README.md" || strings.HasPrefix(p.Path, "buildkit/") {
			continue
		}
		for _, h := range []string{"## Output", "## Description", "## Bad", "## Good", "## Fix", "## Aliases"} {
			if !bytes.Contains(p.Content, []byte("\n"+h+"\n")) {
				t.Errorf("%s: no %q section", p.Path, h)
			}
		}
	}
}

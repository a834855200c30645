//go:build devtools

package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// entry is one row of the corpus's MANIFEST.tsv.
type entry struct {
	file   string // where the corpus keeps it, relative to the corpus folder (flattened)
	repo   string // owner/name
	commit string // the repository's commit the file was taken from
	path   string // original_path: where it lives in the repository
	kind   string // "real", "fixture", …
}

// rel is the file's path in the table's terms, and in the layout:
// <owner>/<name>/<original path>, with forward slashes.
func (e entry) rel() string { return e.repo + "/" + e.path }

// linted tells whether the hit rates count the file: the real Dockerfiles
// (`kind == real`), not test fixtures, nor the build-context files laid out
// beside them.
func (e entry) linted() bool { return e.kind == "real" && !e.contextFile() }

// contextFile tells whether the file is one that rules read from the build
// context rather than lint: the ignore files (`.dockerignore`, and
// `<Dockerfile>.dockerignore`, which BuildKit reads first; DF203 and
// BuildKit's CopyIgnoredFile look for them) and `go.mod` (DF202). The
// corpus keeps none of them today; whatever kind the manifest gives them
// when it does, they are laid out at their original paths so that those
// rules see what the repository has.
func (e entry) contextFile() bool {
	base := path.Base(e.path)
	return base == ".dockerignore" || strings.HasSuffix(base, ".dockerignore") || base == "go.mod"
}

// manifest is what the corpus's MANIFEST.tsv says.
type manifest struct {
	entries []entry // sorted by rel
	// sum is the SHA-256 of MANIFEST.tsv (which holds every file's
	// SHA-256): it names the corpus version a table was measured on.
	sum string
}

// readManifest reads the corpus's MANIFEST.tsv, keeping the files that are
// linted or laid out (see entry.linted and entry.contextFile).
func readManifest(corpus string) (*manifest, error) {
	name := filepath.Join(corpus, "MANIFEST.tsv")
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the corpus manifest: %w (pass -corpus)", err)
	}
	sum := sha256.Sum256(data)
	m := &manifest{sum: hex.EncodeToString(sum[:])}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var col map[string]int
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		if col == nil {
			col = map[string]int{}
			for i, name := range fields {
				col[name] = i
			}
			for _, want := range []string{"file", "repo", "original_path", "kind"} {
				if _, ok := col[want]; !ok {
					return nil, fmt.Errorf("%s has no %q column", name, want)
				}
			}
			continue
		}
		if len(fields) < len(col) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", name, line, len(fields), len(col))
		}
		e := entry{
			file: fields[col["file"]],
			repo: fields[col["repo"]],
			path: fields[col["original_path"]],
			kind: fields[col["kind"]],
		}
		if i, ok := col["commit"]; ok {
			e.commit = fields[i]
		}
		if !e.linted() && !e.contextFile() {
			continue
		}
		// The layout puts the file at <repo>/<original_path> under a
		// folder of ours: neither may climb out of it.
		if strings.Count(e.repo, "/") != 1 || !filepath.IsLocal(e.repo) || !filepath.IsLocal(e.path) || !filepath.IsLocal(e.file) {
			return nil, fmt.Errorf("%s:%d: %q in %q is not a path inside a repository", name, line, e.path, e.repo)
		}
		m.entries = append(m.entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(m.entries, func(i, j int) bool { return m.entries[i].rel() < m.entries[j].rel() })
	for i := 1; i < len(m.entries); i++ {
		if m.entries[i].rel() == m.entries[i-1].rel() {
			return nil, fmt.Errorf("%s: %s is listed twice", name, m.entries[i].rel())
		}
	}
	return m, nil
}

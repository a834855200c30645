//go:build devtools

package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeCorpus writes a corpus folder as ../shared/corpus has it: files
// flattened under files/<owner>__<repo>/, listed in MANIFEST.tsv. Each row
// is repo, original path, kind, content.
func writeCorpus(t *testing.T, rows [][4]string) string {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("file\trepo\tcommit\toriginal_path\tlicense\tsha256\tlines\tkind\n")
	for _, r := range rows {
		repo, orig, kind, content := r[0], r[1], r[2], r[3]
		file := "files/" + strings.ReplaceAll(repo, "/", "__") + "/" + strings.ReplaceAll(orig, "/", "__")
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, file)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join([]string{file, repo, "0123abcd", orig, "MIT", "-", "1", kind}, "\t") + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "MANIFEST.tsv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const copyAll = "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\n"

// The corpus flattens each repository into one folder, where an ignore
// file would sit beside every Dockerfile of the repository under a name no
// rule looks for. Laid out, each Dockerfile sees its repository's folders.
var layoutCorpus = [][4]string{
	{"o/r", "app/Dockerfile", "real", copyAll},
	{"o/r", "app/.dockerignore", "context", ".git\n"},
	{"o/r", "svc/Dockerfile", "real", copyAll}, // no ignore file in svc/ nor above it
	{"o/r", "tests/Dockerfile", "fixture", copyAll},
	{"o/s", ".dockerignore", "context", ".git\n"},
	{"o/s", "deploy/prod/Dockerfile", "real", copyAll}, // the repository root's counts
	{"o/s", "web/Dockerfile", "real", "FROM alpine:3.20\nCOPY web.conf /etc/\n"},
}

func TestLayoutLetsRulesSeeTheRepository(t *testing.T) {
	corpus := writeCorpus(t, layoutCorpus)
	man, err := readManifest(corpus)
	if err != nil {
		t.Fatal(err)
	}
	// An ignore file above the layout is outside every repository: DF203
	// stops at each repository's root, as it does in a checkout.
	outer := t.TempDir()
	if err := os.WriteFile(filepath.Join(outer, ".dockerignore"), []byte(".git\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(outer, "layout")
	if err := layout(corpus, dir, man.entries, true); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"o/r/app/Dockerfile", "o/r/app/.dockerignore", "o/r/svc/Dockerfile", "o/s/.dockerignore", "o/s/deploy/prod/Dockerfile"} {
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
			t.Errorf("%s is not laid out: %v", rel, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o/r/tests/Dockerfile")); err == nil {
		t.Errorf("a test fixture was laid out")
	}
	m, err := measure(corpus, dir, man.entries, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if m.files != 4 || m.repos != 2 || m.ignoreFiles != 2 || m.goMods != 0 {
		t.Errorf("files %d, repos %d, ignore files %d, go.mod %d; want 4, 2, 2, 0", m.files, m.repos, m.ignoreFiles, m.goMods)
	}
	s := m.stats["DF203"]
	if s == nil {
		t.Fatal("DF203 found nothing, want o/r/svc/Dockerfile")
	}
	var files []string
	for f := range s.files {
		files = append(files, f)
	}
	if want := []string{"o/r/svc/Dockerfile"}; s.findings != 1 || !slices.Equal(files, want) {
		t.Errorf("DF203: %d findings on %v, want 1 on %v", s.findings, files, want)
	}
	if len(m.errors) > 0 {
		t.Errorf("errors: %v", m.errors)
	}
}

func TestLayoutNeedsAFolderOfItsOwn(t *testing.T) {
	corpus := writeCorpus(t, layoutCorpus)
	man, err := readManifest(corpus)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := layout(corpus, dir, man.entries, true); err == nil {
		t.Error("laid out into a folder that holds other files")
	}
}

func TestManifestPathsStayInTheLayout(t *testing.T) {
	for _, row := range [][4]string{
		{"o/r", "../escape/Dockerfile", "real", copyAll},
		{"o/r", "/etc/Dockerfile", "real", copyAll},
		{"../o", "Dockerfile", "real", copyAll},
		{"o", "Dockerfile", "real", copyAll},
	} {
		corpus := writeCorpus(t, [][4]string{{"o/r", "Dockerfile", "real", copyAll}})
		// writeCorpus cannot write such names: add the row by hand.
		line := strings.Join([]string{"files/x", row[0], "0123abcd", row[1], "MIT", "-", "1", row[2]}, "\t") + "\n"
		f, err := os.OpenFile(filepath.Join(corpus, "MANIFEST.tsv"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(line)
		f.Close()
		if _, err := readManifest(corpus); err == nil {
			t.Errorf("repo %q path %q: accepted", row[0], row[1])
		}
	}
}

// The page is the same on every run over the same corpus on the same
// date, so that its diff in a commit is the rules' change and nothing else;
// and an earlier page's counts come back as the "before" columns.
func TestPageIsDeterministicAndReadsBack(t *testing.T) {
	corpus := writeCorpus(t, layoutCorpus)
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	out := t.TempDir()
	first, second := filepath.Join(out, "1.md"), filepath.Join(out, "2.md")
	if err := run(corpus, first, "", "", today); err != nil {
		t.Fatal(err)
	}
	if err := run(corpus, second, first, "", today); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(first)
	b, _ := os.ReadFile(second)
	page := string(a)
	for _, want := range []string{
		"as of 2026-01-01",
		"2 ignore files",
		"| DF203 | missing-dockerignore | info |  | 1 | 1 | 25.0 | 1 |",
		"## Default rules on more than 30 % of files",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	// The second page has the first's counts beside its own: the same.
	if !strings.Contains(string(b), "| DF203 | missing-dockerignore | info |  | 1 | 1 | 25.0 | 1 | 1 | 1 |") {
		t.Errorf("second page lacks the first's DF203 counts:\n%s", b)
	}
	if err := run(corpus, second, "", "", today); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(second); string(b) != page {
		t.Errorf("two runs differ:\n%s\n---\n%s", page, b)
	}
}

// A page written before the opt-in column existed still reads back.
func TestReadTableOfAnEarlierLayout(t *testing.T) {
	name := filepath.Join(t.TempDir(), "hitrate.md")
	old := "# Rule hit rates\n\n| rule | name | severity | findings | files | files % | repos |\n|---|---|---|---:|---:|---:|---:|\n" +
		"| DF203 | missing-dockerignore | info | 83 | 83 | 3.0 | 12 |\n| DF002 | unused-ignore | warning (opt-in) | 0 | 0 | 0.0 | 0 |\n"
	if err := os.WriteFile(name, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readTable(name)
	if err != nil {
		t.Fatal(err)
	}
	if got["DF203"] != (counts{83, 83}) || got["DF002"] != (counts{0, 0}) || len(got) != 2 {
		t.Errorf("got %v", got)
	}
}

// corpusDir is ../shared/corpus beside the repository root, or
// $DFLINT_CORPUS; the test that needs it skips when it is absent.
func corpusDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("DFLINT_CORPUS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "corpus")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the working directory")
		}
		dir = parent
	}
}

// The real corpus lays out whole: every real file at its repository path,
// and the files of a repository's folder together again (the flattened
// corpus cannot say which Dockerfiles share a folder).
func TestCorpusLaysOut(t *testing.T) {
	corpus := corpusDir(t)
	if _, err := os.Stat(filepath.Join(corpus, "MANIFEST.tsv")); err != nil {
		t.Skipf("no corpus at %s (%v): put the shared corpus beside the repository, or set DFLINT_CORPUS", corpus, err)
	}
	man, err := readManifest(corpus)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := layout(corpus, dir, man.entries, true); err != nil {
		t.Fatal(err)
	}
	folders := map[string]int{}
	for _, e := range man.entries {
		src, err := os.Stat(filepath.Join(corpus, filepath.FromSlash(e.file)))
		if err != nil {
			t.Fatal(err)
		}
		dst, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.rel())))
		if err != nil {
			t.Fatalf("%s is not laid out: %v", e.rel(), err)
		}
		if src.Size() != dst.Size() {
			t.Errorf("%s: %d bytes laid out, %d in the corpus", e.rel(), dst.Size(), src.Size())
		}
		if e.linted() {
			folders[filepath.Dir(e.rel())]++
		}
	}
	shared := 0
	for _, n := range folders {
		if n > 1 {
			shared++
		}
	}
	if shared == 0 {
		t.Error("no folder holds two real Dockerfiles: the layout lost the repositories' folders")
	}
}

// A layout kept for people to work in (-layout) holds copies: a fix tried
// in place there must not write through a link into the shared corpus.
func TestKeptLayoutCopies(t *testing.T) {
	corpus := writeCorpus(t, layoutCorpus)
	man, err := readManifest(corpus)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "kept")
	if err := layout(corpus, dir, man.entries, false); err != nil {
		t.Fatal(err)
	}
	laid := filepath.Join(dir, "o/r/app/Dockerfile")
	if err := os.WriteFile(laid, []byte("FROM scratch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(corpus, "files/o__r/app__Dockerfile")); string(b) != copyAll {
		t.Errorf("an edit in the kept layout changed the corpus: %q", b)
	}
}

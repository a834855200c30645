package discover

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// needGit skips a test without git, or fails it under CI (.ci/run installs
// git).
func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed (CI=true: .ci/run installs it)")
		}
		t.Skip("git is not installed")
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.email=t@example.com", "-c", "user.name=t",
		"-c", "init.defaultBranch=main", "-c", "core.excludesFile=" + filepath.Join(dir, ".no-global-excludes")}, args...)...)
	cmd.Env = gitEnv(os.Environ())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// paths are the targets' paths relative to dir, errors marked.
func paths(t *testing.T, dir string, targets []Target) []string {
	t.Helper()
	var out []string
	for _, tg := range targets {
		p := tg.Path
		if r, err := filepath.Rel(dir, p); err == nil && filepath.IsAbs(p) {
			p = r
		}
		p = filepath.ToSlash(p)
		if tg.Err != nil {
			p += " (error)"
		}
		out = append(out, p)
	}
	return out
}

// scratchRepo is a work tree with every way .gitignore can exclude a file,
// a tracked file that a pattern matches, an untracked file that none does,
// a nested repository with its own .gitignore, and a Dockerfile.md.
func scratchRepo(t *testing.T) string {
	t.Helper()
	needGit(t)
	dir := t.TempDir()
	const df = "FROM scratch\n"
	writeFiles(t, dir, map[string]string{
		"Dockerfile":                    df,
		"docs/Dockerfile.md":            "# how to build\n",
		".gitignore":                    "build/\n*.generated.Dockerfile\n!keep.generated.Dockerfile\ntracked/\n",
		"build/Dockerfile":              df, // ignored directory
		"app/x.generated.Dockerfile":    df, // ignored by pattern
		"app/keep.generated.Dockerfile": df, // re-included by !
		"app/Dockerfile":                df, // untracked, not ignored
		"tracked/Dockerfile":            df, // tracked (added with -f), though ignored
		"sub/.gitignore":                "local.Dockerfile\n",
		"sub/local.Dockerfile":          df, // ignored by a nested .gitignore
		"sub/Dockerfile":                df,
		"excluded/Dockerfile":           df, // ignored by .git/info/exclude
		"inner/Dockerfile":              df, // a nested repository
		"inner/.gitignore":              "out/\n",
		"inner/out/Dockerfile":          df, // ignored by the nested one's .gitignore
		"mod/Dockerfile":                df, // a nested repository the outer one tracks (a gitlink, as a submodule is)
		"mod/.gitignore":                "tmp/\n",
		"mod/tmp/Dockerfile":            df,
	})
	git(t, dir, "init", "-q")
	git(t, filepath.Join(dir, "inner"), "init", "-q")
	if err := os.WriteFile(filepath.Join(dir, ".git", "info", "exclude"), []byte("excluded/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, filepath.Join(dir, "mod"), "init", "-q")
	git(t, filepath.Join(dir, "mod"), "add", ".")
	git(t, filepath.Join(dir, "mod"), "commit", "-qm", "mod")
	git(t, dir, "add", "Dockerfile", ".gitignore", "mod")
	git(t, dir, "add", "-f", "tracked/Dockerfile")
	git(t, dir, "commit", "-qm", "start")
	return dir
}

// TestWalkRespectsGitignore: inside a work tree, a directory walk lints
// what git lists (tracked files, untracked ones no rule excludes) and
// nothing that .gitignore, a nested .gitignore or .git/info/exclude
// excludes; a nested repository follows its own rules; Dockerfile.md is
// no Dockerfile. A file named on the command line is linted all the same.
func TestWalkRespectsGitignore(t *testing.T) {
	dir := scratchRepo(t)
	want := []string{"Dockerfile", "app/Dockerfile", "app/keep.generated.Dockerfile", "inner/Dockerfile", "mod/Dockerfile", "sub/Dockerfile", "tracked/Dockerfile"}
	var warnings []string
	warn := func(s string) { warnings = append(warnings, s) }
	if got := paths(t, dir, Targets([]string{dir}, Options{Warn: warn})); !slices.Equal(got, want) {
		t.Errorf("walk of the work tree:\n got %v\nwant %v", got, want)
	}

	// From a subdirectory, as `cd sub && dflint lint .` does: git run
	// there still reads the .gitignore files above it.
	t.Chdir(filepath.Join(dir, "sub"))
	if got := paths(t, dir, Targets([]string{"."}, Options{Warn: warn})); !slices.Equal(got, []string{"Dockerfile"}) {
		t.Errorf("walk of sub/: %v, want [Dockerfile]", got)
	}
	t.Chdir(dir)

	// Named files win over .gitignore and the extension table.
	named := []string{"build/Dockerfile", "sub/local.Dockerfile", "docs/Dockerfile.md"}
	if got := paths(t, dir, Targets(named, Options{Warn: warn})); !slices.Equal(got, named) {
		t.Errorf("named files: %v, want %v", got, named)
	}

	// A hook's GIT_DIR and GIT_INDEX_FILE (of another repository) change
	// nothing: git is asked about the work tree around the directory.
	other := t.TempDir()
	git(t, other, "init", "-q")
	t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
	t.Setenv("GIT_INDEX_FILE", filepath.Join(other, ".git", "index"))
	if got := paths(t, dir, Targets([]string{dir}, Options{Warn: warn})); !slices.Equal(got, want) {
		t.Errorf("with GIT_DIR set elsewhere:\n got %v\nwant %v", got, want)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %v", warnings)
	}

	// A directory whose every Dockerfile is ignored says so.
	got := Targets([]string{filepath.Join(dir, "build")}, Options{})
	if len(got) != 1 || got[0].Err == nil || !strings.Contains(got[0].Err.Error(), ".gitignore") {
		t.Errorf("walk of the ignored build/: %+v, want an error that names .gitignore", got)
	}
}

// TestWalkWithoutGit: when git cannot answer, the walk lints every
// Dockerfile as it did before, and says why once per directory.
func TestWalkWithoutGit(t *testing.T) {
	dir := scratchRepo(t)
	t.Setenv("PATH", t.TempDir()) // no git on it
	var warnings []string
	got := paths(t, dir, Targets([]string{dir, dir + "/app"}, Options{Warn: func(s string) { warnings = append(warnings, s) }}))
	want := []string{"Dockerfile", "app/Dockerfile", "app/keep.generated.Dockerfile", "app/x.generated.Dockerfile",
		"build/Dockerfile", "excluded/Dockerfile", "inner/Dockerfile", "inner/out/Dockerfile",
		"mod/Dockerfile", "mod/tmp/Dockerfile", "sub/Dockerfile", "sub/local.Dockerfile", "tracked/Dockerfile"}
	if !slices.Equal(got, want) {
		t.Errorf("without git:\n got %v\nwant %v", got, want)
	}
	if len(warnings) != 4 || !strings.Contains(warnings[0], "git is not installed or not on PATH") {
		t.Errorf("warnings %q: want one per work tree walked (the repository, inner/, mod/, app/), naming the cause", warnings)
	}
}

// TestWalkOutsideGit: outside a work tree nothing is filtered but the
// names, and git is not asked.
func TestWalkOutsideGit(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"Dockerfile": "", "build/Dockerfile": "", "Dockerfile.md": "", "Dockerfile.orig": "", ".gitignore": "build/\n"})
	t.Setenv("PATH", t.TempDir()) // a git call would warn
	var warnings []string
	got := paths(t, dir, Targets([]string{dir}, Options{Warn: func(s string) { warnings = append(warnings, s) }}))
	if !slices.Equal(got, []string{"Dockerfile", "build/Dockerfile"}) || len(warnings) > 0 {
		t.Errorf("outside git: %v, warnings %v", got, warnings)
	}
}

// TestCorpusNamesKept: no real Dockerfile of the corpus would be skipped by
// the extension table (their original names, from MANIFEST.tsv). Skipped
// when the corpus is not there.
func TestCorpusNamesKept(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "corpus")
	if env := os.Getenv("DFLINT_CORPUS"); env != "" {
		corpus = env
	}
	f, err := os.Open(filepath.Join(corpus, "MANIFEST.tsv"))
	if err != nil {
		t.Skip("no corpus: ", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 || cols[0] == "file" {
			continue
		}
		name := filepath.Base(cols[3])
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "dockerfile.") || strings.HasPrefix(lower, "containerfile.") {
			n++
			if !IsDockerfileName(name) {
				t.Errorf("%s (%s) is a Dockerfile of the corpus that a directory walk would skip", name, cols[0])
			}
		}
	}
	if n == 0 {
		t.Fatal("no Dockerfile.* names in the corpus manifest: has its format changed?")
	}
}

package integrations

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/discover"
	"go.yaml.in/yaml/v3"
)

// hook is one entry of .pre-commit-hooks.yaml.
type hook struct {
	ID          string `yaml:"id"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Entry       string `yaml:"entry"`
	Language    string `yaml:"language"`
	Files       string `yaml:"files"`
	Exclude     string `yaml:"exclude"`
	// RequireSerial makes pre-commit pass every file to one process, so a
	// run prints one summary (and dflint-fix never races itself).
	RequireSerial bool `yaml:"require_serial"`
}

// repoRoot is the module root: two levels up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func readHooks(t *testing.T) []hook {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	return hooks
}

// names are file paths a repository may hold; want says whether dflint
// treats them as Dockerfiles.
var names = []string{
	"Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "containerfile",
	"Dockerfile.dev", "Dockerfile.prod.arm64", "Containerfile.fedora",
	"app.Dockerfile", "app.dockerfile", "api.containerfile", "svc/deep/Web.Dockerfile",
	"docker/Dockerfile", "build/ci/Containerfile",
	"Dockerfile.dockerignore", "app.Dockerfile.dockerignore", ".dockerignore",
	".Dockerfile", "Dockerfiles", "MyDockerfile", "Dockerfile-old", "docker-compose.yml",
	"README.md", "docs/Dockerfile.md/notes.txt", "dockerfile_test.go",
	"docs/Dockerfile.md", "Dockerfile.orig", "Dockerfile.j2", "Containerfile.TXT", "Dockerfile.copy", "Dockerfile.3.12",
}

// The hooks pick the same files as `dflint lint DIR`, by pre-commit's
// rules: `files` matches (re.search) and `exclude` does not. Both regexes
// are plain enough that Go's RE2 and Python's re read them alike.
func TestHooksMatchDiscovery(t *testing.T) {
	hooks := readHooks(t)
	if len(hooks) != 2 || hooks[0].ID != "dflint" || hooks[1].ID != "dflint-fix" {
		t.Fatalf("hooks %+v: want dflint and dflint-fix", hooks)
	}
	for _, h := range hooks {
		if h.Language != "golang" || h.Name == "" || h.Description == "" {
			t.Errorf("%s: language %q, name %q, description %q", h.ID, h.Language, h.Name, h.Description)
		}
		if !h.RequireSerial {
			t.Errorf("%s: require_serial is not set: pre-commit would split the files over several processes, each printing its own summary", h.ID)
		}
		files := regexp.MustCompile(h.Files)
		exclude := regexp.MustCompile(h.Exclude)
		// Every extension discovery skips, in both spellings of the name,
		// and a name that only contains one.
		all := slices.Clone(names)
		for _, ext := range discover.ExcludedExtensions() {
			all = append(all, "docs/Dockerfile."+ext, "Containerfile.prod."+strings.ToUpper(ext), "Dockerfile."+ext+".dockerfile", "Dockerfile."+ext+"x")
		}
		for _, p := range all {
			got := files.MatchString(p) && !exclude.MatchString(p)
			want := discover.IsDockerfileName(filepath.Base(p))
			if got != want {
				t.Errorf("%s: %s is matched: %v, but dflint lint DIR would pick it: %v", h.ID, p, got, want)
			}
		}
	}
	if !strings.HasPrefix(hooks[0].Entry, "dflint lint") || !strings.HasPrefix(hooks[1].Entry, "dflint fix") {
		t.Errorf("entries %q, %q", hooks[0].Entry, hooks[1].Entry)
	}
}

// TestPreCommit runs the real pre-commit against the hooks file: it builds
// dflint with `go install ./...` as any user's pre-commit would, from a
// copy of this checkout, and runs both hooks in a scratch repository whose
// .pre-commit-config.yaml names that copy. The
// Go module cache is the one this test was built with, and the module
// proxy is off, so nothing is downloaded.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dflint through pre-commit; skipped with -short")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed, and CI must run this test (.ci/run installs Debian's pre-commit package)")
		}
		t.Skip("pre-commit is not installed (Debian/Ubuntu: apt-get install pre-commit)")
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	modCache := goEnv(t, "GOMODCACHE")
	tmp := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "cache"),
		"GOMODCACHE="+modCache, // pre-commit sets GOPATH to the hook's env
		"GOPROXY=off", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"NO_COLOR=1", "DFLINT_TODAY=2026-03-01",
	)
	run := func(dir string, name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(dir string, name string, args ...string) {
		t.Helper()
		if out, err := run(dir, name, args...); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}

	// The hook repository: this checkout's files as they are now, committed
	// (pre-commit clones a git repository at a revision).
	hookRepo := filepath.Join(tmp, "dflint")
	copyCheckout(t, repoRoot(t), hookRepo)
	must(hookRepo, git, "init", "-q")
	must(hookRepo, git, "add", "-A")
	must(hookRepo, git, "commit", "-q", "-m", "snapshot")
	hookRev, err := run(hookRepo, git, "rev-parse", "HEAD")
	if err != nil {
		t.Fatalf("git rev-parse: %v\n%s", err, hookRev)
	}

	// The user's repository.
	work := filepath.Join(tmp, "work")
	files := map[string]string{
		"Dockerfile":              "FROM alpine:3.20\nWORKDIR app\n",
		"Containerfile":           "FROM alpine:3.20\nWORKDIR app\n",
		"api.dockerfile":          "FROM alpine:3.20\nWORKDIR app\n",
		"docker/Dockerfile.dev":   "FROM alpine:3.20\nCMD echo hi\n",
		"Dockerfile.dockerignore": "WORKDIR app\n",
		"vendor2/Dockerfile":      "FROM alpine:3.20\nWORKDIR app\n",
		"notes.txt":               "WORKDIR app\n",
		".dflint.yaml":            "select: [DF502, DF501]\nignore-paths: [vendor2]\n",
		// Both hooks from the hook repository at its commit, as a user
		// configures them (rather than try-repo, whose store is temporary):
		// the environment pre-commit installs stays in PRE_COMMIT_HOME to be
		// looked at, and is built once for both hooks.
		".pre-commit-config.yaml": "repos:\n  - repo: " + hookRepo + "\n    rev: " + strings.TrimSpace(hookRev) + "\n    hooks:\n      - id: dflint\n      - id: dflint-fix\n",
	}
	for name, content := range files {
		p := filepath.Join(work, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must(work, git, "init", "-q")
	must(work, git, "add", "-A")
	must(work, git, "commit", "-q", "-m", "start")

	// dflint: fails on the relative WORKDIRs (DF502, a warning), names
	// every Dockerfile-like file and no other, honours .dflint.yaml.
	out, err := run(work, preCommit, "run", "dflint", "--all-files")
	if err == nil {
		t.Fatalf("the dflint hook passed on files with findings:\n%s", out)
	}
	for _, want := range []string{
		"Dockerfile:2:9: warning DF502", "Containerfile:2:9: warning DF502", "api.dockerfile:2:9: warning DF502",
		"docker/Dockerfile.dev:2:1: warning DF501",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the dflint hook's output lacks %q:\n%s", want, out)
		}
	}
	for _, unwanted := range []string{"dockerignore:", "notes.txt", "vendor2/", "DF301"} {
		if strings.Contains(out, unwanted) {
			t.Errorf("the dflint hook's output has %q:\n%s", unwanted, out)
		}
	}
	// One process for all the files (require_serial): one summary.
	if n := len(summaryLine.FindAllString(out, -1)); n != 1 {
		t.Errorf("the dflint hook printed %d summaries, want 1:\n%s", n, out)
	}
	// pre-commit's golang language runs `go install ./...` in the hook
	// repository: only dflint may land in the hook's environment.
	bins, err := filepath.Glob(filepath.Join(tmp, "cache", "repo*", "golangenv-*", "bin", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var installed []string
	for _, b := range bins {
		installed = append(installed, filepath.Base(b))
	}
	if !slices.Equal(installed, []string{"dflint"}) {
		t.Errorf("pre-commit installed %v (from %v), want dflint alone", installed, bins)
	}

	// dflint-fix: rewrites the CMD in place (pre-commit then fails, as it
	// does for any hook that changes files) and reports what is left.
	out, err = run(work, preCommit, "run", "dflint-fix", "--all-files")
	if err == nil {
		t.Fatalf("the dflint-fix hook passed although it changed a file:\n%s", out)
	}
	if !strings.Contains(out, "files were modified by this hook") || !strings.Contains(out, "Fixed 1 finding in 1 file (DF501 ×1)") {
		t.Errorf("dflint-fix output:\n%s", out)
	}
	got, err := os.ReadFile(filepath.Join(work, "docker/Dockerfile.dev"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "FROM alpine:3.20\nCMD [\"echo\", \"hi\"]\n"; string(got) != want {
		t.Errorf("docker/Dockerfile.dev after dflint-fix:\n%s\nwant\n%s", got, want)
	}
}

// summaryLine is the last line of `dflint lint`'s text output when there
// are findings: "3 findings (1 error, 2 warnings) in 2 of 5 files; …".
var summaryLine = regexp.MustCompile(`(?m)^\d+ findings? \(`)

// TestOnlyDflintIsInstalled checks what `go install ./...` (pre-commit's
// golang language, pre-commit 3.0.4 languages/golang.py) would build: the
// developers' programs carry the devtools build tag, so dflint is the only
// main package without it.
func TestOnlyDflintIsInstalled(t *testing.T) {
	cmd := exec.Command("go", "list", "-f", "{{if eq .Name \"main\"}}{{.ImportPath}}{{end}}", "./...")
	cmd.Dir = repoRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	if got := strings.Fields(string(out)); !slices.Equal(got, []string{"github.com/dflint/dflint/cmd/dflint"}) {
		t.Errorf("go install ./... would install %v; tag any other program //go:build devtools (see the Makefile)", got)
	}
}

func goEnv(t *testing.T, key string) string {
	t.Helper()
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Skipf("go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out))
}

// copyCheckout copies the files git knows of (tracked, and new ones not
// ignored) from the checkout at src, so the hook is tested as it is in the
// working tree, uncommitted changes included.
func copyCheckout(t *testing.T, src, dst string) {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = src
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): cannot snapshot the hook repository", err)
	}
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if rel == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, rel))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

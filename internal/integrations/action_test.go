package integrations

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action is the part of action.yml's schema that dflint's action uses
// (GitHub's metadata syntax for composite actions); decoding with
// KnownFields makes a misspelt key fail here rather than on GitHub.
type action struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	Author      string `yaml:"author"`
	Branding    struct {
		Icon  string `yaml:"icon"`
		Color string `yaml:"color"`
	} `yaml:"branding"`
	Inputs map[string]struct {
		Description string `yaml:"description"`
		Required    bool   `yaml:"required"`
		Default     string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string            `yaml:"name"`
			Uses  string            `yaml:"uses"`
			With  map[string]string `yaml:"with"`
			Shell string            `yaml:"shell"`
			Run   string            `yaml:"run"`
			Env   map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

var (
	inputRef    = regexp.MustCompile(`\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}`)
	scriptInput = regexp.MustCompile(`\$\{?(INPUT_[A-Z_]+)`)
	scriptRegex = regexp.MustCompile(`(?m)^(DOCKERFILE_RE|DOCKERIGNORE_RE)='([^']*)'$`)
)

func readAction(t *testing.T) (*action, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a, src
}

// The action's metadata is complete, each input it declares is used, and
// each input it uses is declared: GitHub does neither check.
func TestActionMetadata(t *testing.T) {
	a, src := readAction(t)
	if a.Name == "" || a.Description == "" || a.Branding.Icon == "" || a.Branding.Color == "" {
		t.Errorf("name, description and branding are needed to publish the action: %+v", a)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q, want composite", a.Runs.Using)
	}
	declared := map[string]bool{}
	for name, in := range a.Inputs {
		declared[name] = true
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
	}
	used := map[string]bool{}
	for _, m := range inputRef.FindAllStringSubmatch(string(src), -1) {
		used[m[1]] = true
		if !declared[m[1]] {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
		}
	}
	for name := range declared {
		if !used[name] {
			t.Errorf("input %s is declared but never used", name)
		}
	}
	for _, s := range a.Runs.Steps {
		if s.Uses == "" && s.Run == "" {
			t.Errorf("step %q neither uses an action nor runs a command", s.Name)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q: a composite action's run step needs a shell", s.Name)
		}
		// Inputs go to scripts through env, never spliced into the command,
		// so that a crafted input (a PR title, a path) cannot run code.
		if inputRef.MatchString(s.Run) {
			t.Errorf("step %q splices an input into its command: pass it through env", s.Name)
		}
	}
}

// The script the action runs exists, is executable, reads exactly the
// INPUT_ variables the step sets, and picks Dockerfiles by the same
// regexes as the pre-commit hooks.
func TestActionScript(t *testing.T) {
	a, _ := readAction(t)
	var env map[string]string
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "action/lint.sh") {
			env = s.Env
		}
	}
	if env == nil {
		t.Fatal("no step runs action/lint.sh")
	}
	path := filepath.Join(repoRoot(t), "action", "lint.sh")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode()&0o111 == 0 {
		t.Errorf("%s is not executable", path)
	}
	script, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]bool{}
	for _, m := range scriptInput.FindAllStringSubmatch(string(script), -1) {
		read[m[1]] = true
	}
	var set []string
	for k := range env {
		if strings.HasPrefix(k, "INPUT_") {
			set = append(set, k)
			if !read[k] {
				t.Errorf("the step sets %s, which lint.sh never reads", k)
			}
		}
	}
	for k := range read {
		if _, ok := env[k]; !ok {
			t.Errorf("lint.sh reads %s, which the step does not set", k)
		}
	}
	sort.Strings(set)
	if len(set) == 0 {
		t.Error("the step passes no input to lint.sh")
	}

	regexes := map[string]string{}
	for _, m := range scriptRegex.FindAllStringSubmatch(string(script), -1) {
		regexes[m[1]] = m[2]
	}
	for _, h := range readHooks(t) {
		// The hooks say (?i) in the regex; the script says grep -i.
		if "(?i)"+regexes["DOCKERFILE_RE"] != h.Files || "(?i)"+regexes["DOCKERIGNORE_RE"] != h.Exclude {
			t.Errorf("lint.sh picks files by %q minus %q; the %s hook by %q minus %q: keep them equal",
				regexes["DOCKERFILE_RE"], regexes["DOCKERIGNORE_RE"], h.ID, h.Files, h.Exclude)
		}
	}
}

// ShellCheck has nothing to say about the action's script (CI installs
// shellcheck; without it, the test skips).
func TestActionScriptShellCheck(t *testing.T) {
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not installed")
	}
	args := []string{"-x"}
	for _, name := range []string{"lint.sh", "install-dflint.sh", "install-reviewdog.sh", "verify.sh"} {
		args = append(args, filepath.Join(repoRoot(t), "action", name))
	}
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Errorf("shellcheck action/*.sh: %v\n%s", err, out)
	}
}

var (
	// pinnedUse is a step's uses: an action at a full commit SHA.
	pinnedUse = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$`)
	// usesLine is a uses: line of action.yml with its comment.
	usesLine = regexp.MustCompile(`(?m)^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	// downloadAndRun is a download piped into a shell, or a download at all:
	// anything fetched must come through a checksum-verified channel.
	downloadAndRun = regexp.MustCompile(`\b(curl|wget)\b|\|\s*(ba)?sh\b`)
	releaseTag     = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)
)

// Every action the composite action uses is pinned by full commit SHA with
// its version in a comment (a tag can be moved to other code, as
// reviewdog/action-setup@v1 was in March 2025), nothing is downloaded with
// curl or wget but through verify.sh, and the reviewdog version is a
// release tag.
func TestActionPinsWhatItRuns(t *testing.T) {
	a, src := readAction(t)
	for _, s := range a.Runs.Steps {
		if s.Uses != "" && !pinnedUse.MatchString(s.Uses) {
			t.Errorf("step %q uses %s: pin it by full commit SHA (owner/repo@<40 hex> # vX.Y.Z)", s.Name, s.Uses)
		}
		if downloadAndRun.MatchString(s.Run) {
			t.Errorf("step %q downloads with curl/wget or pipes into a shell: install through a channel that checks a checksum", s.Name)
		}
	}
	for _, m := range usesLine.FindAllStringSubmatch(string(src), -1) {
		if !regexp.MustCompile(`#\s*v[0-9]+\.[0-9]+\.[0-9]+\b`).MatchString(m[2]) {
			t.Errorf("uses: %s has no version comment (# vX.Y.Z) to say what the SHA is", m[1])
		}
	}
	// Only verify.sh's download fetches anything, and the install scripts
	// (tested in install_test.go) check what it fetched before running it.
	scripts, err := filepath.Glob(filepath.Join(repoRoot(t), "action", "*.sh"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range scripts {
		script, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(path) != "verify.sh" && downloadAndRun.Match(script) {
			t.Errorf("%s downloads with curl/wget or pipes into a shell: use verify.sh's download and check_sum", path)
		}
	}
	if v := a.Inputs["reviewdog-version"].Default; !releaseTag.MatchString(v) {
		t.Errorf("reviewdog-version defaults to %q: use a release tag (vX.Y.Z)", v)
	}
}

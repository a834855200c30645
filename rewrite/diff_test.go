package rewrite

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnifiedDiffFormat(t *testing.T) {
	old := "FROM alpine\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\nRUN f\nRUN g\nRUN h\n"
	new := "FROM alpine\nRUN a\nRUN b\nRUN c\nRUN D\nRUN e\nRUN f\nRUN g\nRUN h\n"
	want := "--- a/Dockerfile\n+++ b/Dockerfile\n" +
		"@@ -2,7 +2,7 @@\n RUN a\n RUN b\n RUN c\n-RUN d\n+RUN D\n RUN e\n RUN f\n RUN g\n"
	if got := string(UnifiedDiff("./Dockerfile", []byte(old), []byte(new))); got != want {
		t.Errorf("diff:\n%s\nwant:\n%s", got, want)
	}
	if d := UnifiedDiff("Dockerfile", []byte(old), []byte(old)); d != nil {
		t.Errorf("equal inputs gave a diff:\n%s", d)
	}
}

func TestUnifiedDiffHeaders(t *testing.T) {
	cases := []struct {
		old, new string
		headers  []string
	}{
		{"", "FROM a\n", []string{"@@ -0,0 +1 @@"}},
		{"FROM a\n", "", []string{"@@ -1 +0,0 @@"}},
		{"FROM a", "FROM b", []string{"@@ -1 +1 @@"}},
		// Changes 6 lines apart share a hunk; 7 apart do not.
		{lines(1, 20), replaceLine(replaceLine(lines(1, 20), 5), 12), []string{"@@ -2,14 +2,14 @@"}},
		{lines(1, 20), replaceLine(replaceLine(lines(1, 20), 5), 13), []string{"@@ -2,7 +2,7 @@", "@@ -10,7 +10,7 @@"}},
		{lines(1, 20), "x\n" + lines(1, 20), []string{"@@ -1,3 +1,4 @@"}},
		{lines(1, 20), lines(2, 20), []string{"@@ -1,4 +1,3 @@"}},
	}
	for i, c := range cases {
		d := string(UnifiedDiff("Dockerfile", []byte(c.old), []byte(c.new)))
		var got []string
		for _, l := range strings.Split(d, "\n") {
			if strings.HasPrefix(l, "@@") {
				// git omits ",1"; so do not insist on either form.
				got = append(got, strings.NewReplacer(",1 ", " ", ",1@", "@").Replace(l))
			}
		}
		if strings.Join(got, "|") != strings.Join(c.headers, "|") {
			t.Errorf("case %d: hunk headers %q, want %q\n%s", i, got, c.headers, d)
		}
	}
}

func lines(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, "RUN step %d\n", i)
	}
	return b.String()
}

// replaceLine changes 1-based line n.
func replaceLine(s string, n int) string {
	ls := strings.SplitAfter(s, "\n")
	ls[n-1] = "RUN changed " + ls[n-1][4:]
	return strings.Join(ls, "")
}

// patchCase is an old/new pair whose diff must apply byte for byte.
type patchCase struct {
	Name     string
	Old, New string
}

func patchCases() []patchCase {
	long := lines(1, 30)
	crlf := strings.ReplaceAll(long, "\n", "\r\n")
	return []patchCase{
		{"middle", long, replaceLine(long, 15)},
		{"first and last lines", long, replaceLine(replaceLine(long, 1), 30)},
		{"merging hunks", long, replaceLine(replaceLine(replaceLine(long, 8), 13), 19)},
		{"crlf", crlf, strings.Replace(crlf, "step 7\r\n", "step seven\r\nRUN more\r\n", 1)},
		{"crlf last line", crlf, strings.TrimSuffix(crlf, "step 30\r\n") + "step 30 && true\r\n"},
		{"mixed line ends", "FROM a\r\nRUN b\nRUN c\r\n", "FROM a\r\nRUN b\r\nRUN c\n"},
		{"old lacks final newline", "FROM a\nRUN b", "FROM a\nRUN b\n"},
		{"new lacks final newline", "FROM a\nRUN b\n", "FROM a\nRUN b"},
		{"neither has final newline, last line changed", "FROM a\nRUN b", "FROM a\nRUN c"},
		{"neither has final newline, first line changed", "FROM a\nRUN x\nRUN y\nRUN b", "FROM z\nRUN x\nRUN y\nRUN b"},
		{"no final newline, far from the change", long + "CMD x", replaceLine(long, 2) + "CMD x"},
		{"crlf without final newline", "FROM a\r\nRUN b", "FROM a\r\nRUN b && c"},
		{"bom first line", "\uFEFFFROM a\nRUN b\n", "\uFEFFFROM a AS x\nRUN b\n"},
		{"bom kept, other line", "\uFEFFFROM a\nRUN b\n", "\uFEFFFROM a\nRUN c\n"},
		{"bom removed", "\uFEFFFROM a\nRUN b\n", "FROM a\nRUN b\n"},
		{"empty old file", "", "FROM a\nRUN b\n"},
		{"empty old file, new lacks newline", "", "FROM a"},
		{"everything removed", "FROM a\nRUN b\n", ""},
		{"insert at top", long, "# syntax=docker/dockerfile:1\n" + long},
		{"append at end", long, long + "USER app\n"},
		{"delete lines", long, strings.Replace(long, "RUN step 10\nRUN step 11\n", "", 1)},
		{"blank and whitespace lines", "FROM a\n\n  \nRUN b\n\t\n", "FROM a\n\n  \nRUN c\n\t\n"},
		{"repeated lines", "RUN x\nRUN x\nRUN x\nRUN x\n", "RUN x\nRUN y\nRUN x\nRUN x\nRUN x\n"},
	}
}

// TestUnifiedDiffApplies writes each old text into a git repository, applies
// the diff with git apply (and patch -p1 when installed), and compares the
// result with new byte for byte.
func TestUnifiedDiffApplies(t *testing.T) {
	cases := patchCases()
	// Random edits on random files cover what the hand-written cases miss.
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 150; i++ {
		old := randomText(rng)
		cases = append(cases, patchCase{fmt.Sprintf("random %d", i), old, mutate(rng, old)})
	}
	checkPatchesApply(t, cases, nil)
}

// checkPatchesAppliesNamed is checkPatchesApply with each case's name as
// its file's path in the repository.
func checkPatchesAppliesNamed(t *testing.T, cases []patchCase) {
	names := make([]string, len(cases))
	for i, c := range cases {
		names[i] = c.Name
	}
	checkPatchesApply(t, cases, names)
}

// checkPatchesApply applies every case's diff in one temporary git
// repository: one file per case, one patch for all of them, so that the
// test runs git a constant number of times. names, when not nil, are the
// files' paths; otherwise they are made up, some needing quotes.
func checkPatchesApply(t *testing.T, cases []patchCase, names []string) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed: cannot check that diffs apply")
	}
	repo := t.TempDir()
	run(t, repo, git, "init", "-q")
	var patch bytes.Buffer
	if names == nil {
		names = make([]string, len(cases))
		for i := range cases {
			names[i] = fmt.Sprintf("dir %d/Dockerfile", i)
			if i%5 == 0 {
				// Names that git and patch must read back quoted.
				names[i] = fmt.Sprintf("q\"uo\\te\tdé%d/Docker file", i)
			}
		}
	}
	for i, c := range cases {
		if err := os.MkdirAll(filepath.Join(repo, filepath.Dir(names[i])), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo, names[i]), []byte(c.Old), 0o644); err != nil {
			t.Fatal(err)
		}
		patch.Write(UnifiedDiff(names[i], []byte(c.Old), []byte(c.New)))
	}
	pfile := filepath.Join(t.TempDir(), "all.patch")
	if err := os.WriteFile(pfile, patch.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// A copy for patch(1), taken before git apply changes the files.
	var patchDir string
	if _, err := exec.LookPath("patch"); err == nil {
		patchDir = t.TempDir()
		for i, c := range cases {
			p := filepath.Join(patchDir, names[i])
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(c.Old), 0o644)
		}
	}

	if out, err := runErr(repo, git, "apply", "--check", pfile); err != nil {
		// Find the culprit to make the failure readable.
		for i, c := range cases {
			one := filepath.Join(t.TempDir(), "one.patch")
			os.WriteFile(one, UnifiedDiff(names[i], []byte(c.Old), []byte(c.New)), 0o644)
			if out, err := runErr(repo, git, "apply", "--check", one); err != nil {
				t.Errorf("%s: git apply --check: %v\n%s\npatch:\n%s", c.Name, err, out, UnifiedDiff(names[i], []byte(c.Old), []byte(c.New)))
			}
		}
		t.Fatalf("git apply --check: %v\n%s", err, out)
	}
	run(t, repo, git, "apply", pfile)
	for i, c := range cases {
		got, _ := os.ReadFile(filepath.Join(repo, names[i]))
		if string(got) != c.New {
			t.Errorf("%s: git apply gave %q, want %q\npatch:\n%s", c.Name, got, c.New, UnifiedDiff(names[i], []byte(c.Old), []byte(c.New)))
		}
	}

	if patchDir == "" {
		t.Log("patch is not installed: checked with git apply only")
		return
	}
	if out, err := runErr(patchDir, "patch", "-p1", "--dry-run", "-s", "-i", pfile); err != nil {
		t.Fatalf("patch -p1 --dry-run: %v\n%s", err, out)
	}
	if out, err := runErr(patchDir, "patch", "-p1", "-s", "-i", pfile); err != nil {
		t.Fatalf("patch -p1: %v\n%s", err, out)
	}
	for i, c := range cases {
		got, _ := os.ReadFile(filepath.Join(patchDir, names[i]))
		if string(got) != c.New {
			t.Errorf("%s: patch -p1 gave %q, want %q", c.Name, got, c.New)
		}
	}
}

func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	if out, err := runErr(dir, name, args...); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func runErr(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	// Keep the user's git configuration (autocrlf, hooks) out of the test.
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	return cmd.CombinedOutput()
}

var randomLines = []string{"FROM a\n", "RUN b\n", "RUN b\r\n", "\n", "# c\n", "ENV x=1\n", "RUN b \\\n", "  && c\n", "COPY . .\r\n"}

func randomText(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.Intn(25); n > 0; n-- {
		b.WriteString(randomLines[rng.Intn(len(randomLines))])
	}
	s := b.String()
	if rng.Intn(4) == 0 {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	}
	return s
}

func mutate(rng *rand.Rand, s string) string {
	ls := strings.SplitAfter(s, "\n")
	for n := 1 + rng.Intn(4); n > 0; n-- {
		i := rng.Intn(len(ls) + 1)
		switch rng.Intn(3) {
		case 0:
			ls = append(ls[:i], append([]string{randomLines[rng.Intn(len(randomLines))]}, ls[i:]...)...)
		case 1:
			if i < len(ls) {
				ls = append(ls[:i], ls[i+1:]...)
			}
		case 2:
			if i < len(ls) {
				ls[i] = "RUN changed\n"
			}
		}
	}
	out := strings.Join(ls, "")
	if rng.Intn(4) == 0 {
		out = strings.TrimSuffix(out, "\n")
	}
	return out
}

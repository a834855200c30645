package changedlines

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A git diff with a modified file (two hunks), a rename with an edit, a new
// file, a deleted file and a file with only a deletion.
const gitPatch = `diff --git a/Dockerfile b/Dockerfile
index 1111111..2222222 100644
--- a/Dockerfile
+++ b/Dockerfile
@@ -1,3 +1,3 @@
-FROM debian:11
+FROM debian:12
 RUN apt-get update
 COPY . /app
@@ -10,2 +10,4 @@ RUN make
 USER app
+EXPOSE 80
+EXPOSE 443
 CMD ["app"]
diff --git a/old/Dockerfile b/new/Dockerfile
similarity index 90%
rename from old/Dockerfile
rename to new/Dockerfile
index 3333333..4444444 100644
--- a/old/Dockerfile
+++ b/new/Dockerfile
@@ -2 +2 @@ FROM alpine
-RUN apk add curl
+RUN apk add --no-cache curl
diff --git a/build/Containerfile b/build/Containerfile
new file mode 100644
index 0000000..5555555
--- /dev/null
+++ b/build/Containerfile
@@ -0,0 +1,2 @@
+FROM scratch
+COPY app /
diff --git a/gone/Dockerfile b/gone/Dockerfile
deleted file mode 100644
index 6666666..0000000
--- a/gone/Dockerfile
+++ /dev/null
@@ -1 +0,0 @@
-FROM busybox
diff --git a/trimmed/Dockerfile b/trimmed/Dockerfile
index 7777777..8888888 100644
--- a/trimmed/Dockerfile
+++ b/trimmed/Dockerfile
@@ -3 +2,0 @@ FROM busybox
-RUN true
`

func TestParsePatchGit(t *testing.T) {
	root := t.TempDir()
	set, err := ParsePatch(strings.NewReader(gitPatch), root)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Lines{
		"Dockerfile":          {{1, 1}, {11, 12}},
		"new/Dockerfile":      {{2, 2}},
		"build/Containerfile": {{1, 2}},
		"trimmed/Dockerfile":  nil,
	}
	for name, lines := range want {
		got, ok := set.Of(filepath.Join(root, name))
		if !ok || !reflect.DeepEqual(got, lines) {
			t.Errorf("%s: got %v (in set: %v), want %v", name, got, ok, lines)
		}
	}
	for _, name := range []string{"old/Dockerfile", "gone/Dockerfile"} {
		if _, ok := set.Of(filepath.Join(root, name)); ok {
			t.Errorf("%s is in the set: a renamed-away or deleted file has no lines", name)
		}
	}
	if set.Len() != len(want) {
		t.Errorf("%d files, want %d", set.Len(), len(want))
	}
}

// Diffs without git headers: diff -u with a/ b/ prefixes, and with plain
// names (patch -p0), including diff's timestamps after a tab.
func TestParsePatchTraditional(t *testing.T) {
	for _, tc := range []struct{ name, patch, file string }{
		{"prefixed", "--- a/svc/Dockerfile\t2026-12-07 10:00:00\n+++ b/svc/Dockerfile\t2026-12-07 10:01:00\n@@ -1 +1,2 @@\n FROM alpine\n+USER nobody\n", "svc/Dockerfile"},
		{"p0", "--- svc/Dockerfile.orig\n+++ svc/Dockerfile\n@@ -1 +1,2 @@\n FROM alpine\n+USER nobody\n", "svc/Dockerfile"},
		{"p0 same name", "--- b/Dockerfile\n+++ b/Dockerfile\n@@ -1 +1,2 @@\n FROM alpine\n+USER nobody\n", "b/Dockerfile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			set, err := ParsePatch(strings.NewReader(tc.patch), root)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := set.Of(filepath.Join(root, tc.file))
			if !ok || !reflect.DeepEqual(got, Lines{{2, 2}}) {
				t.Errorf("%s: got %v (in set: %v), want line 2", tc.file, got, ok)
			}
		})
	}
}

func TestParsePatchRejectsGarbage(t *testing.T) {
	_, err := ParsePatch(strings.NewReader("diff --git a/x b/x\n@@ -1 +1 @@\n-a\n"), t.TempDir())
	if err == nil {
		t.Fatal("a truncated hunk was accepted")
	}
}

func TestLinesTouches(t *testing.T) {
	ls := normalize([]Range{{5, 6}, {1, 1}, {7, 7}, {10, 12}})
	if !reflect.DeepEqual(ls, Lines{{1, 1}, {5, 7}, {10, 12}}) {
		t.Fatalf("normalize: %v", ls)
	}
	for _, tc := range []struct {
		from, to int
		want     bool
	}{
		{1, 1, true}, {2, 4, false}, {3, 5, true}, {8, 9, false}, {9, 10, true}, {12, 40, true}, {13, 13, false}, {4, 2, false},
	} {
		if got := ls.Touches(tc.from, tc.to); got != tc.want {
			t.Errorf("Touches(%d, %d) = %v, want %v", tc.from, tc.to, got, tc.want)
		}
	}
}

func gitCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
}

// TestFromRev builds a repository, changes a committed file, renames one,
// adds an untracked one, and asks for the lines changed since the commit.
func TestFromRev(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitCmd(t, root, "init", "-q")
	write("Dockerfile", "FROM debian:11\nRUN apt-get update\nCOPY . /app\n")
	write("a/Dockerfile", "FROM alpine:3\nRUN apk add curl\nRUN apk add git\nRUN apk add make\nCMD [\"sh\"]\n")
	write("same/Dockerfile", "FROM scratch\n")
	gitCmd(t, root, "add", ".")
	gitCmd(t, root, "commit", "-q", "-m", "base")
	write("Dockerfile", "FROM debian:12\nRUN apt-get update\nCOPY . /app\nUSER app\n")
	gitCmd(t, root, "mv", "a/Dockerfile", "b.Dockerfile")
	write("b.Dockerfile", "FROM alpine:3\nRUN apk add curl\nRUN apk add git\nRUN apk add make\nCMD [\"sh\", \"-l\"]\n")
	write("new/Dockerfile", "FROM scratch\nCOPY x /\n")
	// The user's config must not change what is read.
	gitCmd(t, root, "config", "diff.noprefix", "true")
	gitCmd(t, root, "config", "diff.mnemonicPrefix", "true")

	paths := []string{filepath.Join(root, "Dockerfile"), filepath.Join(root, "b.Dockerfile"), filepath.Join(root, "new", "Dockerfile"), filepath.Join(root, "same", "Dockerfile")}
	set, err := FromRev("HEAD", paths)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]Lines{
		"Dockerfile":     {{1, 1}, {4, 4}},
		"b.Dockerfile":   {{5, 5}},
		"new/Dockerfile": {WholeFile},
	} {
		got, ok := set.Of(filepath.Join(root, name))
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %v (in set: %v), want %v", name, got, ok, want)
		}
	}
	if _, ok := set.Of(filepath.Join(root, "same", "Dockerfile")); ok {
		t.Error("an unchanged file is in the set")
	}

	if _, err := FromRev("no-such-branch", paths); err == nil || !strings.Contains(err.Error(), `no commit "no-such-branch"`) {
		t.Errorf("unknown revision: %v", err)
	}
	outside := filepath.Join(t.TempDir(), "Dockerfile")
	if _, err := FromRev("HEAD", []string{outside}); err == nil || !strings.Contains(err.Error(), "not inside a git work tree") {
		t.Errorf("outside a repository: %v", err)
	}
}

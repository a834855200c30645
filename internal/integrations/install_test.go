package integrations

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// needTool is the path of a program a test runs: the test skips without
// it, but fails under CI (CI=true), whose .ci/run installs it.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed, and CI must run this test (.ci/run installs Debian's %s package)", name, pkg)
		}
		t.Skipf("%s is not installed (Debian/Ubuntu: apt-get install %s)", name, pkg)
	}
	return path
}

// fakeReleases serves release assets at /TAG/NAME from 127.0.0.1, as
// GitHub's release downloads do, and records what was asked.
type fakeReleases struct {
	srv    *httptest.Server
	mu     sync.Mutex
	assets map[string][]byte
	asked  []string
}

func newFakeReleases(t *testing.T) *fakeReleases {
	f := &fakeReleases{assets: map[string][]byte{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.asked = append(f.asked, r.URL.Path)
		b, ok := f.assets[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeReleases) put(path string, b []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.assets[path] = b
}

// tarGz is a .tar.gz holding the given files, each executable.
func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// actionCopy is a copy of the action's scripts and pins (action/), whose
// pins a test may then replace, and the path of the copy's root, which
// stands for GITHUB_ACTION_PATH.
func actionCopy(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	src := filepath.Join(repoRoot(t), "action")
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		dst := filepath.Join(root, "action", rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// stepRun is the command and env of the action.yml step whose command
// names script.
func stepRun(t *testing.T, script string) (string, map[string]string) {
	t.Helper()
	a, _ := readAction(t)
	for _, s := range a.Runs.Steps {
		if strings.Contains(s.Run, "action/"+script) {
			return s.Run, s.Env
		}
	}
	t.Fatalf("no step of action.yml runs action/%s", script)
	return "", nil
}

// runStep runs an action.yml step's command with bash as the runner would:
// its env with each ${{ … }} replaced from exprs (unknown ones empty),
// GITHUB_ACTION_PATH the action's copy, RUNNER_TEMP and GITHUB_PATH in
// dir, and extra as the job's environment. It returns the output and exit
// code.
func runStep(t *testing.T, run string, env map[string]string, actionPath, dir string, exprs map[string]string, extra ...string) (string, int) {
	t.Helper()
	expr := regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)
	cmd := exec.Command("bash", "-c", run)
	cmd.Env = append(os.Environ(), "GITHUB_ACTION_PATH="+actionPath, "RUNNER_TEMP="+dir,
		"GITHUB_PATH="+filepath.Join(dir, "github_path"), "RUNNER_OS=Linux", "RUNNER_ARCH=X64")
	// The job's environment (extra), then the step's env, which beats it
	// as on a runner.
	cmd.Env = append(cmd.Env, extra...)
	for k, v := range env {
		v = expr.ReplaceAllStringFunc(v, func(m string) string { return exprs[expr.FindStringSubmatch(m)[1]] })
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	return string(out), code
}

// The action installs a released dflint: it picks the version (the input,
// the action's release-tag ref, else the newest pinned), checks the
// release's checksums file against the pin and the archive against the
// checksums file, and refuses to run anything that fails a check.
func TestActionInstallsReleasedDflint(t *testing.T) {
	needTool(t, "curl", "curl")
	run, env := stepRun(t, "install-dflint.sh")
	rel := newFakeReleases(t)

	// Release 0.9.0: a dflint for linux/amd64 that says its version.
	fakeDflint := "#!/bin/sh\necho \"dflint 0.9.0 (fake)\"\n"
	archive := tarGz(t, map[string]string{"dflint": fakeDflint, "LICENSE": "text\n"})
	sums := fmt.Sprintf("%s  dflint_0.9.0_linux_amd64.tar.gz\n%s  dflint_0.9.0_darwin_arm64.tar.gz\n",
		sha256Hex(archive), strings.Repeat("0", 64))
	rel.put("/v0.9.0/dflint_0.9.0_linux_amd64.tar.gz", archive)
	rel.put("/v0.9.0/dflint_0.9.0_checksums.txt", []byte(sums))
	pinLine := sha256Hex([]byte(sums)) + "  dflint_0.9.0_checksums.txt\n"
	urlEnv := "DFLINT_RELEASE_URL=" + rel.srv.URL

	// The repository's pins file parses: comments, then sha256sum lines.
	pinsSrc, err := os.ReadFile(filepath.Join(repoRoot(t), "action", "checksums", "dflint.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pinRe := regexp.MustCompile(`^[0-9a-f]{64}  dflint_[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?_checksums\.txt$`)
	for _, line := range strings.Split(strings.TrimSpace(string(pinsSrc)), "\n") {
		if !strings.HasPrefix(line, "#") && !pinRe.MatchString(line) {
			t.Errorf("action/checksums/dflint.txt: %q is neither a comment nor a pin", line)
		}
	}

	install := func(t *testing.T, pins string, exprs map[string]string, extra ...string) (out string, code int, dir string) {
		t.Helper()
		action := actionCopy(t)
		if err := os.WriteFile(filepath.Join(action, "action", "checksums", "dflint.txt"), []byte("# pins\n"+pins), 0o644); err != nil {
			t.Fatal(err)
		}
		dir = t.TempDir()
		out, code = runStep(t, run, env, action, dir, exprs, append([]string{urlEnv}, extra...)...)
		return out, code, dir
	}
	installed := func(t *testing.T, dir string) bool {
		b, err := os.ReadFile(filepath.Join(dir, "dflint-bin", "dflint"))
		return err == nil && string(b) == fakeDflint
	}

	t.Run("pinned, newest by default", func(t *testing.T) {
		// A commit SHA as the action's ref: the newest pinned release.
		out, code, dir := install(t, strings.Repeat("1", 64)+"  dflint_0.8.0_checksums.txt\n"+pinLine,
			map[string]string{"github.action_ref": "0123456789abcdef0123456789abcdef01234567"})
		if code != 0 || !installed(t, dir) {
			t.Fatalf("exit %d, want 0 and dflint installed:\n%s", code, out)
		}
		for _, want := range []string{"matches the sha256 pinned", "dflint 0.9.0 (fake)", "installed dflint 0.9.0 (linux/amd64, sha256 " + sha256Hex(archive)} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "::warning") {
			t.Errorf("a pinned release warned:\n%s", out)
		}
		path, _ := os.ReadFile(filepath.Join(dir, "github_path"))
		if strings.TrimSpace(string(path)) != filepath.Join(dir, "dflint-bin") {
			t.Errorf("GITHUB_PATH got %q", path)
		}
	})

	t.Run("release tag ref, not pinned", func(t *testing.T) {
		out, code, dir := install(t, "", map[string]string{"github.action_ref": "v0.9.0"})
		if code != 0 || !installed(t, dir) {
			t.Fatalf("exit %d, want 0 and dflint installed:\n%s", code, out)
		}
		if !strings.Contains(out, "::warning title=dflint::dflint 0.9.0 is not pinned") {
			t.Errorf("no warning that only the release's own checksums vouch for it:\n%s", out)
		}
	})

	t.Run("version input beats the ref", func(t *testing.T) {
		out, code, dir := install(t, pinLine, map[string]string{"inputs.version": "v0.9.0", "github.action_ref": "v0.1.0"})
		if code != 0 || !installed(t, dir) {
			t.Fatalf("exit %d, want 0 and dflint installed:\n%s", code, out)
		}
	})

	t.Run("archive does not match the checksums file", func(t *testing.T) {
		rel.put("/v0.9.0/dflint_0.9.0_linux_amd64.tar.gz", tarGz(t, map[string]string{"dflint": "#!/bin/sh\necho evil\n"}))
		defer rel.put("/v0.9.0/dflint_0.9.0_linux_amd64.tar.gz", archive)
		out, code, dir := install(t, pinLine, nil)
		if code != 2 || installed(t, dir) || strings.Contains(out, "evil") {
			t.Fatalf("exit %d, want 2 and nothing installed or run:\n%s", code, out)
		}
		if !strings.Contains(out, "dflint_0.9.0_linux_amd64.tar.gz has sha256 ") || !strings.Contains(out, "but "+sha256Hex(archive)+" was expected") {
			t.Errorf("the message does not name the archive and both sums:\n%s", out)
		}
	})

	t.Run("checksums file does not match the pin", func(t *testing.T) {
		// Whoever replaces the archive replaces its line in the checksums
		// file too: the pin in the action's commit catches it.
		evil := tarGz(t, map[string]string{"dflint": "#!/bin/sh\necho evil\n"})
		rel.put("/v0.9.0/dflint_0.9.0_linux_amd64.tar.gz", evil)
		rel.put("/v0.9.0/dflint_0.9.0_checksums.txt", []byte(sha256Hex(evil)+"  dflint_0.9.0_linux_amd64.tar.gz\n"))
		defer rel.put("/v0.9.0/dflint_0.9.0_linux_amd64.tar.gz", archive)
		defer rel.put("/v0.9.0/dflint_0.9.0_checksums.txt", []byte(sums))
		out, code, dir := install(t, pinLine, nil)
		if code != 2 || installed(t, dir) || strings.Contains(out, "evil") {
			t.Fatalf("exit %d, want 2 and nothing installed or run:\n%s", code, out)
		}
		if !strings.Contains(out, "dflint_0.9.0_checksums.txt has sha256 ") {
			t.Errorf("the message does not name the checksums file:\n%s", out)
		}
	})

	t.Run("no build for the runner", func(t *testing.T) {
		out, code, _ := install(t, pinLine, nil, "RUNNER_ARCH=ARM64")
		if code != 2 || !strings.Contains(out, "lists no dflint_0.9.0_linux_arm64.tar.gz") {
			t.Errorf("exit %d, want 2 and the missing archive named:\n%s", code, out)
		}
	})

	t.Run("no version to be had", func(t *testing.T) {
		out, code, _ := install(t, "", map[string]string{"github.action_ref": "main"})
		if code != 2 || !strings.Contains(out, "set the version input") {
			t.Errorf("exit %d, want 2 and a hint:\n%s", code, out)
		}
		for _, bad := range []string{"latest", "0.9", "v0.9.0; touch /tmp/x"} {
			out, code, _ := install(t, pinLine, map[string]string{"inputs.version": bad})
			if code != 2 || !strings.Contains(out, "is not a release version") {
				t.Errorf("version %q: exit %d:\n%s", bad, code, out)
			}
		}
	})
}

// reviewdog comes from a release archive whose sha256 the action pins, or,
// where none is pinned, from go install at a release tag with Go's checksum
// database on even when the job's environment turns it off; latest or a
// branch is refused before anything is fetched.
func TestActionInstallsReviewdogByVersion(t *testing.T) {
	needTool(t, "curl", "curl")
	run, env := stepRun(t, "install-reviewdog.sh")
	a, _ := readAction(t)
	def := a.Inputs["reviewdog-version"].Default

	// The default version has a pinned archive for GitHub's Linux x64
	// runners.
	pins, err := os.ReadFile(filepath.Join(repoRoot(t), "action", "checksums", "reviewdog.txt"))
	if err != nil {
		t.Fatal(err)
	}
	linux := "reviewdog_" + strings.TrimPrefix(def, "v") + "_Linux_x86_64.tar.gz"
	if !regexp.MustCompile(`(?m)^[0-9a-f]{64}  ` + regexp.QuoteMeta(linux) + `$`).Match(pins) {
		t.Errorf("action/checksums/reviewdog.txt pins no sha256 for %s", linux)
	}

	rel := newFakeReleases(t)
	fakeReviewdog := "#!/bin/sh\necho 0.21.0-fake\n"
	archive := tarGz(t, map[string]string{"reviewdog": fakeReviewdog, "README.md": "x\n"})
	rel.put("/v0.21.0/reviewdog_0.21.0_Linux_x86_64.tar.gz", archive)

	// A stand-in go that records how it was run and installs a reviewdog.
	goDir := t.TempDir()
	fakeGo := "#!/bin/sh\nprintf '%s\\n' \"$*\" \"GOSUMDB=$GOSUMDB\" \"GONOSUMDB=$GONOSUMDB\" \"GOPRIVATE=$GOPRIVATE\" \"GOINSECURE=$GOINSECURE\" \"GOFLAGS=$GOFLAGS\" >\"$FAKE_GO_LOG\"\n" +
		"printf '#!/bin/sh\\necho built\\n' >\"$GOBIN/reviewdog\"; chmod 755 \"$GOBIN/reviewdog\"\n"
	if err := os.WriteFile(filepath.Join(goDir, "go"), []byte(fakeGo), 0o755); err != nil {
		t.Fatal(err)
	}
	// PATH without any go, for the runner that has none.
	var noGo []string
	for _, d := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(d, "go")); err != nil {
			noGo = append(noGo, d)
		}
	}

	install := func(t *testing.T, version, pinned string, extra ...string) (out string, code int, dir string) {
		t.Helper()
		action := actionCopy(t)
		if err := os.WriteFile(filepath.Join(action, "action", "checksums", "reviewdog.txt"), []byte(pinned), 0o644); err != nil {
			t.Fatal(err)
		}
		dir = t.TempDir()
		// What a careless job could have set, which the step must undo.
		extra = append([]string{"REVIEWDOG_RELEASE_URL=" + rel.srv.URL, "FAKE_GO_LOG=" + filepath.Join(dir, "go.log"),
			"PATH=" + goDir + string(os.PathListSeparator) + strings.Join(noGo, string(os.PathListSeparator)),
			"GOSUMDB=off", "GONOSUMDB=*", "GOPRIVATE=*", "GOINSECURE=*", "GOFLAGS=-mod=mod"}, extra...)
		out, code = runStep(t, run, env, action, dir, map[string]string{"inputs.reviewdog-version": version}, extra...)
		return out, code, dir
	}
	pinLine := sha256Hex(archive) + "  reviewdog_0.21.0_Linux_x86_64.tar.gz\n"

	t.Run("pinned archive", func(t *testing.T) {
		out, code, dir := install(t, "v0.21.0", pinLine)
		got, _ := os.ReadFile(filepath.Join(dir, "dflint-bin", "reviewdog"))
		if code != 0 || string(got) != fakeReviewdog || !strings.Contains(out, "0.21.0-fake") {
			t.Fatalf("exit %d, want 0 and the archive's reviewdog installed:\n%s", code, out)
		}
		if _, err := os.Stat(filepath.Join(dir, "go.log")); err == nil {
			t.Error("go was run although the archive is pinned")
		}
	})

	t.Run("archive does not match the pin", func(t *testing.T) {
		out, code, dir := install(t, "v0.21.0", strings.Repeat("a", 64)+"  reviewdog_0.21.0_Linux_x86_64.tar.gz\n")
		if _, err := os.Stat(filepath.Join(dir, "dflint-bin", "reviewdog")); code != 2 || err == nil || strings.Contains(out, "0.21.0-fake") {
			t.Fatalf("exit %d, want 2 and nothing installed or run:\n%s", code, out)
		}
		if !strings.Contains(out, "reviewdog_0.21.0_Linux_x86_64.tar.gz has sha256 "+sha256Hex(archive)) {
			t.Errorf("the message does not name the archive and its sum:\n%s", out)
		}
	})

	t.Run("no pin: go install, checked", func(t *testing.T) {
		out, code, dir := install(t, "v0.21.0", pinLine, "RUNNER_OS=macOS", "RUNNER_ARCH=ARM64")
		if code != 0 {
			t.Fatalf("exit %d:\n%s", code, out)
		}
		got, _ := os.ReadFile(filepath.Join(dir, "go.log"))
		want := "install github.com/reviewdog/reviewdog/cmd/reviewdog@v0.21.0\nGOSUMDB=sum.golang.org\nGONOSUMDB=\nGOPRIVATE=\nGOINSECURE=\nGOFLAGS=\n"
		if string(got) != want {
			t.Errorf("go was run as:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("no pin and no go", func(t *testing.T) {
		out, code, _ := install(t, "v0.21.0", pinLine, "RUNNER_OS=macOS", "PATH="+strings.Join(noGo, string(os.PathListSeparator)))
		if code != 2 || !strings.Contains(out, "no go on PATH") {
			t.Errorf("exit %d, want 2 and why:\n%s", code, out)
		}
	})

	t.Run("not a release tag", func(t *testing.T) {
		for _, bad := range []string{"latest", "master", "v0.21", "v0.21.0; touch /tmp/x", ""} {
			out, code, dir := install(t, bad, pinLine)
			if code == 0 || !strings.Contains(out, "reviewdog-version must be a release tag") {
				t.Errorf("reviewdog-version %q: exit %d:\n%s", bad, code, out)
			}
			if _, err := os.Stat(filepath.Join(dir, "go.log")); err == nil {
				t.Errorf("reviewdog-version %q: go was run", bad)
			}
		}
		rel.mu.Lock()
		defer rel.mu.Unlock()
		for _, p := range rel.asked {
			if !strings.HasPrefix(p, "/v0.21.0/") {
				t.Errorf("%s was fetched", p)
			}
		}
	})
}

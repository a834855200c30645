//go:build devtools

package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// commitDate is the scratch commits' author and committer date.
const commitDate = "2026-12-07T12:00:00Z"

// gitEnv makes commits of equal trees equal: same author, committer and
// dates, no user configuration.
var gitEnv = []string{
	"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
	"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_AUTHOR_DATE=" + commitDate,
	"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_COMMITTER_DATE=" + commitDate,
}

func mustGit(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), gitEnv...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is not installed, and CI must run this test (.ci/run installs it)")
		}
		t.Skip("git is not installed")
	}
}

// TestReleaseVersion: a release needs a v* tag at HEAD and a clean
// checkout; a snapshot is named after the last tag and the commit.
func TestReleaseVersion(t *testing.T) {
	needGit(t)
	dir := t.TempDir()
	mustGit(t, dir, "init", "-q")
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte("1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustGit(t, dir, "add", "a")
	mustGit(t, dir, "commit", "-q", "-m", "one")
	version := func(snapshot bool) (string, error) {
		rev, err := gitRevision(dir)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := time.Parse(time.RFC3339, commitDate); !rev.Date.Equal(want) {
			t.Errorf("commit date %v, want %v", rev.Date, want)
		}
		return releaseVersion(dir, rev, snapshot)
	}
	head := func() string { return mustGit(t, dir, "rev-parse", "HEAD")[:7] }

	if v, err := version(true); err != nil || v != "v0.0.0-SNAPSHOT-"+head() {
		t.Errorf("untagged snapshot: %q, %v", v, err)
	}
	if _, err := version(false); err == nil || !strings.Contains(err.Error(), "git tag v0.1.0") {
		t.Errorf("untagged release: %v, want an error that says to tag", err)
	}
	mustGit(t, dir, "tag", "v0.1.0")
	if v, err := version(false); err != nil || v != "v0.1.0" {
		t.Errorf("tagged release: %q, %v", v, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte("2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := version(false); err == nil || !strings.Contains(err.Error(), "uncommitted changes") {
		t.Errorf("release of a changed checkout: %v, want an error", err)
	}
	mustGit(t, dir, "commit", "-q", "-am", "two")
	if v, err := version(true); err != nil || v != "v0.1.0-SNAPSHOT-"+head() {
		t.Errorf("snapshot after the tag: %q, %v", v, err)
	}
}

// scratchCheckout commits the files git knows of in this checkout (its
// working tree, uncommitted changes included) into a new repository at
// dir, with fixed names and dates: two such copies have the same commit.
func scratchCheckout(t *testing.T, dir string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout (%v)", err)
	}
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if os.IsNotExist(err) || rel == "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustGit(t, dir, "init", "-q")
	mustGit(t, dir, "add", "-A")
	mustGit(t, dir, "commit", "-q", "-m", "snapshot")
}

// TestReleaseSnapshot runs the release in snapshot mode for two targets
// (a tar.gz and a zip, both cross-compiled on most machines) from two
// copies of the checkout at different paths, one after the other: the
// checksums files must be equal. The copies share the build cache, to
// keep the test short: without -trimpath the cache keys hold the
// checkout's path, so the second copy's packages would be compiled again
// with its path in the binary and the checksums would differ; the equal
// bytes of packages compiled twice from one path are the Go toolchain's
// promise (reproducible builds since Go 1.21), not this program's. Then it reads what was
// written: the archives' members, modes and dates, the checksums, the
// SBOMs (valid CycloneDX 1.6, listing the modules of go.mod with their
// go.sum hashes), and the version the Linux binary prints.
func TestReleaseSnapshot(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dflint twice for two platforms; skipped with -short")
	}
	needGit(t)
	tmp := t.TempDir()
	pick := []target{{"linux", "amd64"}, {"windows", "arm64"}}
	if runtime.GOARCH == "arm64" {
		pick[0].Arch = "arm64" // run the Linux binary below
	}
	var results []*result
	var outs []string
	// Both copies first, so that they are of one working tree.
	for i := range 2 {
		scratchCheckout(t, filepath.Join(tmp, fmt.Sprintf("checkout-%d", i)))
	}
	for i := range 2 {
		dir := filepath.Join(tmp, fmt.Sprintf("checkout-%d", i))
		out := filepath.Join(tmp, fmt.Sprintf("dist-%d", i))
		var log bytes.Buffer
		res, err := release(options{Dir: dir, Out: out, Snapshot: true, Targets: pick, Env: []string{"GOPROXY=off"}, Log: &log})
		if err != nil {
			t.Fatalf("release: %v\n%s", err, log.String())
		}
		results, outs = append(results, res), append(outs, out)
	}
	a, b := results[0], results[1]
	if a.Commit != b.Commit {
		t.Fatalf("the two copies have different commits: %s, %s", a.Commit, b.Commit)
	}
	sumsA, err := os.ReadFile(filepath.Join(outs[0], a.Checksums))
	if err != nil {
		t.Fatal(err)
	}
	sumsB, err := os.ReadFile(filepath.Join(outs[1], b.Checksums))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(sumsA, sumsB) {
		t.Errorf("two builds of one commit differ:\n%s\n%s", sumsA, sumsB)
	}

	version := "v0.0.0-SNAPSHOT-" + a.Commit[:7]
	if a.Version != version || a.Checksums != "dflint_0.0.0-SNAPSHOT-"+a.Commit[:7]+"_checksums.txt" {
		t.Errorf("version %q, checksums file %q", a.Version, a.Checksums)
	}
	var wantAssets []string
	for _, tg := range pick {
		wantAssets = append(wantAssets, tg.archiveName(version), tg.archiveName(version)+".sbom.json")
	}
	slices.Sort(wantAssets)
	if !slices.Equal(a.Assets, wantAssets) {
		t.Errorf("assets %v, want %v", a.Assets, wantAssets)
	}
	checkChecksums(t, outs[0], sumsA, wantAssets)

	date, _ := time.Parse(time.RFC3339, commitDate)
	for _, tg := range pick {
		members := readArchive(t, filepath.Join(outs[0], tg.archiveName(version)))
		want := []string{tg.exe() + " 755", "LICENSE 644", "README.md 644"}
		var got []string
		for _, m := range members {
			got = append(got, fmt.Sprintf("%s %o", m.name, m.mode))
			if !m.mtime.Equal(date) {
				t.Errorf("%s: %s dated %v, want the commit's %v", tg, m.name, m.mtime, date)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: members %v, want %v", tg, got, want)
		}
		checkSBOM(t, filepath.Join(outs[0], tg.archiveName(version)+".sbom.json"), filepath.Join(outs[0], tg.OS+"_"+tg.Arch, tg.exe()), tg, version)
	}

	if runtime.GOOS == "linux" {
		bin := filepath.Join(outs[0], "linux_"+pick[0].Arch, "dflint")
		out, err := exec.Command(bin, "version").Output()
		if err != nil {
			t.Fatalf("%s version: %v", bin, err)
		}
		want := fmt.Sprintf("dflint %s, commit %s, %s, %s\n", version, a.Commit[:12], commitDate, runtime.Version())
		if string(out) != want {
			t.Errorf("dflint version printed %q, want %q", out, want)
		}
	}
}

func checkChecksums(t *testing.T, dir string, sums []byte, names []string) {
	t.Helper()
	var listed []string
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Errorf("checksums line %q is not sha256sum's <hash>  <name>", sc.Text())
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if h := sha256.Sum256(b); hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s: checksum %s, file has %x", name, sum, h)
		}
		listed = append(listed, name)
	}
	if !slices.Equal(listed, names) {
		t.Errorf("checksums list %v, want %v", listed, names)
	}
}

type archived struct {
	name  string
	mode  os.FileMode
	mtime time.Time
}

func readArchive(t *testing.T, path string) []archived {
	t.Helper()
	var out []archived
	if strings.HasSuffix(path, ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			out = append(out, archived{f.Name, f.Mode().Perm(), f.Modified})
		}
		return out
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d/%d %q/%q, want none", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		out = append(out, archived{h.Name, os.FileMode(h.Mode).Perm(), h.ModTime})
	}
}

// checkSBOM validates the document against CycloneDX's JSON schema (as
// cyclonedx-go ships it) and compares its components with what the
// binary's build information and go.sum say.
func checkSBOM(t *testing.T, path, bin string, tg target, version string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	validateCycloneDX(t, raw)

	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(raw), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatal(err)
	}
	app := bom.Metadata.Component
	wantPURL := "pkg:golang/github.com/dflint/dflint@" + version + "?goarch=" + tg.Arch + "&goos=" + tg.OS + "&type=module"
	if app == nil || app.PackageURL != wantPURL || app.Version != version {
		t.Fatalf("%s: metadata.component %+v, want purl %s", path, app, wantPURL)
	}
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if h := sha256.Sum256(b); app.Hashes == nil || (*app.Hashes)[0].Value != hex.EncodeToString(h[:]) {
		t.Errorf("%s: the application's hash is not the binary's", path)
	}
	// `go version -m` on the binary lists the same modules.
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) >= 3 && (f[0] == "dep" || f[0] == "=>") {
			want[f[1]] = f[2]
		}
	}
	got := map[string]string{}
	var cobraHash string
	for _, c := range *bom.Components {
		if c.Name == "std" {
			continue
		}
		got[c.Name] = c.Version
		if c.Name == "github.com/spf13/cobra" && c.Hashes != nil {
			cobraHash = (*c.Hashes)[0].Value
		}
	}
	for name, v := range want {
		if got[name] != v {
			t.Errorf("%s: module %s is %q in the SBOM, %q in the binary", path, name, got[name], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d modules in the SBOM, %d in the binary", path, len(got), len(want))
	}
	if sum := goSumHash(t, "github.com/spf13/cobra", want["github.com/spf13/cobra"]); cobraHash != sum {
		t.Errorf("%s: cobra's hash %q, go.sum's h1 in hex %q", path, cobraHash, sum)
	}
	if len(*bom.Dependencies) != 1 || len(*(*bom.Dependencies)[0].Dependencies) != len(*bom.Components) {
		t.Errorf("%s: the application should depend on every component", path)
	}
}

// goSumHash is go.sum's h1 hash of the module in hex.
func goSumHash(t *testing.T, module, version string) string {
	t.Helper()
	sum, err := os.ReadFile("../../go.sum")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(sum), "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && f[0] == module && f[1] == version {
			h, ok := h1SHA256(f[2])
			if !ok {
				t.Fatalf("go.sum: %q", line)
			}
			return h
		}
	}
	t.Fatalf("go.sum has no %s %s", module, version)
	return ""
}

// validateCycloneDX checks a document against bom-1.6.schema.json and the
// schemas it refers to, from the cyclonedx-go module in the module cache.
func validateCycloneDX(t *testing.T, doc []byte) {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/CycloneDX/cyclonedx-go").Output()
	if err != nil {
		t.Fatalf("go list -m github.com/CycloneDX/cyclonedx-go: %v", err)
	}
	schemaDir := filepath.Join(strings.TrimSpace(string(out)), "schema")
	c := jsonschema.NewCompiler()
	// The 1.6 schema refers to these by their $id; the signature schema is
	// shipped as jsf-0.82.schemax.json.
	for id, file := range map[string]string{
		"http://cyclonedx.org/schema/bom-1.6.schema.json":  "bom-1.6.schema.json",
		"http://cyclonedx.org/schema/spdx.schema.json":     "spdx.schema.json",
		"http://cyclonedx.org/schema/jsf-0.82.schema.json": "jsf-0.82.schemax.json",
	} {
		f, err := os.Open(filepath.Join(schemaDir, file))
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if err := c.AddResource(id, v); err != nil {
			t.Fatal(err)
		}
	}
	sch, err := c.Compile("http://cyclonedx.org/schema/bom-1.6.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("not valid CycloneDX 1.6: %v", err)
	}
	var top map[string]any
	if err := json.Unmarshal(doc, &top); err != nil || top["specVersion"] != "1.6" {
		t.Errorf("specVersion %v, want 1.6 (%v)", top["specVersion"], err)
	}
}

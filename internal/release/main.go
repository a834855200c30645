//go:build devtools

// Command release builds dflint's release assets into one folder (dist/):
// for each platform of targets.go an archive dflint_<version>_<os>_<arch>
// (.tar.gz, or .zip for Windows) holding the binary, LICENSE and
// README.md; a CycloneDX SBOM of each archive's binary
// (<archive>.sbom.json); dflint_<version>_checksums.txt (sha256sum's
// format) over all of them; and the bare Linux binaries under
// <os>_<arch>/, which the container image (Dockerfile) copies.
//
//	go run -tags devtools ./internal/release [-snapshot] [-out dist] [-clean] [-targets linux/amd64,windows/arm64]
//
// `make release` runs it; .github/workflows/release.yml runs it on a v*
// tag; CI runs it with -snapshot. It does what GoReleaser's defaults do for
// a Go program (archives, checksums, SBOMs) in a program of this
// repository, because no GoReleaser release is approved for this project's
// module proxy, and a configuration that CI cannot run would drift.
//
// The builds are reproducible: -trimpath, CGO_ENABLED=0, -buildvcs=false
// with the version, commit and commit date passed by -ldflags -X instead,
// and every archive entry dated at the commit. Two runs on one commit give
// the same checksums file (release_test.go checks it, from two copies of
// the checkout with separate build caches).
package main

import (
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

func main() {
	var opts options
	var targetList string
	flag.StringVar(&opts.Out, "out", "dist", "the folder to write the assets to (must be empty or absent, or use -clean)")
	flag.BoolVar(&opts.Snapshot, "snapshot", false, "build an untagged commit, versioned <last tag>-SNAPSHOT-<commit> (what CI runs); without it HEAD must be at a v* tag and the checkout clean")
	flag.BoolVar(&opts.Clean, "clean", false, "remove -out first")
	flag.StringVar(&targetList, "targets", "", "comma-separated os/arch pairs (default: all of targets.go)")
	flag.Parse()
	opts.Dir = "."
	opts.Log = os.Stderr
	var err error
	if opts.Targets, err = parseTargets(targetList); err == nil {
		_, err = release(opts)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

type options struct {
	Dir      string // the module's root, a git checkout
	Out      string
	Snapshot bool
	Clean    bool
	Targets  []target
	Env      []string // added to the go command's environment (tests: GOCACHE)
	Log      io.Writer
}

// result is what a run wrote.
type result struct {
	Version   string
	Commit    string
	Date      time.Time
	Checksums string   // the checksums file, in Out
	Assets    []string // archives and SBOMs, in Out, sorted
}

// release builds every target, then writes the archives, SBOMs and the
// checksums file.
func release(opts options) (*result, error) {
	if len(opts.Targets) == 0 {
		opts.Targets = targets
	}
	rev, err := gitRevision(opts.Dir)
	if err != nil {
		return nil, err
	}
	version, err := releaseVersion(opts.Dir, rev, opts.Snapshot)
	if err != nil {
		return nil, err
	}
	res := &result{Version: version, Commit: rev.Commit, Date: rev.Date}
	if err := prepareOut(opts.Out, opts.Clean); err != nil {
		return nil, err
	}
	for _, t := range opts.Targets {
		fmt.Fprintf(opts.Log, "release: building %s %s\n", version, t)
		bin, err := build(opts, t, res)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		archive := filepath.Join(opts.Out, t.archiveName(version))
		if err := writeArchive(opts.Dir, archive, bin, t, rev.Date); err != nil {
			return nil, fmt.Errorf("%s: %w", t, err)
		}
		sbom := archive + ".sbom.json"
		if err := writeFile(sbom, func(w io.Writer) error { return writeSBOM(w, bin, t, version, rev.Date) }); err != nil {
			return nil, fmt.Errorf("%s: SBOM: %w", t, err)
		}
		res.Assets = append(res.Assets, filepath.Base(archive), filepath.Base(sbom))
	}
	sort.Strings(res.Assets)
	res.Checksums = "dflint_" + trimV(version) + "_checksums.txt"
	if err := writeFile(filepath.Join(opts.Out, res.Checksums), func(w io.Writer) error { return writeChecksums(w, opts.Out, res.Assets) }); err != nil {
		return nil, err
	}
	fmt.Fprintf(opts.Log, "release: %s: %d assets and %s in %s\n", version, len(res.Assets), res.Checksums, opts.Out)
	return res, nil
}

// revision is the commit being released and its committer date.
type revision struct {
	Commit string
	Date   time.Time
}

func gitRevision(dir string) (revision, error) {
	out, err := git(dir, "log", "-1", "--format=%H %ct")
	if err != nil {
		return revision{}, fmt.Errorf("reading the commit to release: %w", err)
	}
	commit, secs, ok := strings.Cut(strings.TrimSpace(out), " ")
	n, err := strconv.ParseInt(secs, 10, 64)
	if !ok || err != nil {
		return revision{}, fmt.Errorf("git log printed %q, not a commit and a time", out)
	}
	return revision{Commit: commit, Date: time.Unix(n, 0).UTC()}, nil
}

// releaseVersion is the v* tag at HEAD, for a release, which also needs a
// checkout without changes to tracked files. A snapshot is named after the
// last v* tag before HEAD (v0.0.0 when there is none), as GoReleaser's
// snapshots are: v0.1.0-SNAPSHOT-5e86a77.
func releaseVersion(dir string, rev revision, snapshot bool) (string, error) {
	if snapshot {
		last, err := git(dir, "describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", "HEAD")
		last = strings.TrimSpace(last)
		if err != nil || last == "" {
			last = "v0.0.0"
		}
		return last + "-SNAPSHOT-" + rev.Commit[:7], nil
	}
	tag, err := git(dir, "describe", "--tags", "--exact-match", "--match", "v[0-9]*", "HEAD")
	if err != nil {
		return "", errors.New("HEAD has no v* tag: tag the commit to release (git tag v0.1.0), or pass -snapshot for a test build")
	}
	changed, err := git(dir, "status", "--porcelain", "--untracked-files=no")
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(changed) != "" {
		return "", fmt.Errorf("the checkout has uncommitted changes, so the binaries would not be %s's: commit or stash them\n%s", strings.TrimSpace(tag), changed)
	}
	return strings.TrimSpace(tag), nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// prepareOut makes sure the assets land in a folder of their own: a
// checksums file over a folder with older archives in it would be wrong.
func prepareOut(out string, clean bool) error {
	if clean {
		if err := os.RemoveAll(out); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(out)
	if err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: remove it, or pass -clean", out)
	}
	return os.MkdirAll(out, 0o755)
}

// build compiles dflint for t into Out/<os>_<arch>/ and returns the
// binary's path.
func build(opts options, t target, res *result) (string, error) {
	dir := filepath.Join(opts.Out, t.OS+"_"+t.Arch)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	bin, err := filepath.Abs(filepath.Join(dir, t.exe()))
	if err != nil {
		return "", err
	}
	ldflags := strings.Join([]string{
		"-s", "-w", // no symbol table or DWARF (smaller); the build information the SBOM reads stays
		"-X", "main.version=" + res.Version,
		"-X", "main.commit=" + res.Commit,
		"-X", "main.date=" + res.Date.Format(time.RFC3339),
	}, " ")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", bin, "./cmd/dflint")
	cmd.Dir = opts.Dir
	// GOFLAGS is cleared so that a developer's settings (-race, tags)
	// cannot change a release binary; -mod=readonly fails rather than
	// changes go.mod.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch, "GOFLAGS=-mod=readonly", "GOAMD64=", "GOARM64=")
	cmd.Env = append(cmd.Env, opts.Env...)
	cmd.Stdout, cmd.Stderr = opts.Log, opts.Log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	return bin, os.Chtimes(bin, res.Date, res.Date)
}

// writeArchive packs the binary with LICENSE and README.md at the
// archive's top level, as GoReleaser's default archive does.
func writeArchive(dir, path, bin string, t target, mtime time.Time) error {
	members := []member{
		{Name: t.exe(), Path: bin, Mode: 0o755},
		{Name: "LICENSE", Path: filepath.Join(dir, "LICENSE"), Mode: 0o644},
		{Name: "README.md", Path: filepath.Join(dir, "README.md"), Mode: 0o644},
	}
	return writeFile(path, func(w io.Writer) error {
		if t.archiveExt() == ".zip" {
			return writeZip(w, members, mtime)
		}
		return writeTarGz(w, members, mtime)
	})
}

// writeChecksums writes "<sha256>  <name>" per asset, sorted by name:
// what `sha256sum --check` reads.
func writeChecksums(w io.Writer, dir string, names []string) error {
	for _, name := range names {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(w, "%x  %s\n", h.Sum(nil), name); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes through fill and closes, reporting the first error.
func writeFile(path string, fill func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func parseTargets(list string) ([]target, error) {
	if list == "" {
		return targets, nil
	}
	var out []target
	for _, s := range strings.Split(list, ",") {
		goos, arch, ok := strings.Cut(strings.TrimSpace(s), "/")
		if !ok {
			return nil, fmt.Errorf("-targets: %q is not os/arch (e.g. linux/amd64)", s)
		}
		t := target{goos, arch}
		known := false
		for _, k := range targets {
			known = known || k == t
		}
		if !known {
			return nil, fmt.Errorf("-targets: %s is not a release platform (targets.go lists them)", t)
		}
		out = append(out, t)
	}
	return out, nil
}

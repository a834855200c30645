package buildverify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// A standIn is a base image made from Debian packages only, pushed to the
// local registry under the names real Dockerfiles use, so that the cases
// keep their real FROM lines and no build reaches the network.
//
// Stand-ins are honest about what they are: a `python:3.11` here is
// Debian's Python 3.11 with pip, venv and Flask preinstalled (pip finds a
// requirement for flask already satisfied, which is what lets an offline
// build run `pip install -r requirements.txt`), not the Docker official
// image. What the harness compares is the same build before and after a
// fix, so a stand-in only has to behave alike for both.
type standIn struct {
	// names are the references pushed, as Dockerfiles write them.
	names []string
	// rootfs names the root file system recipe (see rootfsRecipes).
	rootfs string
	// user, workdir, env and cmd are the image config, after the real
	// image's where it matters to the cases (default user, PATH).
	user       string
	workdir    string
	env        []string
	entrypoint []string
	cmd        []string
	// setup is a shell script run in the image before it is committed,
	// for what makes a variant of a shared root file system.
	setup string
}

// rootfsRecipe says how to make a root file system: Debian packages added
// to a minbase debootstrap (with the local apt repository installed), or
// a function that lays out a tree from scratch.
type rootfsRecipe struct {
	packages []string
	scratch  func(root string) error
}

const debianPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// aptRepoPackages are offered by the local apt repository inside every
// Debian-based stand-in (sources.list points only at it), so that cases
// can run `apt-get update && apt-get install …` with --network none.
var aptRepoPackages = []string{"curl", "wget", "ca-certificates", "git", "libpq5"}

var pythonPackages = []string{"python3", "python3-pip", "python3-venv", "python-is-python3", "python3-flask", "gunicorn"}

var rootfsRecipes = map[string]rootfsRecipe{
	"debian":      {},
	"python-slim": {packages: pythonPackages},
	// The full variant carries a compiler, as buildpack-deps does: that is
	// what DF104's move to -slim takes away.
	"python":   {packages: append(append([]string{}, pythonPackages...), "gcc", "libc6-dev", "make")},
	"golang":   {packages: []string{"golang-go", "ca-certificates"}},
	"static":   {scratch: staticRootfs},
	"busybox":  {scratch: busyboxRootfs},
	"minbase0": {}, // the debootstrap itself, before the apt repository
}

// standIns are the images the cases may name.
var standIns = []standIn{
	{names: []string{"debian:bookworm", "debian:bookworm-slim", "debian:12", "debian:12-slim"}, rootfs: "debian", env: []string{debianPath}, cmd: []string{"bash"}},
	{names: []string{"python:3.11", "python:3.11-bookworm"}, rootfs: "python", env: []string{debianPath, "LANG=C.UTF-8", "PYTHON_VERSION=3.11"}, cmd: []string{"python3"}},
	{names: []string{"python:3.11-slim", "python:3.11-slim-bookworm"}, rootfs: "python-slim", env: []string{debianPath, "LANG=C.UTF-8", "PYTHON_VERSION=3.11"}, cmd: []string{"python3"}},
	// Chainguard's -dev images run as nonroot (65532) with the language as
	// ENTRYPOINT, and have a shell and a package manager (apk; the
	// stand-in has none: cases that convert apt to apk cannot build here).
	{names: []string{"cgr.dev/chainguard/python:latest-dev"}, rootfs: "python-slim", user: "65532", workdir: "/home/nonroot", env: []string{debianPath, "LANG=C.UTF-8"}, entrypoint: []string{"/usr/bin/python"},
		setup: "groupadd -g 65532 nonroot && useradd -u 65532 -g 65532 -m -d /home/nonroot -s /bin/sh nonroot"},
	{names: []string{"golang:1.22", "golang:1.22-bookworm"}, rootfs: "golang", workdir: "/go", env: []string{"PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOPATH=/go", "GOTOOLCHAIN=local"}, cmd: []string{"bash"}},
	{names: []string{"gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/static:nonroot", "cgr.dev/chainguard/static:latest"}, rootfs: "static", user: "65532", workdir: "/home/nonroot", env: []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"}},
	{names: []string{"gcr.io/distroless/static-debian12", "gcr.io/distroless/static-debian12:latest"}, rootfs: "static", user: "0", env: []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"}},
	{names: []string{"busybox:1.36", "busybox:latest"}, rootfs: "busybox", env: []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}, cmd: []string{"sh"}},
}

// recipeVersion changes whenever a recipe changes in a way the cache key
// (the package lists) does not show.
const recipeVersion = "2"

// standInsKey names the whole set of stand-ins: every recipe and every
// image's names and config.
func standInsKey() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%q\x00", recipeVersion, aptRepoPackages)
	for _, s := range standIns {
		fmt.Fprintf(h, "%+v\x00%q\x00", s, rootfsRecipes[s.rootfs].packages)
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// passwd and group hold root and the nonroot user (65532) that distroless
// and Chainguard images define.
const (
	passwd = "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"
	group  = "root:x:0:\nnonroot:x:65532:\n"
)

func staticRootfs(root string) error {
	for _, d := range []string{"etc/ssl/certs", "home/nonroot", "root", "tmp"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			return err
		}
	}
	if err := os.Chmod(filepath.Join(root, "tmp"), 0o1777); err != nil {
		return err
	}
	if err := os.Chown(filepath.Join(root, "home/nonroot"), 65532, 65532); err != nil {
		return err
	}
	certs, err := os.ReadFile("/etc/ssl/certs/ca-certificates.crt")
	if err != nil {
		return fmt.Errorf("the static stand-in needs the host's CA bundle (Debian: ca-certificates): %w", err)
	}
	files := map[string]string{"etc/passwd": passwd, "etc/group": group, "etc/ssl/certs/ca-certificates.crt": string(certs)}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func busyboxRootfs(root string) error {
	if err := staticRootfs(root); err != nil {
		return err
	}
	bin := filepath.Join(root, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	// Debian's busybox-static: one static binary, linked under each applet
	// name it lists.
	if err := copyFile("/bin/busybox", filepath.Join(bin, "busybox"), 0o755); err != nil {
		return fmt.Errorf("the busybox stand-in needs Debian's busybox-static: %w", err)
	}
	out, err := exec.Command("/bin/busybox", "--list").Output()
	if err != nil {
		return fmt.Errorf("busybox --list: %w", err)
	}
	for _, applet := range strings.Fields(string(out)) {
		if applet == "busybox" {
			continue
		}
		if err := os.Symlink("busybox", filepath.Join(bin, applet)); err != nil && !os.IsExist(err) {
			return err
		}
	}
	for _, link := range []string{"usr/bin", "usr/sbin", "sbin"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, link)), 0o755); err != nil {
			return err
		}
		if err := os.Symlink("/bin", filepath.Join(root, link)); err != nil && !os.IsExist(err) {
			return err
		}
	}
	shadow := "root:*:19000:0:99999:7:::\nnonroot:!:19000:0:99999:7:::\n"
	return os.WriteFile(filepath.Join(root, "etc/shadow"), []byte(shadow), 0o640)
}

// rootfsTar returns the path of a tar of the recipe's root file system,
// made once and kept in cacheDir (debootstrap takes minutes; the cache key
// is the recipe, so a changed package list makes a new tar).
func (e *Env) rootfsTar(ctx context.Context, name string) (string, error) {
	recipe, ok := rootfsRecipes[name]
	if !ok {
		return "", fmt.Errorf("no root file system recipe %q", name)
	}
	key := sha256.Sum256([]byte(recipeVersion + "\x00" + name + "\x00" + strings.Join(recipe.packages, " ") + "\x00" + strings.Join(aptRepoPackages, " ")))
	tarPath := filepath.Join(e.CacheDir, fmt.Sprintf("%s-%s.tar", name, hex.EncodeToString(key[:6])))
	if _, err := os.Stat(tarPath); err == nil {
		return tarPath, nil
	}
	work, err := os.MkdirTemp(e.CacheDir, name+"-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	root := filepath.Join(work, "root")
	switch {
	case recipe.scratch != nil:
		if err := os.MkdirAll(root, 0o755); err != nil {
			return "", err
		}
		if err := recipe.scratch(root); err != nil {
			return "", err
		}
	case name == "minbase0":
		e.logf("debootstrap --variant=minbase bookworm (once; cached in %s)", e.CacheDir)
		if err := e.run(ctx, "", "debootstrap", "--variant=minbase", "bookworm", root, e.Mirror); err != nil {
			return "", err
		}
	default:
		base, err := e.rootfsTar(ctx, "minbase0")
		if err != nil {
			return "", err
		}
		if err := os.MkdirAll(root, 0o755); err != nil {
			return "", err
		}
		if err := e.run(ctx, "", "tar", "-xf", base, "-C", root); err != nil {
			return "", err
		}
		if err := e.provision(ctx, root, recipe.packages); err != nil {
			return "", err
		}
	}
	tmp := tarPath + ".tmp"
	if err := e.run(ctx, "", "tar", "--numeric-owner", "-cf", tmp, "-C", root, "."); err != nil {
		return "", err
	}
	return tarPath, os.Rename(tmp, tarPath)
}

// provision installs packages into a minbase tree with the host's network
// (chroot apt-get), then lays in the local apt repository and leaves apt
// pointing only at it, without package lists or downloaded .debs: the
// state a published image is in.
func (e *Env) provision(ctx context.Context, root string, packages []string) error {
	if err := copyFile("/etc/resolv.conf", filepath.Join(root, "etc/resolv.conf"), 0o644); err != nil {
		return err
	}
	aptGet := func(args ...string) error {
		argv := append([]string{root, "env", "DEBIAN_FRONTEND=noninteractive", debianPath, "apt-get", "-qq", "-y", "--no-install-recommends"}, args...)
		return e.run(ctx, "", "chroot", argv...)
	}
	if err := aptGet("update"); err != nil {
		return err
	}
	if len(packages) > 0 {
		if err := aptGet(append([]string{"install"}, packages...)...); err != nil {
			return err
		}
	}
	archives := filepath.Join(root, "var/cache/apt/archives")
	if err := e.run(ctx, "", "sh", "-c", "rm -f "+archives+"/*.deb"); err != nil {
		return err
	}
	if err := aptGet(append([]string{"install", "--download-only"}, aptRepoPackages...)...); err != nil {
		return err
	}
	repo := filepath.Join(root, "var/local/apt-repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		return err
	}
	script := fmt.Sprintf(`set -e
mv %[1]s/*.deb %[2]s/ 2>/dev/null || true
cd %[2]s && dpkg-scanpackages --multiversion . /dev/null > Packages 2>/dev/null
rm -rf %[3]s/var/lib/apt/lists/* %[3]s/etc/apt/sources.list.d/*
echo 'deb [trusted=yes] file:/var/local/apt-repo ./' > %[3]s/etc/apt/sources.list
rm -f %[3]s/etc/resolv.conf %[3]s/usr/lib/python3*/EXTERNALLY-MANAGED
`, archives, repo, root)
	return e.run(ctx, "", "sh", "-c", script)
}

func copyFile(from, to string, mode os.FileMode) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, mode)
}

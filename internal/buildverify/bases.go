package buildverify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
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
	// from names the recipe whose tree scratch starts from (empty: an
	// empty directory).
	from string
	// wolfi is set for the trees that carry Wolfi's package index: the
	// index is part of their cache key.
	wolfi bool
	// repo are packages this tree's local apt repository offers besides
	// aptRepoPackages: what the cases built on it install for the build
	// only (gcc for a Python C extension).
	repo []string
}

const debianPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// aptRepoPackages are offered by the local apt repository inside every
// Debian-based stand-in (sources.list points only at it), so that cases
// can run `apt-get update && apt-get install …` with --network none.
var aptRepoPackages = []string{"curl", "wget", "ca-certificates", "git", "libpq5"}

var pythonPackages = []string{"python3", "python3-pip", "python3-venv", "python-is-python3", "python3-flask", "gunicorn"}

// pythonSlimPackages add to pythonPackages what the official slim image
// has too: Python's headers (its Python is built from source and `make
// install` puts them in /usr/local/include) and setuptools and wheel,
// preinstalled with pip up to 3.11. Source: docker-library/python at
// 4f070595 (2026-06-23), 3.11/slim-bookworm/Dockerfile, read 2026-12-07.
// With them and gcc from the local repository, a case can build a C
// extension offline as on the real image.
var pythonSlimPackages = append(append([]string{}, pythonPackages...), "python3-dev", "python3-setuptools", "python3-wheel")

// rustPackages are Debian's Rust (1.63) and what rust:1-slim-bookworm
// installs beside rustup: ca-certificates, gcc, libc6-dev, wget (the
// stable/bookworm/slim Dockerfile of rust-lang/docker-rust at 7668ee2,
// 2026-04-03, read 2026-12-07). The full variant (buildpack-deps) has far
// more; the stand-in lacks it.
var rustPackages = []string{"rustc", "cargo", "gcc", "libc6-dev", "ca-certificates", "wget"}

var rootfsRecipes = map[string]rootfsRecipe{
	"debian":      {},
	"python-slim": {packages: pythonSlimPackages, repo: []string{"gcc", "libc6-dev", "make"}},
	"rust":        {packages: rustPackages},
	// The full variant carries a compiler, as buildpack-deps does: that is
	// what DF104's move to -slim takes away.
	"python":  {packages: append(append([]string{}, pythonPackages...), "gcc", "libc6-dev", "make")},
	"golang":  {packages: []string{"golang-go", "ca-certificates"}},
	"static":  {scratch: staticRootfs},
	"busybox": {scratch: busyboxRootfs},
	"alpine":  {scratch: alpineRootfs},
	// The Chainguard stand-ins (standins.go).
	"wolfi-base":        {scratch: wolfiBaseRootfs, wolfi: true},
	"wolfi-python-dev":  {from: "python-slim", scratch: wolfiPythonDevRootfs, wolfi: true},
	"wolfi-python":      {from: "python-slim", scratch: wolfiPythonRootfs},
	"glibc-wolfi":       {from: "debian", scratch: glibcWolfiRootfs},
	"glibc-distroless":  {from: "debian", scratch: glibcDistrolessRootfs},
	"distroless-python": {from: "python-slim", scratch: distrolessPythonRootfs},
	"wolfi-go":          {from: "golang", scratch: wolfiGoRootfs},
	"minbase0":          {}, // the debootstrap itself, before the apt repository
}

// standIns are the images the cases may name. Each hardened stand-in
// carries the facts it copies from the real image's definition, with the
// source and the date they were read. Where the real image has less than
// the Debian tree the stand-in starts from (no shell, no apt, no shadow),
// the stand-in removes it: a stand-in may lack what the real image has
// (a build then fails that would pass, and the case says so), never the
// reverse.
var standIns = []standIn{
	{names: []string{"debian:bookworm", "debian:bookworm-slim", "debian:12", "debian:12-slim"}, rootfs: "debian", env: []string{debianPath}, cmd: []string{"bash"}},
	{names: []string{"python:3.11", "python:3.11-bookworm"}, rootfs: "python", env: []string{debianPath, "LANG=C.UTF-8", "PYTHON_VERSION=3.11"}, cmd: []string{"python3"}, setup: officialPythonSetup},
	{names: []string{"python:3.11-slim", "python:3.11-slim-bookworm"}, rootfs: "python-slim", env: []string{debianPath, "LANG=C.UTF-8", "PYTHON_VERSION=3.11"}, cmd: []string{"python3"}, setup: officialPythonSetup},
	// python:3.13 is the Python distroless carries; the stand-in is the
	// same Debian 3.11 tree as python:3.11 (see distroless-python).
	{names: []string{"python:3.13", "python:3.13-trixie"}, rootfs: "python", env: []string{debianPath, "LANG=C.UTF-8", "PYTHON_VERSION=3.13"}, cmd: []string{"python3"}, setup: officialPythonSetup},
	{names: []string{"python:3.13-slim", "python:3.13-slim-trixie"}, rootfs: "python-slim", env: []string{debianPath, "LANG=C.UTF-8", "PYTHON_VERSION=3.13"}, cmd: []string{"python3"}, setup: officialPythonSetup},
	// gcr.io/distroless/python3-debian13. Source: GoogleContainerTools/distroless
	// at cd080764 (2026-08-21), read 2026-12-07: python3/python.bzl builds it
	// on cc with ENTRYPOINT /usr/bin/python3.13 and env LANG=C.UTF-8;
	// users, workdirs, PATH and SSL_CERT_FILE as static's. The stand-in's
	// ENTRYPOINT is /usr/bin/python3, its Debian 3.11's.
	{names: []string{"gcr.io/distroless/python3-debian13:nonroot"}, rootfs: "distroless-python", user: "65532", workdir: "/home/nonroot", env: []string{debianPath, wolfiCerts, "LANG=C.UTF-8"}, entrypoint: []string{"/usr/bin/python3"}},
	{names: []string{"gcr.io/distroless/python3-debian13", "gcr.io/distroless/python3-debian13:latest"}, rootfs: "distroless-python", user: "0", env: []string{debianPath, wolfiCerts, "LANG=C.UTF-8"}, entrypoint: []string{"/usr/bin/python3"}},
	// cgr.dev/chainguard/python:latest-dev. Source: chainguard-images/images
	// at 63740b9e^ (2026-04-22; the last commit with the image configs),
	// read 2026-12-07: images/python/config/main.tf sets entrypoint
	// /usr/bin/python, no work-dir, accounts from tflib/accts (group and
	// user nonroot 65532, run-as 65532); tflib/publisher/main.tf builds the
	// -dev variant as the image plus apk-tools, bash, busybox, git and wget
	// (and python's extra_dev_packages: build-base, pip, python-dev, uv).
	// So: BusyBox sh and adduser/addgroup, bash, apk; no shadow (useradd),
	// no apt or dpkg. The stand-in has no git, wget is BusyBox's and
	// there is no compiler (build-base): less than the real image.
	{names: []string{"cgr.dev/chainguard/python:latest-dev"}, rootfs: "wolfi-python-dev", user: "65532", env: []string{wolfiPath, wolfiCerts, "LANG=C.UTF-8"}, entrypoint: []string{"/usr/bin/python"}, setup: pythonWheelsSetup},
	// cgr.dev/chainguard/python:latest: the same config without the dev
	// packages: Python and its libraries, no shell at all.
	{names: []string{"cgr.dev/chainguard/python:latest"}, rootfs: "wolfi-python", user: "65532", env: []string{wolfiPath, wolfiCerts, "LANG=C.UTF-8"}, entrypoint: []string{"/usr/bin/python"}},
	// cgr.dev/chainguard/wolfi-base:latest. Source: the same commit,
	// images/wolfi-base/config/main.tf: packages wolfi-base (BusyBox and
	// apk-tools; no bash), accounts with run-as 0 (root), cmd
	// "/bin/sh -l".
	{names: []string{"cgr.dev/chainguard/wolfi-base:latest", "cgr.dev/chainguard/wolfi-base"}, rootfs: "wolfi-base", user: "0", env: []string{wolfiPath, wolfiCerts}, cmd: []string{"/bin/sh", "-l"}},
	// cgr.dev/chainguard/go:latest. Source: chainguard-images/images at
	// cd7edd2 (2026-08-22), images/go/locked_config.json, read 2026-12-07:
	// go-public runs as 0, ENTRYPOINT /usr/bin/go, CMD help, no work-dir,
	// environment GODEBUG=tarinsecurepath=0,zipinsecurepath=0 and
	// GOTOOLCHAIN=local+auto (local here: the stand-in cannot download a
	// toolchain), packages with BusyBox but no apk-tools.
	{names: []string{"cgr.dev/chainguard/go:latest", "cgr.dev/chainguard/go"}, rootfs: "wolfi-go", user: "0", env: []string{wolfiPath, wolfiCerts, "GODEBUG=tarinsecurepath=0,zipinsecurepath=0", "GOTOOLCHAIN=local"}, entrypoint: []string{"/usr/bin/go"}, cmd: []string{"help"}},
	// rust:1 and its bookworm variants. Source: rust-lang/docker-rust at
	// 7668ee2 (2026-04-03), read 2026-12-07: stable/bookworm/Dockerfile
	// and stable/bookworm/slim/Dockerfile set RUSTUP_HOME=/usr/local/rustup,
	// CARGO_HOME=/usr/local/cargo, PATH with /usr/local/cargo/bin first and
	// RUST_VERSION, make both homes world-writable, and keep the base's CMD
	// (bash) with no WORKDIR or USER. The real tags hold Rust 1.94; the
	// stand-in's cargo and rustc are Debian's 1.63 in /usr/bin (on the
	// same PATH): the cases' programs use nothing newer than edition 2021.
	{names: []string{"rust:1", "rust:1-bookworm", "rust:1-slim", "rust:1-slim-bookworm", "rust:latest", "rust:slim-bookworm"}, rootfs: "rust",
		env:   []string{"RUSTUP_HOME=/usr/local/rustup", "CARGO_HOME=/usr/local/cargo", "PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "RUST_VERSION=1.94.1"},
		cmd:   []string{"bash"},
		setup: "mkdir -p /usr/local/cargo/bin /usr/local/rustup && chmod -R a+w /usr/local/cargo /usr/local/rustup"},
	{names: []string{"golang:1.22", "golang:1.22-bookworm"}, rootfs: "golang", workdir: "/go", env: []string{"PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOPATH=/go", "GOTOOLCHAIN=local"}, cmd: []string{"bash"}},
	// gcr.io/distroless/static (debian13 is what dflint writes; debian12
	// for files that name it: the same static tree). Source: GoogleContainerTools/distroless at
	// cd080764 (2026-08-21), read 2026-12-07: static/static.bzl gives
	// PATH and SSL_CERT_FILE, user 0 with workdir / (root variants) and
	// 65532 with /home/nonroot (nonroot variants), no entrypoint;
	// common/BUILD.bazel's passwd has root 0, nobody 65534 and nonroot
	// 65532 (shell /sbin/nologin, which does not exist), its group root,
	// nobody, tty 5, staff 50, nonroot.
	{names: []string{"gcr.io/distroless/static-debian13:nonroot", "gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/static:nonroot"}, rootfs: "static", user: "65532", workdir: "/home/nonroot", env: []string{debianPath, wolfiCerts}},
	{names: []string{"gcr.io/distroless/static-debian13", "gcr.io/distroless/static-debian13:latest", "gcr.io/distroless/static-debian12", "gcr.io/distroless/static-debian12:latest", "gcr.io/distroless/static", "gcr.io/distroless/static:latest"}, rootfs: "static", user: "0", env: []string{debianPath, wolfiCerts}},
	// cgr.dev/chainguard/static:latest. Source: chainguard-images/images at
	// 63740b9e^, images/static/configs/wolfi.apko.yaml: package tzdata
	// only, accounts nonroot 65532 with run-as 65532, no entrypoint, no
	// work-dir. Its /etc/passwd also has root (from wolfi-baselayout; not
	// read): the stand-in shares distroless's file.
	{names: []string{"cgr.dev/chainguard/static:latest", "cgr.dev/chainguard/static"}, rootfs: "static", user: "65532", env: []string{wolfiPath, wolfiCerts}},
	// gcr.io/distroless/base-debian12: static plus libc6 and libssl3
	// (base/config.bzl at cd080764, read 2026-12-07), same users, workdirs
	// and env. The stand-in is Debian's minbase with every program removed:
	// no shell, glibc, and more libraries than the real image.
	// gcr.io/distroless/cc (what DF201's Rust split writes) is base plus
	// libgcc-s1, libstdc++6 and libgomp1, with base's config
	// (cc/config.bzl and cc/cc.bzl at cd080764, read 2026-12-07): the
	// same tree serves it, since minbase has libgcc-s1 and libstdc++6
	// (libgomp1 it lacks).
	{names: []string{"gcr.io/distroless/base-debian13:nonroot", "gcr.io/distroless/base-debian12:nonroot", "gcr.io/distroless/base:nonroot",
		"gcr.io/distroless/cc-debian13:nonroot", "gcr.io/distroless/cc-debian12:nonroot", "gcr.io/distroless/cc:nonroot"}, rootfs: "glibc-distroless", user: "65532", workdir: "/home/nonroot", env: []string{debianPath, wolfiCerts}},
	{names: []string{"gcr.io/distroless/base-debian13", "gcr.io/distroless/base-debian13:latest", "gcr.io/distroless/base-debian12", "gcr.io/distroless/base-debian12:latest", "gcr.io/distroless/base", "gcr.io/distroless/base:latest",
		"gcr.io/distroless/cc-debian13", "gcr.io/distroless/cc-debian12", "gcr.io/distroless/cc"}, rootfs: "glibc-distroless", user: "0", env: []string{debianPath, wolfiCerts}},
	// cgr.dev/chainguard/glibc-dynamic:latest: packages glibc, libgcc,
	// libstdc++, accounts nonroot run-as 65532, no entrypoint
	// (images/glibc-dynamic/config/main.tf at 63740b9e^). The stand-in is
	// the same program-less Debian tree with Wolfi's accounts.
	{names: []string{"cgr.dev/chainguard/glibc-dynamic:latest", "cgr.dev/chainguard/glibc-dynamic"}, rootfs: "glibc-wolfi", user: "65532", env: []string{wolfiPath, wolfiCerts}},
	{names: []string{"busybox:1.36", "busybox:latest"}, rootfs: "busybox", env: []string{debianPath}, cmd: []string{"sh"}},
	// alpine. Config as docker-library's alpine Dockerfile (CMD
	// ["/bin/sh"], root, no ENTRYPOINT); BusyBox and a stand-in apk that
	// knows only the Alpine names in alpinePackages.
	{names: alpineNames, rootfs: "alpine", env: []string{debianPath}, cmd: []string{"/bin/sh"}},
}

// alpineNames are the alpine tags pushed: the ones the corpus files use.
var alpineNames = []string{"alpine", "alpine:latest", "alpine:3", "alpine:3.18", "alpine:3.19", "alpine:3.20", "alpine:3.21", "alpine:3.22", "alpine:3.23", "alpine:3.24"}

const (
	// wolfiPath and wolfiCerts are the environment apko gives every image
	// (tflib/publisher/main.tf checks SSL_CERT_FILE; PATH is apko's
	// default).
	wolfiPath  = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	wolfiCerts = "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"
)

// recipeVersion changes whenever a recipe changes in a way the cache key
// (the package lists) does not show.
const recipeVersion = "2"

// scratchVersion is recipeVersion for the trees made by a scratch func:
// change it when one of those funcs changes.
const scratchVersion = "5"

// standInsKey names the whole set of stand-ins: every recipe and every
// image's names and config.
func standInsKey() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%q\x00", recipeVersion, aptRepoPackages)
	for _, s := range standIns {
		fmt.Fprintf(h, "%+v\x00%s\x00", s, recipeKey(s.rootfs))
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// recipeKey names a recipe's content: its packages, the recipe it starts
// from, and Wolfi's index where it carries it.
func recipeKey(name string) string {
	r := rootfsRecipes[name]
	if r.scratch == nil {
		// The Debian trees keep the key they had, and their cache.
		text := recipeVersion + "\x00" + name + "\x00" + strings.Join(r.packages, " ") + "\x00" + strings.Join(aptRepoPackages, " ")
		if len(r.repo) > 0 {
			// Only trees with extra repository packages add them, so
			// that the others keep their cache.
			text += "\x00" + strings.Join(r.repo, " ")
		}
		key := sha256.Sum256([]byte(text))
		return hex.EncodeToString(key[:6])
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%q\x00%q\x00%q\x00%q\x00%q\x00%q\x00%q\x00", scratchVersion, name, r.packages, aptRepoPackages, alpinePackages, wolfiPythonDevKeep, wolfiPythonKeep, distrolessPythonKeep, wolfiGoKeep)
	if r.from != "" {
		h.Write([]byte(recipeKey(r.from)))
	}
	if r.wolfi {
		b, _ := os.ReadFile(wolfiIndexPath)
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// passwd and group are distroless's (common/BUILD.bazel at cd080764, read
// 2026-12-07): root 0, nobody 65534, nonroot 65532, all with the shell
// /sbin/nologin; groups root, nobody, tty, staff and nonroot.
const (
	passwd = "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"
	group  = "root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n"
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
	if err := layBusybox(root, "bin"); err != nil {
		return err
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
	tarPath := filepath.Join(e.CacheDir, fmt.Sprintf("%s-%s.tar", name, recipeKey(name)))
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
		if recipe.from != "" {
			base, err := e.rootfsTar(ctx, recipe.from)
			if err != nil {
				return "", err
			}
			if err := e.run(ctx, "", "tar", "-xf", base, "-C", root); err != nil {
				return "", err
			}
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
		if err := e.provision(ctx, root, recipe.packages, recipe.repo); err != nil {
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
func (e *Env) provision(ctx context.Context, root string, packages, extra []string) error {
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
	if err := aptGet(append(append([]string{"install", "--download-only"}, aptRepoPackages...), extra...)...); err != nil {
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

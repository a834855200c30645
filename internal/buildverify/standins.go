package buildverify

import (
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
)

// The hardened stand-ins' trees. A Wolfi image is not Debian: its shell
// and core utilities are BusyBox, its package manager apk, and it has no
// shadow (useradd, groupadd), no apt and no dpkg. The Wolfi Python
// stand-ins start from the python-slim Debian tree (Python and pip are
// Debian's, the C library is Debian's glibc, as Wolfi's is glibc) and
// keep, of its programs, only those the real image has; the rest of its
// /usr/bin and /usr/sbin is removed, with the package databases.

// wolfiPasswd and wolfiGroup are root (wolfi-baselayout) and the nonroot
// account tflib/accts adds to every Chainguard image (uid and gid 65532,
// home /home/nonroot). Other lines of the real files are not read.
const (
	wolfiPasswd = "root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532::/home/nonroot:/bin/sh\n"
	wolfiGroup  = "root:x:0:\nnonroot:x:65532:\n"
	wolfiShadow = "root:*:::::::\nnonroot:!:::::::\n"
)

// alpinePasswd holds root (shell /bin/sh) and nobody (65534): Alpine has
// no nonroot account. The other system accounts of alpine-baselayout (bin,
// daemon, …) are left out.
const (
	alpinePasswd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n"
	alpineGroup  = "root:x:0:root\nnobody:x:65534:\n"
	alpineShadow = "root:*::0:::::\nnobody:!::0:::::\n"
)

// wolfiPythonDevKeep are the programs of the python-slim tree the -dev
// image has too: Python, pip (py3.x-pip), bash (a dev package) and the
// entry points of the packages the stand-in preinstalls (flask, gunicorn).
var wolfiPythonDevKeep = []string{"python", "python3", "python3.*", "pip", "pip3", "pip3.*", "pydoc*", "flask", "gunicorn", "gunicorn3", "bash"}

// wolfiPythonKeep is what the runtime image keeps: Python, no shell.
var wolfiPythonKeep = []string{"python", "python3", "python3.*", "flask", "gunicorn", "gunicorn3"}

func wolfiPythonDevRootfs(root string) error {
	index, err := wolfiIndex()
	if err != nil {
		return err
	}
	if err := pruneDebian(root, wolfiPythonDevKeep); err != nil {
		return err
	}
	if err := layBusybox(root, "usr/bin"); err != nil {
		return err
	}
	if err := installApk(root, index); err != nil {
		return err
	}
	return writeAccounts(root, wolfiPasswd, wolfiGroup, wolfiShadow)
}

func wolfiPythonRootfs(root string) error {
	if err := pruneDebian(root, wolfiPythonKeep); err != nil {
		return err
	}
	// The python-slim tree carries the C and Python headers the official
	// slim image has; Chainguard's runtime image has no -dev packages
	// (python-dev is one of the -dev variant's extra packages), so they go.
	if err := os.RemoveAll(filepath.Join(root, "usr/include")); err != nil {
		return err
	}
	return writeAccounts(root, wolfiPasswd, wolfiGroup, "")
}

func glibcWolfiRootfs(root string) error {
	if err := pruneDebian(root, nil); err != nil {
		return err
	}
	return writeAccounts(root, wolfiPasswd, wolfiGroup, "")
}

func glibcDistrolessRootfs(root string) error {
	if err := pruneDebian(root, nil); err != nil {
		return err
	}
	return writeAccounts(root, passwd, group, "")
}

func wolfiBaseRootfs(root string) error {
	index, err := wolfiIndex()
	if err != nil {
		return err
	}
	if err := staticRootfs(root); err != nil {
		return err
	}
	if err := layBusybox(root, "bin"); err != nil {
		return err
	}
	if err := installApk(root, index); err != nil {
		return err
	}
	return writeAccounts(root, wolfiPasswd, wolfiGroup, wolfiShadow)
}

func alpineRootfs(root string) error {
	if err := staticRootfs(root); err != nil {
		return err
	}
	if err := layBusybox(root, "bin"); err != nil {
		return err
	}
	if err := installApk(root, alpinePackages); err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(root, "home/nonroot")); err != nil {
		return err
	}
	return writeAccounts(root, alpinePasswd, alpineGroup, alpineShadow)
}

// pruneDebian turns a Debian tree into one with only the programs keep
// names (path.Match patterns) in /usr/bin and /usr/sbin, and no dpkg or
// apt state: no shell (dash, bash unless kept), no shadow, no apt.
func pruneDebian(root string, keep []string) error {
	for _, dir := range []string{"usr/bin", "usr/sbin", "usr/local/sbin"} {
		entries, err := os.ReadDir(filepath.Join(root, dir))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		for _, e := range entries {
			if kept(e.Name(), keep) {
				continue
			}
			if err := os.RemoveAll(filepath.Join(root, dir, e.Name())); err != nil {
				return err
			}
		}
	}
	for _, d := range []string{"var/lib/dpkg", "var/lib/apt", "var/cache/apt", "var/cache/debconf", "etc/apt", "usr/lib/apt", "usr/lib/dpkg", "var/local/apt-repo", "etc/dpkg", "etc/alternatives"} {
		if err := os.RemoveAll(filepath.Join(root, d)); err != nil {
			return err
		}
	}
	home := filepath.Join(root, "home/nonroot")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return err
	}
	return os.Chown(home, 65532, 65532)
}

func kept(name string, keep []string) bool {
	for _, k := range keep {
		if ok, _ := path.Match(k, name); ok {
			return true
		}
	}
	return false
}

// layBusybox puts Debian's busybox-static into dir and links every applet
// it lists there that the tree does not have already (sh, adduser,
// addgroup, ls, …). dir is "bin" in a tree of its own (the static ones,
// where /usr/bin and /sbin link to /bin) and "usr/bin" in a merged-/usr
// Debian tree.
func layBusybox(root, dir string) error {
	bin := filepath.Join(root, dir)
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	if err := copyFile("/bin/busybox", filepath.Join(bin, "busybox"), 0o755); err != nil {
		return fmt.Errorf("the stand-ins need Debian's busybox-static: %w", err)
	}
	out, err := exec.Command("/bin/busybox", "--list").Output()
	if err != nil {
		return fmt.Errorf("busybox --list: %w", err)
	}
	for _, applet := range strings.Fields(string(out)) {
		if applet == "busybox" || debianOnlyApplets[applet] {
			continue
		}
		if err := os.Symlink("busybox", filepath.Join(bin, applet)); err != nil && !os.IsExist(err) {
			return err
		}
	}
	if err := installAccountTools(root, dir); err != nil {
		return err
	}
	if dir == "bin" {
		// The directories every Alpine or Wolfi tree has, which
		// Dockerfiles write into without making them.
		for _, d := range []string{"usr/share", "usr/lib", "usr/local/bin", "usr/local/share", "var/cache", "var/lib", "var/log", "var/tmp", "opt", "srv", "mnt", "run"} {
			if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
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
	}
	return nil
}

func writeAccounts(root, passwd, group, shadow string) error {
	files := map[string]string{"etc/passwd": passwd, "etc/group": group}
	if shadow != "" {
		files["etc/shadow"] = shadow
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		os.Remove(p)
		mode := os.FileMode(0o644)
		if name == "etc/shadow" {
			mode = 0o640
		}
		if err := os.WriteFile(p, []byte(text), mode); err != nil {
			return err
		}
	}
	for _, name := range []string{"etc/gshadow", "etc/passwd-", "etc/group-", "etc/shadow-", "etc/gshadow-"} {
		os.Remove(filepath.Join(root, name))
	}
	if shadow == "" {
		os.Remove(filepath.Join(root, "etc/shadow"))
	}
	return nil
}

// wolfiGoKeep are the programs of the golang tree that Chainguard's go
// image has too: the Go toolchain (BusyBox comes from layBusybox).
var wolfiGoKeep = []string{"go", "gofmt"}

// wolfiGoRootfs is cgr.dev/chainguard/go:latest's stand-in: Debian's Go
// with BusyBox for its shell and core utilities, Wolfi's accounts, no
// apk (go-public has BusyBox, git, gcc and openssh-client, but no
// apk-tools), no apt or dpkg, no shadow. The stand-in lacks the real
// image's gcc and git.
func wolfiGoRootfs(root string) error {
	if err := pruneDebian(root, wolfiGoKeep); err != nil {
		return err
	}
	if err := layBusybox(root, "usr/bin"); err != nil {
		return err
	}
	return writeAccounts(root, wolfiPasswd, wolfiGroup, wolfiShadow)
}

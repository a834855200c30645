package buildverify

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The stand-in apk is a BusyBox sh script: the hardened stand-ins have
// no other interpreter. It checks every name `apk add` is given against
// the distribution's index and fails as apk 2 does for one it lacks:
//
//	ERROR: unable to select packages:
//	  nosuch (no such package):
//	    required by: world[nosuch]
//
// with exit status 1 (apk exits with the number of errors). It refuses to
// change the database when not run as root, as apk does ("Unable to lock
// database: Permission denied", exit 99): Chainguard's -dev images run as
// nonroot, so an `apk add` before `USER root` fails there too.
//
// It installs nothing, but for the few packages whose files it keeps under
// /lib/apk/standin/pkg/<name> (shadow: useradd and groupadd, see
// accounts.go): the packages' files are not there afterwards. A
// case whose later step needs the program fails on the stand-in where the
// real image would pass, which the harness reports (never the reverse).
// The names it accepted are appended to /etc/apk/world.
const apkScript = `#!/bin/sh
# dflint build verification: a stand-in for apk (internal/buildverify/apk.go).
# STANDIN_ROOT and STANDIN_UID are for its tests: a tree and a user id.
R=${STANDIN_ROOT:-}
index=$R/lib/apk/standin/index
sub=
names=
skip=
for a in "$@"; do
	if [ -n "$skip" ]; then skip=; continue; fi
	case "$a" in
	--virtual|-t|--repository|-X|--root|-p|--arch|--keys-dir|--cache-dir|--repositories-file) skip=1 ;;
	-*) ;;
	*) if [ -z "$sub" ]; then sub=$a; else names="$names $a"; fi ;;
	esac
done
case "$sub" in
add|del|update|upgrade|fix|cache)
	if [ "${STANDIN_UID:-$(id -u)}" != 0 ]; then
		echo "ERROR: Unable to lock database: Permission denied" >&2
		echo "ERROR: Failed to open apk database: Permission denied" >&2
		exit 99
	fi ;;
esac
case "$sub" in
add)
	missing=
	n=0
	for name in $names; do
		case "$name" in */*|*.apk) continue ;; esac
		base=${name%%[=<>~]*}
		if ! grep -qxF -- "$base" "$index"; then
			missing="$missing $base"
			n=$((n + 1))
		fi
	done
	if [ "$n" -gt 0 ]; then
		echo "ERROR: unable to select packages:" >&2
		for name in $missing; do
			echo "  $name (no such package):" >&2
			echo "    required by: world[$name]" >&2
		done
		exit "$n"
	fi
	mkdir -p "$R"/etc/apk
	for name in $names; do
		echo "$name" >> "$R"/etc/apk/world
		base=${name%%[=<>~]*}
		if [ -d "$R/lib/apk/standin/pkg/$base" ]; then cp -a "$R/lib/apk/standin/pkg/$base/." "$R/"; fi
	done
	echo "OK: stand-in apk: nothing installed" ;;
update)
	echo "OK: $(wc -l < "$index") distinct packages available" ;;
--version|-V|"")
	echo "apk-tools 2 (dflint stand-in)" ;;
*)
	echo "OK: stand-in apk: $sub does nothing" ;;
esac
`

// wolfiIndexPath is the list of Wolfi's package names gathered for the
// tests (/work/shared/data/README.md: every package, subpackage and
// provides name of wolfi-dev/os at commit 8190a165, 2026-08-22). CI has it
// at ../shared/data beside the repository; the test runs two levels down.
const wolfiIndexPath = "../../../shared/data/wolfi-packages.json"

// wolfiIndex returns the names `apk add` accepts on a Wolfi stand-in:
// every installable name and every provides name.
func wolfiIndex() ([]string, error) {
	b, err := os.ReadFile(wolfiIndexPath)
	if err != nil {
		return nil, fmt.Errorf("the Wolfi stand-ins need Wolfi's package index (%s): %w", wolfiIndexPath, err)
	}
	var idx struct {
		Names    []string            `json:"names"`
		Provides map[string][]string `json:"provides"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", wolfiIndexPath, err)
	}
	names := append([]string(nil), idx.Names...)
	for p := range idx.Provides {
		// Unexpanded melange variables are not names apk could be asked for.
		if !strings.Contains(p, "${{") {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	return names, nil
}

// alpinePackages are the Alpine names the Alpine stand-in's apk accepts:
// the ones the eligible corpus files install most, each checked on
// 2026-12-07 to have its own main/<name>/APKBUILD or
// community/<name>/APKBUILD in alpinelinux/aports
// (the code index's find_files; commits as listed there). A corpus file
// that installs another name does not build before its fix and is
// skipped, with the name in the reason: add a name here once checked.
// This is fewer names than real Alpine has, never more.
var alpinePackages = []string{
	// main/
	"bash", "build-base", "ca-certificates", "coreutils", "curl", "gcc", "git", "jq",
	"linux-headers", "make", "nodejs", "openssl", "openvpn", "pciutils", "python3",
	"sqlite", "squid", "tar", "tmux", "tzdata", "wget", "xz",
	// community/
	"aircrack-ng", "certbot", "cmus", "ffmpeg", "imagemagick", "mpd",
}

// installApk lays the stand-in apk and its index into root.
func installApk(root string, index []string) error {
	dir := filepath.Join(root, "lib/apk/standin")
	// apk is /sbin/apk; in the BusyBox trees /sbin links to /bin, in the
	// Debian ones to usr/sbin. The link is resolved inside root: followed
	// on the host, an absolute one would write into the host's /bin.
	sbin, err := inRoot(root, "sbin")
	if err != nil {
		return err
	}
	for _, d := range []string{dir, filepath.Join(root, "lib/apk/db"), filepath.Join(root, "etc/apk"), sbin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	files := map[string]string{
		filepath.Join(dir, "index"):                 strings.Join(index, "\n") + "\n",
		filepath.Join(root, "lib/apk/db/installed"): "",
		filepath.Join(root, "etc/apk/world"):        "",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return err
		}
	}
	// shadow's useradd and groupadd, next to BusyBox's adduser: the
	// scripts call it by their own directory.
	shadow := filepath.Join(dir, "pkg/shadow", binDir(root))
	if err := os.MkdirAll(shadow, 0o755); err != nil {
		return err
	}
	for name, text := range map[string]string{"useradd": useraddScript, "groupadd": groupaddScript} {
		if err := os.WriteFile(filepath.Join(shadow, name), []byte(text), 0o755); err != nil {
			return err
		}
	}
	apk := filepath.Join(sbin, "apk")
	os.Remove(apk)
	return os.WriteFile(apk, []byte(apkScript), 0o755)
}

// binDir is where a tree's BusyBox applets are: /usr/bin in a merged-/usr
// Debian tree, /bin in the BusyBox trees.
func binDir(root string) string {
	if fi, err := os.Lstat(filepath.Join(root, "bin")); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return "usr/bin"
	}
	return "bin"
}

// inRoot resolves rel (a path relative to root, as the image sees it from
// /) to a path under root, following symbolic links as they resolve in
// the image: an absolute target is taken from root, never from the host's
// /.
func inRoot(root, rel string) (string, error) {
	p := filepath.Clean("/" + rel)
	for hops := 0; hops < 16; hops++ {
		resolved := "/"
		changed := false
		parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
		for i, part := range parts {
			next := filepath.Join(resolved, part)
			fi, err := os.Lstat(filepath.Join(root, next))
			if err != nil || fi.Mode()&os.ModeSymlink == 0 {
				resolved = next
				continue
			}
			target, err := os.Readlink(filepath.Join(root, next))
			if err != nil {
				return "", err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(resolved, target)
			}
			p = filepath.Join(append([]string{"/", target}, parts[i+1:]...)...)
			changed = true
			break
		}
		if !changed {
			return filepath.Join(root, resolved), nil
		}
	}
	return "", fmt.Errorf("%s: too many symbolic links under %s", rel, root)
}

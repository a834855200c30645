package buildverify

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The stand-ins' scripts run under Debian's busybox-static sh here, as
// they do in the images, against a tree in a temporary directory.
func standInTree(t *testing.T) (root string, run func(uid string, argv ...string) (string, int)) {
	t.Helper()
	if _, err := os.Stat("/bin/busybox"); err != nil {
		t.Skip("needs Debian's busybox-static")
	}
	root = t.TempDir()
	for _, d := range []string{"etc", "bin"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := installAccountTools(root, "bin"); err != nil {
		t.Fatal(err)
	}
	if err := installApk(root, []string{"bash", "curl", "py3-pip", "shadow"}); err != nil {
		t.Fatal(err)
	}
	if err := writeAccounts(root, wolfiPasswd, wolfiGroup, wolfiShadow); err != nil {
		t.Fatal(err)
	}
	run = func(uid string, argv ...string) (string, int) {
		script := filepath.Join(root, "bin", argv[0])
		if argv[0] == "apk" {
			script = filepath.Join(root, "sbin/apk")
		}
		cmd := exec.Command("/bin/busybox", append([]string{"sh", script}, argv[1:]...)...)
		cmd.Env = append(os.Environ(), "STANDIN_ROOT="+root, "STANDIN_UID="+uid)
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}
	return root, run
}

func TestStandInApk(t *testing.T) {
	root, run := standInTree(t)
	if out, code := run("0", "apk", "add", "--no-cache", "--virtual", ".deps", "curl", "bash=5.2-r0", "py3-pip"); code != 0 {
		t.Fatalf("apk add of indexed names: exit %d\n%s", code, out)
	}
	world, _ := os.ReadFile(filepath.Join(root, "etc/apk/world"))
	if got := strings.Fields(string(world)); strings.Join(got, " ") != "curl bash=5.2-r0 py3-pip" {
		t.Errorf("world = %q", got)
	}
	out, code := run("0", "apk", "add", "--no-cache", "curl", "shadow-utils", "libpq-dev")
	if code != 2 {
		t.Errorf("two missing names: exit %d, want 2", code)
	}
	for _, want := range []string{"ERROR: unable to select packages:", "  shadow-utils (no such package):", "    required by: world[shadow-utils]", "  libpq-dev (no such package):"} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if out, code := run("65532", "apk", "add", "curl"); code != 99 || !strings.Contains(out, "Unable to lock database: Permission denied") {
		t.Errorf("apk add as nonroot: exit %d\n%s", code, out)
	}
	if _, code := run("65532", "apk", "--version"); code != 0 {
		t.Errorf("apk --version as nonroot: exit %d", code)
	}
}

func TestStandInAdduser(t *testing.T) {
	root, run := standInTree(t)
	if out, code := run("0", "addgroup", "-S", "-g", "10001", "app"); code != 0 {
		t.Fatalf("addgroup: exit %d\n%s", code, out)
	}
	if out, code := run("0", "adduser", "-S", "-D", "-H", "-u", "10001", "-G", "app", "app"); code != 0 {
		t.Fatalf("adduser: exit %d\n%s", code, out)
	}
	if out, code := run("0", "adduser", "-D", "web"); code != 0 {
		t.Fatalf("adduser without -G: exit %d\n%s", code, out)
	}
	if out, code := run("0", "adduser", "web", "app"); code != 0 {
		t.Fatalf("adduser USER GROUP: exit %d\n%s", code, out)
	}
	passwd, _ := os.ReadFile(filepath.Join(root, "etc/passwd"))
	group, _ := os.ReadFile(filepath.Join(root, "etc/group"))
	for _, want := range []string{"app:x:10001:10001::/home/app:/bin/sh\n", "web:x:1000:1000::/home/web:/bin/sh\n"} {
		if !strings.Contains(string(passwd), want) {
			t.Errorf("passwd lacks %q:\n%s", want, passwd)
		}
	}
	for _, want := range []string{"app:x:10001:web\n", "web:x:1000:\n"} {
		if !strings.Contains(string(group), want) {
			t.Errorf("group lacks %q:\n%s", want, group)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "home/app")); err == nil {
		t.Error("adduser -H made a home directory")
	}
	if _, err := os.Stat(filepath.Join(root, "home/web")); err != nil {
		t.Error("adduser made no home directory")
	}
	if out, code := run("0", "adduser", "-D", "-u", "65532", "other"); code != 1 || !strings.Contains(out, "uid '65532' in use") {
		t.Errorf("adduser of a used uid: exit %d\n%s", code, out)
	}
	if out, code := run("0", "addgroup", "nonroot"); code != 1 || !strings.Contains(out, "group 'nonroot' in use") {
		t.Errorf("addgroup of a used name: exit %d\n%s", code, out)
	}
	if out, code := run("65532", "adduser", "-D", "x"); code != 1 || !strings.Contains(out, "need to be root") {
		t.Errorf("adduser as nonroot: exit %d\n%s", code, out)
	}
}

// The Wolfi trees have BusyBox's applets but none that Wolfi lacks, and
// the Wolfi index holds the names the stand-in apk checks.
func TestStandInTrees(t *testing.T) {
	if _, err := os.Stat("/bin/busybox"); err != nil {
		t.Skip("needs Debian's busybox-static")
	}
	if _, err := os.Stat(wolfiIndexPath); err != nil {
		t.Skipf("no Wolfi index at %s", wolfiIndexPath)
	}
	root := t.TempDir()
	if err := wolfiBaseRootfs(root); err != nil {
		if os.IsPermission(err) || strings.Contains(err.Error(), "operation not permitted") {
			t.Skip("needs root to chown the nonroot home")
		}
		t.Fatal(err)
	}
	// Lstat, not Stat: /sbin links to /bin, which followed here is the
	// host's.
	for _, want := range []string{"bin/sh", "bin/adduser", "bin/addgroup", "bin/apk", "etc/passwd", "lib/apk/standin/index"} {
		if _, err := os.Lstat(filepath.Join(root, want)); err != nil {
			t.Errorf("wolfi-base lacks %s", want)
		}
	}
	for _, absent := range []string{"bin/bash", "bin/useradd", "bin/groupadd", "bin/apt-get", "bin/dpkg", "bin/rpm"} {
		if _, err := os.Lstat(filepath.Join(root, absent)); err == nil {
			t.Errorf("wolfi-base has %s, which Wolfi's does not", absent)
		}
	}
	index, _ := os.ReadFile(filepath.Join(root, "lib/apk/standin/index"))
	names := strings.Fields(string(index))
	for _, want := range []string{"busybox", "py3-pip", "python-3.12", "python3", "shadow"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("the Wolfi index lacks %q", want)
		}
	}
}

// useradd exists only once shadow is added, and makes the account
// through adduser.
func TestStandInShadow(t *testing.T) {
	root, run := standInTree(t)
	if _, err := os.Stat(filepath.Join(root, "bin/useradd")); err == nil {
		t.Fatal("useradd before apk add shadow")
	}
	if out, code := run("0", "apk", "add", "--no-cache", "shadow"); code != 0 {
		t.Fatalf("apk add shadow: exit %d\n%s", code, out)
	}
	if out, code := run("0", "groupadd", "-r", "-g", "10001", "app"); code != 0 {
		t.Fatalf("groupadd: exit %d\n%s", code, out)
	}
	if out, code := run("0", "useradd", "--no-log-init", "-r", "-u", "10001", "-g", "app", "-m", "-d", "/srv/app", "app"); code != 0 {
		t.Fatalf("useradd: exit %d\n%s", code, out)
	}
	if out, code := run("0", "useradd", "-u", "10002", "-N", "bare"); code != 0 {
		t.Fatalf("useradd -N: exit %d\n%s", code, out)
	}
	passwd, _ := os.ReadFile(filepath.Join(root, "etc/passwd"))
	for _, want := range []string{"app:x:10001:10001::/srv/app:/bin/sh\n", "bare:x:10002:100::/home/bare:/bin/sh\n"} {
		if !strings.Contains(string(passwd), want) {
			t.Errorf("passwd lacks %q:\n%s", want, passwd)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "srv/app")); err != nil {
		t.Error("useradd -m made no home")
	}
	if _, err := os.Stat(filepath.Join(root, "home/bare")); err == nil {
		t.Error("useradd without -m made a home")
	}
	if out, code := run("0", "useradd", "-g", "nosuch", "x"); code != 6 {
		t.Errorf("useradd -g of a missing group: exit %d\n%s", code, out)
	}
}

func TestInRoot(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"bin", "usr/lib"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"sbin": "/bin", "lib": "usr/lib", "usr/sbin": "../bin"} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	for rel, want := range map[string]string{"sbin": "bin", "sbin/apk": "bin/apk", "lib/apk/db": "usr/lib/apk/db", "usr/sbin/x": "bin/x", "etc": "etc"} {
		got, err := inRoot(root, rel)
		if err != nil {
			t.Fatal(err)
		}
		if got != filepath.Join(root, want) {
			t.Errorf("inRoot(%q) = %q, want %q under the root", rel, got, want)
		}
	}
}

//go:build devtools

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/buildverify"
)

// imageBase is the Dockerfile's FROM without its digest: CI has no route
// to gcr.io, so the image is built on internal/buildverify's stand-in for
// it (`buildah build --from` replaces the first FROM), as docs/integrations.md
// says.
const imageBase = "gcr.io/distroless/static-debian12:nonroot"

// TestImage builds the repository's Dockerfile with buildah from a
// snapshot release's Linux binary, and runs the image with podman as the
// docs say: `podman run --rm -i IMAGE < Dockerfile` lints standard input
// (exit 1 on a warning, the finding on standard output), and arguments
// replace the command (`version`). It needs root, buildah, podman and
// runc, like make verify-builds; it skips without them unless CI=true.
func TestImage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an image; skipped with -short")
	}
	var missing []string
	for _, tool := range []string{"buildah", "podman", "runc", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if os.Getuid() != 0 {
		missing = append(missing, "root")
	}
	if len(missing) > 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must build the image, but this machine lacks %v (.ci/run installs buildah, podman and runc, and runs as root)", missing)
		}
		t.Skipf("needs %v", missing)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()

	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dist := filepath.Join(t.TempDir(), "dist")
	var log bytes.Buffer
	res, err := release(options{Dir: root, Out: dist, Snapshot: true, Targets: []target{{"linux", runtime.GOARCH}}, Env: []string{"GOPROXY=off"}, Log: &log})
	if err != nil {
		t.Fatalf("release: %v\n%s", err, log.String())
	}

	env := &buildverify.Env{Dir: t.TempDir(), CacheDir: buildverify.DefaultCacheDir(), Logf: t.Logf}
	if err := buildverify.SetupLocal(env); err != nil {
		t.Fatal(err)
	}
	defer env.Close()
	const standIn, image = "localhost/standin/static-debian12:nonroot", "localhost/dflint:test"
	if err := env.CommitStandIn(ctx, imageBase, standIn); err != nil {
		t.Fatal(err)
	}
	run := func(stdin []byte, name string, args ...string) (string, string, error) {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Env = env.Environ()
		cmd.Stdin = bytes.NewReader(stdin)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.WaitDelay = 10 * time.Second
		err := cmd.Run()
		return stdout.String(), stderr.String(), err
	}
	if out, errOut, err := run(nil, "buildah", "build", "--quiet", "--from", standIn,
		"--build-arg", "VERSION="+res.Version, "--build-arg", "REVISION="+res.Commit,
		"-f", filepath.Join(root, "Dockerfile"), "-t", image, dist); err != nil {
		t.Fatalf("buildah build: %v\n%s%s", err, out, errOut)
	}

	// The OCI labels and the user.
	out, errOut, err := run(nil, "buildah", "inspect", "--type", "image", "--format",
		`{{index .OCIv1.Config.Labels "org.opencontainers.image.version"}} {{index .OCIv1.Config.Labels "org.opencontainers.image.revision"}} {{.OCIv1.Config.User}}`, image)
	if err != nil {
		t.Fatalf("buildah inspect: %v\n%s", err, errOut)
	}
	if want := res.Version + " " + res.Commit + " 65532:65532"; strings.TrimSpace(out) != want {
		t.Errorf("labels and user %q, want %q", strings.TrimSpace(out), want)
	}

	// podman's default ulimits exceed what this machine lets a container
	// set; internal/buildverify runs images with the same limits.
	podmanRun := []string{"run", "--rm", "--network", "none", "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768"}

	// Standard input is linted: a relative WORKDIR (DF502, a warning)
	// fails the run with exit code 1.
	src := []byte("FROM alpine:3.20\nWORKDIR app\n")
	out, errOut, err = run(src, "podman", append(podmanRun, "-i", image)...)
	if code := exitCode(err); code != 1 || !strings.Contains(out, "DF502") {
		t.Errorf("podman run -i IMAGE < Dockerfile: exit %d (%v), want 1 with DF502\nstdout:\n%s\nstderr:\n%s", code, err, out, errOut)
	}
	// Arguments replace the command.
	out, errOut, err = run(nil, "podman", append(podmanRun, image, "version")...)
	if err != nil || !strings.HasPrefix(out, "dflint "+res.Version+", commit "+res.Commit[:12]) {
		t.Errorf("podman run IMAGE version: %v\n%s%s", err, out, errOut)
	}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

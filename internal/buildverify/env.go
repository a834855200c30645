// Package buildverify proves that dflint's fixes still build and run: it
// builds a Dockerfile before and after `dflint fix` with buildah, runs both
// images with podman, and compares what they do and how they are
// configured. Everything happens on this machine: base images are
// stand-ins made from Debian packages and pushed to a distribution
// registry on 127.0.0.1, and builds and runs have no network.
//
// It needs root and Debian's buildah, podman, runc, docker-registry,
// debootstrap, dpkg-dev and busybox-static packages (.ci/run installs them).
package buildverify

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dflint/dflint/internal/distribution"
)

// Tools are the programs the harness runs.
var Tools = []string{"buildah", "podman", "runc", "docker-registry", "debootstrap", "dpkg-scanpackages", "chroot", "tar"}

// MissingTools lists the Tools not on PATH.
func MissingTools() []string {
	var missing []string
	for _, t := range Tools {
		if _, err := exec.LookPath(t); err != nil {
			missing = append(missing, t)
		}
	}
	return missing
}

// Env is a set-up harness: a registry holding the stand-in bases, and
// container storage and configuration of its own, so that nothing of the
// machine's own containers setup is used or changed.
type Env struct {
	// Dir holds the registry, the container storage and the configs.
	Dir string
	// CacheDir keeps the stand-ins' root file systems between runs.
	CacheDir string
	// Mirror is the Debian mirror debootstrap and apt use.
	Mirror string
	// Logf reports progress (testing.T.Logf in tests).
	Logf func(format string, args ...any)

	registry *distribution.Registry
	environ  []string
}

// DefaultCacheDir is where stand-in root file systems are kept: under the
// user's cache directory, or DFLINT_VERIFY_CACHE.
func DefaultCacheDir() string {
	if d := os.Getenv("DFLINT_VERIFY_CACHE"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		d = os.TempDir()
	}
	return filepath.Join(d, "dflint", "buildverify")
}

// Setup starts the registry, writes the containers configs and pushes the
// stand-in images. Call Close when done.
func Setup(ctx context.Context, e *Env) error {
	if e.Mirror == "" {
		e.Mirror = debianMirror()
	}
	if e.Logf == nil {
		e.Logf = func(string, ...any) {}
	}
	if err := os.MkdirAll(e.CacheDir, 0o755); err != nil {
		return err
	}
	// The registry's storage is kept in the cache too, keyed by every
	// recipe and name: a second run starts the registry on it and pushes
	// nothing.
	storeDir := filepath.Join(e.CacheDir, "registry-"+standInsKey())
	reg, err := distribution.Start(ctx, "docker-registry", storeDir)
	if err != nil {
		return err
	}
	e.registry = reg
	if err := e.writeContainersConfig(); err != nil {
		return err
	}
	complete := filepath.Join(storeDir, "complete")
	if _, err := os.Stat(complete); err == nil {
		e.logf("stand-in images from the cache (%s)", storeDir)
		return nil
	}
	for _, s := range standIns {
		if err := e.pushStandIn(ctx, s); err != nil {
			return fmt.Errorf("stand-in %s: %w", s.names[0], err)
		}
	}
	return os.WriteFile(complete, nil, 0o644)
}

// debianMirror is the Debian archive this machine's apt uses (the first
// "debian" URI of its sources), so that debootstrap goes where apt-get is
// known to reach; deb.debian.org when none is found.
func debianMirror() string {
	files, _ := filepath.Glob("/etc/apt/sources.list.d/*.sources")
	files = append(files, "/etc/apt/sources.list")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			fields := strings.Fields(line)
			var uri string
			switch {
			case len(fields) >= 2 && fields[0] == "URIs:":
				uri = fields[1]
			case len(fields) >= 3 && fields[0] == "deb" && !strings.HasPrefix(fields[1], "["):
				uri = fields[1]
			}
			if strings.HasSuffix(strings.TrimSuffix(uri, "/"), "/debian") {
				return uri
			}
		}
	}
	return "http://deb.debian.org/debian"
}

// RegistryAddr is the local registry's host:port.
func (e *Env) RegistryAddr() string { return e.registry.Addr }

// SetupLocal prepares a harness without the registry: container storage
// and configuration of its own, where CommitStandIn puts stand-in bases
// as local images. It is for a test that builds one Dockerfile on a
// stand-in (`buildah build --from`) and runs the image with podman, with
// Environ as the tools' environment. Call Close when done.
func SetupLocal(e *Env) error {
	if e.Logf == nil {
		e.Logf = func(string, ...any) {}
	}
	if err := os.MkdirAll(e.CacheDir, 0o755); err != nil {
		return err
	}
	return e.writeContainersConfig()
}

// Environ is the environment under which buildah and podman use the
// harness's storage and configuration.
func (e *Env) Environ() []string { return e.environ }

// CommitStandIn makes the stand-in of base (an image name the harness
// knows, such as gcr.io/distroless/static-debian12:nonroot) and commits it
// in the harness's storage as ref.
func (e *Env) CommitStandIn(ctx context.Context, base, ref string) error {
	for _, s := range standIns {
		if slices.Contains(s.names, base) {
			_, err := e.commitStandIn(ctx, s, ref)
			return err
		}
	}
	return fmt.Errorf("no stand-in for %s (bases.go lists them)", base)
}

// Close stops the registry and removes the containers' storage.
func (e *Env) Close() {
	if e.registry != nil {
		e.registry.Stop()
	}
	// The storage holds root-owned layer trees; buildah knows how to
	// remove them (vfs has no mounts left, but be thorough).
	_ = e.run(context.Background(), "", "buildah", "rm", "--all")
}

// writeContainersConfig makes buildah and podman use a storage, runtime
// and registry mapping of the harness's own: docker.io, gcr.io, cgr.dev
// and mcr.microsoft.com names all resolve in the local registry, so a
// Dockerfile keeps its real FROM lines.
func (e *Env) writeContainersConfig() error {
	conf := filepath.Join(e.Dir, "containers")
	if err := os.MkdirAll(conf, 0o755); err != nil {
		return err
	}
	// Without the registry (SetupLocal) no name resolves: images come
	// from the storage only.
	registries := "unqualified-search-registries = []\n"
	if e.registry != nil {
		registries = registriesConf(e.registry.Addr)
	}
	// vfs copies layers instead of mounting them: slower, but it needs no
	// overlay support from the kernel or fuse, which CI machines may lack.
	storage := fmt.Sprintf(`[storage]
driver = "vfs"
graphroot = "%s"
runroot = "%s"
`, filepath.Join(e.Dir, "storage"), filepath.Join(e.Dir, "run"))
	// runc, not crun: Debian's crun refuses this machine's hybrid cgroups.
	containers := `[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[containers]
log_driver = "k8s-file"
`
	policy := `{"default":[{"type":"insecureAcceptAnything"}]}`
	files := map[string]string{"registries.conf": registries, "storage.conf": storage, "containers.conf": containers, "policy.json": policy}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(conf, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	e.environ = append(os.Environ(),
		"CONTAINERS_REGISTRIES_CONF="+filepath.Join(conf, "registries.conf"),
		"CONTAINERS_STORAGE_CONF="+filepath.Join(conf, "storage.conf"),
		"CONTAINERS_CONF="+filepath.Join(conf, "containers.conf"),
		// buildah's and podman's `--signature-policy` equivalent.
		"CONTAINERS_POLICY_JSON="+filepath.Join(conf, "policy.json"),
		"BUILDAH_ISOLATION=oci",
	)
	return nil
}

// registriesConf maps docker.io, gcr.io, cgr.dev and mcr.microsoft.com
// names to the registry at addr.
func registriesConf(addr string) string {
	return fmt.Sprintf(`unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"

[[registry]]
prefix = "docker.io"
location = "%[1]s"
insecure = true

[[registry]]
prefix = "gcr.io"
location = "%[1]s/gcr.io"
insecure = true

[[registry]]
prefix = "cgr.dev"
location = "%[1]s/cgr.dev"
insecure = true

[[registry]]
prefix = "mcr.microsoft.com"
location = "%[1]s/mcr.microsoft.com"
insecure = true

[[registry]]
location = "%[1]s"
insecure = true
`, addr)
}

// pushStandIn makes the image from its root file system tar and pushes it
// under each of its names.
func (e *Env) pushStandIn(ctx context.Context, s standIn) error {
	local := "localhost/standin/" + s.rootfs + ":" + strings.NewReplacer("/", "-", ":", "-").Replace(s.names[0])
	if _, err := e.commitStandIn(ctx, s, local); err != nil {
		return err
	}
	for _, name := range s.names {
		dest := "docker://" + e.registry.Addr + "/" + registryPath(name)
		// Uncompressed: gzip of a few hundred MB is most of the push time,
		// and the registry is on this machine.
		if err := e.run(ctx, "", "buildah", "push", "--quiet", "--disable-compression", "--tls-verify=false", local, dest); err != nil {
			return err
		}
	}
	e.logf("stand-in %s pushed as %s", s.rootfs, strings.Join(s.names, ", "))
	return nil
}

// commitStandIn makes the image from its root file system tar and
// commits it in the storage as local.
func (e *Env) commitStandIn(ctx context.Context, s standIn, local string) (string, error) {
	tar, err := e.rootfsTar(ctx, s.rootfs)
	if err != nil {
		return "", err
	}
	ctr, err := e.output(ctx, "", "buildah", "from", "scratch")
	if err != nil {
		return "", err
	}
	ctr = strings.TrimSpace(ctr)
	defer e.run(context.Background(), "", "buildah", "rm", ctr)
	if err := e.run(ctx, "", "buildah", "add", "--quiet", ctr, tar, "/"); err != nil {
		return "", err
	}
	if s.setup != "" {
		if err := e.run(ctx, "", "buildah", "run", "--network", "none", ctr, "--", "/bin/sh", "-c", s.setup); err != nil {
			return "", err
		}
	}
	args := []string{"config", "--os", "linux", "--arch", "amd64"}
	if s.user != "" {
		args = append(args, "--user", s.user)
	}
	if s.workdir != "" {
		args = append(args, "--workingdir", s.workdir)
	}
	for _, env := range s.env {
		args = append(args, "--env", env)
	}
	if len(s.entrypoint) > 0 {
		args = append(args, "--entrypoint", jsonArray(s.entrypoint))
	}
	if len(s.cmd) > 0 {
		args = append(args, "--cmd", jsonArray(s.cmd))
	}
	if err := e.run(ctx, "", "buildah", append(args, ctr)...); err != nil {
		return "", err
	}
	if err := e.run(ctx, "", "buildah", "commit", "--quiet", ctr, local); err != nil {
		return "", err
	}
	return local, nil
}

// registryPath is where a Dockerfile's name lives in the local registry,
// following the mapping in registries.conf.
func registryPath(name string) string {
	// Official images live under library/; every other name, with a
	// registry host or a Docker Hub organisation first, stays as written
	// (gcr.io/distroless/static → <addr>/gcr.io/distroless/static).
	if !strings.Contains(name, "/") {
		return "library/" + name
	}
	return name
}

func (e *Env) logf(format string, args ...any) { e.Logf(format, args...) }

// run runs a command, returning an error with its output when it fails.
func (e *Env) run(ctx context.Context, dir, name string, args ...string) error {
	_, err := e.output(ctx, dir, name, args...)
	return err
}

func (e *Env) output(ctx context.Context, dir, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = e.environ
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A hung tool gets its context's end and a grace period, no more.
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, lastLines(stderr.String()+stdout.String(), 15))
	}
	return stdout.String(), nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func jsonArray(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = fmt.Sprintf("%q", w)
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

package main

// The integration test against the real distribution registry (Debian's
// docker-registry package, the registry behind Docker Hub's open-source
// ancestor): it is started on 127.0.0.1 with its own config in a temporary
// directory, filled with images through go-containerregistry, and the
// built dflint binary pins, resolves `latest` and reads sizes through
// --registry-mirror, then meets the registry stopped.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dflint/dflint/internal/distribution"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// distributionBinary finds docker-registry. A missing binary skips the test
// on a developer's machine and fails it in CI, where .ci/run installs it.
func distributionBinary(t *testing.T) string {
	t.Helper()
	if bin, err := exec.LookPath("docker-registry"); err == nil {
		return bin
	}
	if _, err := os.Stat("/usr/bin/docker-registry"); err == nil {
		return "/usr/bin/docker-registry"
	}
	if os.Getenv("CI") != "" {
		t.Fatal("docker-registry is not installed, and CI is set: .ci/run installs the Debian package docker-registry; install it (apt-get install docker-registry)")
	}
	t.Skip("docker-registry is not installed (Debian/Ubuntu: apt-get install docker-registry); skipping the integration test against the real registry")
	return ""
}

// distributionRegistry is a running docker-registry.
type distributionRegistry struct {
	host string
	reg  *distribution.Registry
}

func startDistribution(t *testing.T, bin string) *distributionRegistry {
	t.Helper()
	reg, err := distribution.Start(context.Background(), bin, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(reg.Stop)
	return &distributionRegistry{host: reg.Addr, reg: reg}
}

// stop ends the registry by its PID and waits for it.
func (r *distributionRegistry) stop() { r.reg.Stop() }

func (r *distributionRegistry) push(t *testing.T, repoTag string, x any) string {
	t.Helper()
	ref, err := name.ParseReference(r.host + "/" + repoTag)
	if err != nil {
		t.Fatal(err)
	}
	var d v1.Hash
	switch x := x.(type) {
	case v1.Image:
		err = remote.Write(ref, x)
		d, _ = x.Digest()
	case v1.ImageIndex:
		err = remote.WriteIndex(ref, x)
		d, _ = x.Digest()
	}
	if err != nil {
		t.Fatalf("push %s: %v", repoTag, err)
	}
	return d.String()
}

func distImage(t *testing.T, layerSize int64, platform string) v1.Image {
	t.Helper()
	img, err := random.Image(layerSize, 2)
	if err != nil {
		t.Fatal(err)
	}
	cf, _ := img.ConfigFile()
	cf = cf.DeepCopy()
	p, _ := v1.ParsePlatform(platform)
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// buildDflint builds the binary the way a user gets it.
func buildDflint(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dflint")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type runResult struct {
	out     string
	code    int
	elapsed time.Duration
}

func runDflint(t *testing.T, bin, dir string, args ...string) runResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DOCKER_CONFIG="+filepath.Join(dir, ".docker"), "NO_COLOR=1")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	res := runResult{out: string(out), elapsed: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok {
		res.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("dflint %s: %v", strings.Join(args, " "), err)
	}
	return res
}

func TestDistributionRegistry(t *testing.T) {
	regBin := distributionBinary(t)
	if testing.Short() {
		t.Skip("-short: skipping the integration test against docker-registry")
	}
	reg := startDistribution(t, regBin)

	// Docker Hub's layout, as a pull-through mirror serves it.
	amd, arm := distImage(t, 1000, "linux/amd64"), distImage(t, 1000, "linux/arm64")
	idx := mutate.IndexMediaType(mutate.AppendManifests(empty.Index,
		mutate.IndexAddendum{Add: amd, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "amd64"}}},
		mutate.IndexAddendum{Add: arm, Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: "linux", Architecture: "arm64"}}},
	), types.DockerManifestList)
	py312 := reg.push(t, "library/python:3.12", idx)
	latest := distImage(t, 1000, "linux/amd64")
	py313 := reg.push(t, "library/python:3.13.1", latest)
	reg.push(t, "library/python:3.13", latest)
	reg.push(t, "library/python:latest", latest)
	reg.push(t, "library/python:3.12.8", distImage(t, 1000, "linux/amd64"))
	reg.push(t, "library/python:3.11", distImage(t, 2_000_000, "linux/amd64"))
	reg.push(t, "library/python:3.11-slim", distImage(t, 300_000, "linux/amd64"))

	bin := buildDflint(t)
	work := t.TempDir()
	mirror := "--registry-mirror=docker.io=" + reg.host
	cache := "--cache-dir=" + filepath.Join(work, "cache")
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(work, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(work, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}

	// Pin: the index digest, name and tag as written.
	write("Dockerfile", "FROM python:3.12 AS build\nRUN true\nFROM python:3.12\n")
	res := runDflint(t, bin, work, "pin", mirror, cache, "Dockerfile")
	if res.code != 0 {
		t.Fatalf("pin: exit %d\n%s", res.code, res.out)
	}
	if want := "FROM python:3.12@" + py312 + " AS build\nRUN true\nFROM python:3.12@" + py312 + "\n"; read("Dockerfile") != want {
		t.Errorf("pinned:\n%s\nwant:\n%s", read("Dockerfile"), want)
	}

	// latest becomes its version tag, then it is pinned.
	write("Latest.Dockerfile", "FROM python:latest\nCMD [\"python\"]\n")
	res = runDflint(t, bin, work, "pin", "--unsafe-fixes", mirror, cache, "Latest.Dockerfile")
	if res.code != 0 {
		t.Fatalf("pin --unsafe-fixes: exit %d\n%s", res.code, res.out)
	}
	if want := "FROM python:3.13.1@" + py313 + "\nCMD [\"python\"]\n"; read("Latest.Dockerfile") != want {
		t.Errorf("latest resolved to:\n%s\nwant:\n%s", read("Latest.Dockerfile"), want)
	}

	// Sizes in DF104's message, read from the registry.
	write("Full.Dockerfile", "FROM python:3.11\nCMD [\"python\"]\n")
	res = runDflint(t, bin, work, "lint", "--online", mirror, cache, "--select", "DF104", "Full.Dockerfile")
	if res.code != 1 || !regexp.MustCompile(`python:3\.11 is [0-9.]+ MB compressed; python:3\.11-slim is [0-9]+ kB`).MatchString(res.out) {
		t.Errorf("lint --online: exit %d, want 1 with both sizes:\n%s", res.code, res.out)
	}

	// The registry stops: a clear error, exit 2, fast.
	reg.stop()
	write("Stopped.Dockerfile", "FROM python:3.12\n")
	res = runDflint(t, bin, work, "pin", "--cache-ttl=0", mirror, cache, "Stopped.Dockerfile")
	if res.code != 2 || !strings.Contains(res.out, reg.host+" (mirror of docker.io) cannot be reached") {
		t.Errorf("stopped registry: exit %d, want 2 and an error naming it:\n%s", res.code, res.out)
	}
	if res.elapsed > 15*time.Second {
		t.Errorf("stopped registry: gave up after %s", res.elapsed)
	}
	if read("Stopped.Dockerfile") != "FROM python:3.12\n" {
		t.Errorf("a failed pin changed the file:\n%s", read("Stopped.Dockerfile"))
	}
}

package images

import (
	"reflect"
	"strings"
	"testing"
)

func TestHardenedDataParses(t *testing.T) {
	if _, err := parseHardened(hardenedData); err != nil {
		t.Fatal(err)
	}
	if _, err := parsePackages(packagesData); err != nil {
		t.Fatal(err)
	}
}

func TestHardenedRejectsBadData(t *testing.T) {
	for _, bad := range []string{
		`{"checked": "2026-01-01", "registries": {"distroless": "a", "chainguard": "b"}, "equivalents": [{"family": "nosuchfamily", "distrolessNone": "x", "chainguardNone": "y"}]}`,
		`{"checked": "2026-01-01", "registries": {"distroless": "a", "chainguard": "b"}, "equivalents": [{"family": "python", "chainguardNone": "y"}]}`,
		`{"checked": "2026-01-01", "registries": {"distroless": "a", "chainguard": "b"}, "equivalents": [{"family": "python", "distroless": [{"tag": "("}], "chainguardNone": "y"}]}`,
		`{"checked": "2026-01-01", "registries": {"distroless": "a"}, "equivalents": []}`,
		`{"checked": "2026-01-01", "registries": {"distroless": "a", "chainguard": "b"}, "equivalents": [], "extra": 1}`,
	} {
		if _, err := parseHardened([]byte(bad)); err == nil {
			t.Errorf("parseHardened accepted %s", bad)
		}
	}
	if _, err := parsePackages([]byte(`{"checked": "x", "apt": {"a": {"debian": "b"}}, "rpm": {"a": "b"}}`)); err == nil {
		t.Error("parsePackages accepted a target that is not alpine or wolfi")
	}
}

func TestHardened(t *testing.T) {
	tests := []struct {
		ref, family, registry string
		runtime, shell        string
	}{
		{"python:3.11", FamilyDistroless, "", "", ""}, // python3-debian12 is no longer updated
		{"python:3.13-slim-trixie", FamilyDistroless, "", "gcr.io/distroless/python3-debian13:nonroot", ""},
		{"python:3.12", FamilyDistroless, "", "", ""},
		{"python:3.12", FamilyChainguard, "", "cgr.dev/chainguard/python:latest", "cgr.dev/chainguard/python:latest-dev"},
		{"python:3.12-alpine", FamilyChainguard, "cgr.dev/acme.example/", "cgr.dev/acme.example/python:latest", "cgr.dev/acme.example/python:latest-dev"},
		{"pypy:3.10", FamilyChainguard, "", "", ""},
		{"node:20-bookworm-slim", FamilyDistroless, "", "", ""}, // nodejs20 was removed
		{"node:jod", FamilyDistroless, "", "gcr.io/distroless/nodejs22-debian13:nonroot", ""},
		{"node:24-bookworm-slim", FamilyDistroless, "", "gcr.io/distroless/nodejs24-debian13:nonroot", ""},
		{"node:18", FamilyDistroless, "", "", ""},
		{"node:18", FamilyChainguard, "", "cgr.dev/chainguard/node:latest", "cgr.dev/chainguard/node:latest-dev"},
		{"eclipse-temurin:21-jre", FamilyDistroless, "", "gcr.io/distroless/java21-debian13:nonroot", ""},
		{"eclipse-temurin:17.0.9_9-jre-jammy", FamilyDistroless, "", "gcr.io/distroless/java17-debian13:nonroot", ""},
		{"eclipse-temurin:21-jdk", FamilyDistroless, "", "", ""}, // a JDK is DF201's
		{"eclipse-temurin:21-jre", FamilyChainguard, "", "cgr.dev/chainguard/jre:latest", "cgr.dev/chainguard/jre:latest-dev"},
		{"debian:bookworm-slim", FamilyDistroless, "", "gcr.io/distroless/base-debian13:nonroot", ""},
		{"ubuntu:24.04", FamilyChainguard, "", "cgr.dev/chainguard/glibc-dynamic:latest", "cgr.dev/chainguard/wolfi-base:latest"},
		{"alpine:3.20", FamilyDistroless, "", "", ""},
		// Wolfi is glibc and static has no libc: neither replaces musl.
		{"alpine:3.20", FamilyChainguard, "", "", ""},
		{"registry.access.redhat.com/ubi9/ubi-minimal", FamilyChainguard, "", "cgr.dev/chainguard/glibc-dynamic:latest", "cgr.dev/chainguard/wolfi-base:latest"},
		{"golang:1.22", FamilyChainguard, "", "", ""},
		{"gcr.io/distroless/static-debian13", FamilyChainguard, "", "cgr.dev/chainguard/static:latest", ""},
		{"gcr.io/distroless/static-debian12:nonroot", FamilyDistroless, "", "", ""}, // distroless already
		{"example.com/app:1", FamilyDistroless, "", "", ""},
	}
	for _, tt := range tests {
		h, ok, _ := lookup(t, tt.ref).Hardened(tt.family, tt.registry)
		if ok != (tt.runtime != "") || h.Runtime != tt.runtime || h.Shell != tt.shell {
			t.Errorf("%s %s: got %+v, %v; want runtime %q shell %q", tt.ref, tt.family, h, ok, tt.runtime, tt.shell)
		}
	}
	if _, ok, why := lookup(t, "python:3.12").Hardened(FamilyDistroless, ""); ok || why == "" {
		t.Error("python:3.12 should have no distroless equivalent, with a reason")
	}
	if _, ok, why := lookup(t, "alpine:3.20").Hardened(FamilyChainguard, ""); ok || !strings.Contains(why, "musl") {
		t.Errorf("alpine:3.20 should have no Chainguard equivalent, because of musl: %q", why)
	}
}

// TestHardenedTargetsKnown checks every equivalent against images.json:
// the images DF105 moves to must be known there, with the facts the rules
// rely on (no shell and no package manager in the runtime images, apk in
// the shell variants, nonroot unless it is wolfi-base).
func TestHardenedTargetsKnown(t *testing.T) {
	for _, e := range hardenedDB().Equivalents {
		var refs []string
		for _, d := range e.Distroless {
			refs = append(refs, hardenedDB().Registries[FamilyDistroless]+"/"+d.Image)
		}
		if e.Chainguard != nil {
			refs = append(refs, hardenedDB().Registries[FamilyChainguard]+"/"+e.Chainguard.Image)
		}
		for _, ref := range refs {
			i := lookup(t, ref)
			if i.Kind != Minimal || i.PackageManager != "none" || i.RunsAsRoot() {
				t.Errorf("%s (for %s): images.json says kind=%q pm=%q user=%q; want a minimal nonroot image without a package manager", ref, e.Family, i.Kind, i.PackageManager, i.User)
			}
		}
		if e.Chainguard != nil && e.Chainguard.Shell != "" {
			ref := hardenedDB().Registries[FamilyChainguard] + "/" + e.Chainguard.Shell
			if i := lookup(t, ref); i.PackageManager != "apk" || i.OS != Wolfi {
				t.Errorf("%s (for %s): images.json says os=%q pm=%q; want Wolfi with apk", ref, e.Family, i.OS, i.PackageManager)
			}
		}
	}
}

func TestAlpineTag(t *testing.T) {
	tests := map[string]string{
		"python:3.12":                  "3.12-alpine",
		"python:3.11-bookworm":         "3.11-alpine",
		"python":                       "alpine",
		"python:3.12-slim":             "3.12-alpine",
		"python:3.12-slim-bookworm":    "3.12-alpine",
		"python:slim":                  "alpine",
		"python:3.15-rc-slim":          "3.15-rc-alpine",
		"node:22-slim":                 "22-alpine",
		"node:22-bookworm-slim":        "22-alpine",
		"node:bookworm-slim":           "alpine",
		"ruby:3.3-slim-bookworm":       "3.3-alpine",
		"eclipse-temurin:21-jre":       "21-jre-alpine",
		"eclipse-temurin:21-jre-noble": "21-jre-alpine",
		"perl:5.38-slim":               "",
		"debian:bookworm-slim":         "",
		"python:3.12-alpine":           "",
		"node:20":                      "20-alpine",
		"node:lts-bookworm":            "lts-alpine",
		"ruby:3.3":                     "3.3-alpine",
		"eclipse-temurin:21-jdk":       "21-jre-alpine",
		"eclipse-temurin:21":           "21-jre-alpine",
		"eclipse-temurin:17-jdk-jammy": "17-jre-alpine",
		"debian:bookworm":              "",
		"perl:5.38":                    "",
	}
	for ref, want := range tests {
		got, ok := lookup(t, ref).AlpineTag()
		if ok != (want != "") || got != want {
			t.Errorf("%s: AlpineTag() = %q, %v; want %q", ref, got, ok, want)
		}
	}
}

func TestApkPackage(t *testing.T) {
	tests := []struct {
		from, name string
		os         OS
		want       []string
		known      bool
	}{
		{"apt", "build-essential", Alpine, []string{"build-base"}, true},
		{"apt", "build-essential", Wolfi, []string{"build-base"}, true},
		{"apt", "libpq-dev", Alpine, []string{"libpq-dev"}, true},
		{"apt", "libpq-dev", Wolfi, []string{"postgresql-dev"}, true},
		{"apt", "libssl-dev", Wolfi, []string{"openssl-dev"}, true},
		{"apt", "python3", Wolfi, []string{"python-3"}, true},
		{"apt", "apt-transport-https", Alpine, nil, true},
		{"apt", "g++", Alpine, []string{"g++"}, true},
		{"apt", "g++", Wolfi, []string{"gcc"}, true}, // Wolfi's gcc ships g++
		{"apt", "libnosuchthing-dev", Alpine, nil, false},
		{"apt", "libcurl4", Alpine, []string{"libcurl"}, true},
		{"apt", "libcurl4", Wolfi, []string{"libcurl-openssl4"}, true},
		{"apt", "libsqlite3-0", Wolfi, []string{"sqlite-libs"}, true},
		{"apt", "libc6", Wolfi, nil, true}, // the C library comes with the base
		{"apt", "python", Alpine, nil, false},
		{"apt", "libz3-dev", Alpine, []string{"z3-dev"}, true},
		{"apt", "libz3-dev", Wolfi, nil, false},
		{"apt", "libstdc++-12-dev", Wolfi, []string{"libstdc++-dev"}, true}, // the compiler-versioned names
		{"rpm", "openssl-devel", Alpine, []string{"openssl-dev"}, true},
		{"rpm", "gcc-c++", Alpine, []string{"g++"}, true},
		{"rpm", "shadow-utils.x86_64", Wolfi, nil, true}, // the architecture suffix goes
		{"rpm", "glibc-static", Wolfi, nil, false},
		{"apk", "icu-libs", Wolfi, []string{"icu"}, true},
		{"apk", "musl-locales", Wolfi, []string{"glibc-locales"}, true}, // provided by glibc-2.43-locales
		{"apk", "curl", Wolfi, []string{"curl"}, true},
		{"apk", "tar", Wolfi, []string{"gnutar"}, true},
	}
	for _, tt := range tests {
		got := ApkPackage(tt.from, tt.name, tt.os)
		if got.Known != tt.known || !reflect.DeepEqual(got.Names, tt.want) && len(got.Names)+len(tt.want) > 0 {
			t.Errorf("ApkPackage(%s, %s, %s) = %+v; want %v known=%v", tt.from, tt.name, tt.os, got, tt.want, tt.known)
		}
	}
	if why, ok := DebianOnlyCommand("usermod"); !ok || why == "" {
		t.Error("usermod should be a Debian-only command with advice")
	}
	if _, ok := DebianOnlyCommand("useradd"); ok {
		t.Error("useradd is converted to BusyBox adduser (rewrite/busyboxusers.go), not refused")
	}
}

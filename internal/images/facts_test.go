package images

import (
	"reflect"
	"strings"
	"testing"
)

// The image facts (shells, users, entrypoint and cmd, libc, package
// manager) of real references, one test per kind of fact. The expected
// values are the sources' (see each family's source in images.json).

func TestShellFacts(t *testing.T) {
	for _, tc := range []struct {
		ref   string
		known bool
		// shells the image must have, and must not have
		has, hasNot []string
	}{
		{"cgr.dev/chainguard/python:latest", true, nil, []string{"/bin/sh", "/bin/bash"}},
		{"cgr.dev/chainguard/jre:latest", true, nil, []string{"/bin/sh"}},
		{"cgr.dev/chainguard/nginx:latest", true, nil, []string{"/bin/sh"}},
		{"cgr.dev/chainguard/static:latest", true, nil, []string{"/bin/sh"}},
		// The Chainguard node, jdk, go, rust and maven runtime images carry
		// BusyBox.
		{"cgr.dev/chainguard/node:latest", true, []string{"/bin/sh"}, []string{"/bin/bash"}},
		{"cgr.dev/chainguard/go:latest", true, []string{"/bin/sh"}, []string{"/bin/bash"}},
		// -dev: BusyBox sh and bash.
		{"cgr.dev/chainguard/python:latest-dev", true, []string{"/bin/sh", "/bin/bash"}, nil},
		{"cgr.dev/chainguard/jre:latest-dev", true, []string{"/bin/sh", "/bin/bash"}, nil},
		{"cgr.dev/chainguard/wolfi-base:latest", true, []string{"/bin/sh", "/bin/ash"}, []string{"/bin/bash"}},
		{"gcr.io/distroless/java21-debian12:nonroot", true, nil, []string{"/bin/sh", "/busybox/sh"}},
		{"gcr.io/distroless/base-debian13:debug-nonroot", true, []string{"/busybox/sh"}, []string{"/bin/sh"}},
		{"python:3.12-slim", true, []string{"/bin/sh", "/bin/bash", "/bin/dash"}, nil},
		{"python:3.12-alpine", true, []string{"/bin/sh", "/bin/ash"}, []string{"/bin/bash"}},
		{"node:22-alpine3.23", true, []string{"/bin/sh"}, []string{"/bin/bash"}},
		{"eclipse-temurin:21-jre", true, []string{"/bin/bash"}, nil},
		{"registry.access.redhat.com/ubi9/ubi", true, []string{"/bin/bash"}, nil},
		{"scratch", true, nil, []string{"/bin/sh"}},
		// Not in the data: unknown, not "no shell".
		{"cgr.dev/chainguard/cosign:latest", false, nil, nil},
		{"eclipse-temurin:21-jre-ubi9-minimal", false, nil, nil},
		{"python:3.12-windowsservercore-ltsc2022", false, nil, nil},
		{"tinygo/tinygo:0.33.0", false, nil, nil},
	} {
		i := lookup(t, tc.ref)
		if i.ShellsKnown != tc.known {
			t.Errorf("%s: ShellsKnown = %v, want %v", tc.ref, i.ShellsKnown, tc.known)
			continue
		}
		for _, sh := range tc.has {
			if has, _ := i.HasShellAt(sh); !has {
				t.Errorf("%s: no %s in %v", tc.ref, sh, i.Shells)
			}
		}
		for _, sh := range tc.hasNot {
			if has, _ := i.HasShellAt(sh); has {
				t.Errorf("%s: has %s", tc.ref, sh)
			}
		}
		if has, _ := i.HasShell(); tc.known && has != (len(tc.has) > 0) {
			t.Errorf("%s: HasShell = %v with shells %v", tc.ref, has, i.Shells)
		}
	}
}

func TestUserFacts(t *testing.T) {
	for _, tc := range []struct {
		ref      string
		runsAs   string
		has      map[string]string // name → uid the image must have
		hasNot   []string
		nonroot  string // NonrootUser as name:uid, "" for none
		unknownU bool   // the image's users are not in the data
	}{
		{"node:20", "root", map[string]string{"root": "0", "node": "1000", "www-data": "33", "_apt": "42", "nobody": "65534"}, []string{"nonroot", "ubuntu"}, "node:1000", false},
		{"python:3.12-slim-trixie", "root", map[string]string{"root": "0"}, []string{"node", "nonroot", "gnats"}, "", false},
		{"ubuntu:24.04", "root", map[string]string{"ubuntu": "1000", "_apt": "42"}, nil, "", false},
		{"ubuntu:latest", "root", map[string]string{"ubuntu": "1000"}, nil, "", false},
		{"eclipse-temurin:21-jre", "root", map[string]string{"ubuntu": "1000"}, nil, "", false},
		// gradle renames the ubuntu user to gradle on noble and resolute.
		{"gradle:jdk21", "root", map[string]string{"gradle": "1000"}, []string{"ubuntu"}, "gradle:1000", false},
		{"gcr.io/distroless/static-debian12:nonroot", "nonroot", map[string]string{"root": "0", "nobody": "65534", "nonroot": "65532"}, []string{"app"}, "nonroot:65532", false},
		{"cgr.dev/chainguard/python:latest", "nonroot", map[string]string{"nonroot": "65532", "root": "0", "nobody": "65534"}, []string{"node"}, "nonroot:65532", false},
		// Chainguard's node, jre and nginx name their UID 65532 after
		// themselves: there is no nonroot account to USER or --chown to.
		{"cgr.dev/chainguard/node:latest", "node", map[string]string{"node": "65532"}, []string{"nonroot"}, "node:65532", false},
		{"cgr.dev/chainguard/jre:latest-dev", "java", map[string]string{"java": "65532"}, []string{"nonroot"}, "java:65532", false},
		{"cgr.dev/chainguard/nginx:latest", "nginx", map[string]string{"nginx": "65532"}, []string{"nonroot"}, "nginx:65532", false},
		{"cgr.dev/chainguard/wolfi-base:latest", "root", map[string]string{"root": "0", "nonroot": "65532"}, nil, "nonroot:65532", false},
		{"cgr.dev/chainguard/go:latest-dev", "root", map[string]string{"nonroot": "65532"}, nil, "", false},
		{"python:3.12-alpine", "root", nil, nil, "", true},
		{"ubuntu:22.04", "root", nil, nil, "", true},
		{"node:22-bullseye", "root", nil, nil, "node:1000", true},
	} {
		i := lookup(t, tc.ref)
		if i.User != tc.runsAs || !i.UserKnown {
			t.Errorf("%s: User = %q (known %v), want %q", tc.ref, i.User, i.UserKnown, tc.runsAs)
		}
		if i.UsersKnown == tc.unknownU {
			t.Errorf("%s: UsersKnown = %v", tc.ref, i.UsersKnown)
			continue
		}
		for name, uid := range tc.has {
			if has, _ := i.HasUser(name); !has {
				t.Errorf("%s: no user %s", tc.ref, name)
			}
			found := false
			for _, u := range i.Users {
				found = found || u.Name == name && u.UID == uid
			}
			if !found {
				t.Errorf("%s: no user %s:%s in %v", tc.ref, name, uid, i.Users)
			}
		}
		for _, name := range tc.hasNot {
			if has, known := i.HasUser(name); has || !known {
				t.Errorf("%s: HasUser(%s) = %v, %v; want false, true", tc.ref, name, has, known)
			}
		}
		name, uid, ok := i.NonrootUser()
		if got := name + ":" + uid; ok != (tc.nonroot != "") || ok && got != tc.nonroot {
			t.Errorf("%s: NonrootUser = %s (%v), want %q", tc.ref, got, ok, tc.nonroot)
		}
	}
}

func TestConfigFacts(t *testing.T) {
	none := []string{}
	for _, tc := range []struct {
		ref             string
		entrypoint, cmd []string // nil: config unknown
	}{
		{"cgr.dev/chainguard/python:latest", []string{"/usr/bin/python"}, none},
		{"cgr.dev/chainguard/python:latest-dev", []string{"/usr/bin/python"}, none},
		{"cgr.dev/chainguard/node:latest", []string{"/usr/bin/node"}, []string{"--help"}},
		{"cgr.dev/chainguard/jre:latest", []string{"/usr/bin/java"}, none},
		{"cgr.dev/chainguard/nginx:latest", []string{"/usr/sbin/nginx"}, []string{"-c", "/etc/nginx/nginx.conf", "-e", "/dev/stderr", "-g", "daemon off;"}},
		{"cgr.dev/chainguard/wolfi-base:latest", none, []string{"/bin/sh", "-l"}},
		{"cgr.dev/chainguard/go:latest-dev", []string{"/usr/bin/go"}, []string{"help"}},
		{"gcr.io/distroless/java21-debian12", []string{"/usr/bin/java", "-jar"}, none},
		{"gcr.io/distroless/java25-debian13:nonroot", []string{"/usr/bin/java", "-jar"}, none},
		{"gcr.io/distroless/python3-debian12:nonroot", []string{"/usr/bin/python3.11"}, none},
		{"gcr.io/distroless/python3-debian13:debug", []string{"/usr/bin/python3.13"}, none},
		{"gcr.io/distroless/nodejs22-debian13:nonroot", []string{"/nodejs/bin/node"}, none},
		{"gcr.io/distroless/static-debian12:nonroot", none, none},
		{"gcr.io/distroless/static-debian12:debug", []string{"/busybox/sh"}, none},
		{"python:3.12", none, []string{"python3"}},
		{"python:3.12-alpine", none, []string{"python3"}},
		{"node:22-bookworm-slim", []string{"docker-entrypoint.sh"}, []string{"node"}},
		{"ruby:3.3", none, []string{"irb"}},
		{"php:8.3-cli", []string{"docker-php-entrypoint"}, []string{"php", "-a"}},
		{"php:8.3-fpm-alpine", []string{"docker-php-entrypoint"}, []string{"php-fpm"}},
		{"php:8.3-apache", []string{"docker-php-entrypoint"}, []string{"apache2-foreground"}},
		{"golang:1.27", none, []string{"bash"}},
		{"golang:1.27-alpine", none, []string{"/bin/sh"}},
		{"rust:1-slim-trixie", none, []string{"bash"}},
		{"gcc:16", none, []string{"bash"}},
		{"eclipse-temurin:21-jdk", []string{"/__cacert_entrypoint.sh"}, []string{"jshell"}},
		{"eclipse-temurin:21-jre", []string{"/__cacert_entrypoint.sh"}, []string{"/bin/bash"}},
		{"eclipse-temurin:21-jre-alpine", []string{"/__cacert_entrypoint.sh"}, []string{"/bin/sh"}},
		{"openjdk:28-ea-slim", none, []string{"jshell"}},
		{"maven:3-eclipse-temurin-21", []string{"/usr/local/bin/mvn-entrypoint.sh"}, []string{"mvn"}},
		{"gradle:jdk21", []string{"/__cacert_entrypoint.sh"}, []string{"gradle"}},
		{"debian:trixie-slim", none, []string{"bash"}},
		{"ubuntu:24.04", none, []string{"/bin/bash"}},
		{"alpine:3.24", none, []string{"/bin/sh"}},
		{"busybox:1.38", none, []string{"sh"}},
		{"scratch", none, none},
		{"perl:5.44", nil, nil},
		{"pypy:3.10", nil, nil},
		{"eclipse-temurin:21-jre-ubi9-minimal", nil, nil},
		{"cgr.dev/chainguard/cosign:latest", nil, nil},
	} {
		i := lookup(t, tc.ref)
		if known := tc.entrypoint != nil; i.ConfigKnown != known {
			t.Errorf("%s: ConfigKnown = %v, want %v", tc.ref, i.ConfigKnown, known)
			continue
		}
		if !i.ConfigKnown {
			continue
		}
		if len(i.Entrypoint) != len(tc.entrypoint) || len(i.Entrypoint) > 0 && !reflect.DeepEqual(i.Entrypoint, tc.entrypoint) {
			t.Errorf("%s: Entrypoint = %q, want %q", tc.ref, i.Entrypoint, tc.entrypoint)
		}
		if len(i.Cmd) != len(tc.cmd) || len(i.Cmd) > 0 && !reflect.DeepEqual(i.Cmd, tc.cmd) {
			t.Errorf("%s: Cmd = %q, want %q", tc.ref, i.Cmd, tc.cmd)
		}
	}
}

func TestLibcFacts(t *testing.T) {
	for ref, want := range map[string]string{
		"python:3.12-alpine":                      "musl",
		"python:3.12-slim":                        "glibc",
		"golang:1.27-alpine3.24":                  "musl",
		"gcr.io/distroless/static-debian13":       "none",
		"gcr.io/distroless/cc-debian13:nonroot":   "glibc",
		"cgr.dev/chainguard/static:latest":        "none",
		"cgr.dev/chainguard/busybox-static":       "none",
		"cgr.dev/chainguard/glibc-dynamic:latest": "glibc",
		"cgr.dev/chainguard/python:latest-dev":    "glibc",
		"busybox:musl":                            "musl",
		"scratch":                                 "none",
		"example.com/unknown:1":                   "",
	} {
		if got := lookup(t, ref).Libc; got != want {
			t.Errorf("%s: Libc = %q, want %q", ref, got, want)
		}
	}
}

// TestPackageManagerFacts covers the package managers the sources
// contradict older data on, and how users are added on Wolfi.
func TestPackageManagerFacts(t *testing.T) {
	for ref, want := range map[string]string{
		"cgr.dev/chainguard/go:latest":         "none", // BusyBox but no apk-tools
		"cgr.dev/chainguard/go:latest-dev":     "apk",
		"cgr.dev/chainguard/gcc-glibc:latest":  "none",
		"cgr.dev/chainguard/node:latest":       "none",
		"cgr.dev/chainguard/node:latest-dev":   "apk",
		"cgr.dev/chainguard/wolfi-base:latest": "apk",
		"openjdk:28-ea-trixie":                 "apt", // the Debian tags name trixie now
		"openjdk:28-ea-oraclelinux10":          "microdnf",
	} {
		if got := lookup(t, ref).PackageManager; got != want {
			t.Errorf("%s: PackageManager = %q, want %q", ref, got, want)
		}
	}
	// Wolfi -dev images and wolfi-base have BusyBox's adduser and no shadow.
	for _, ref := range []string{"cgr.dev/chainguard/python:latest-dev", "cgr.dev/chainguard/wolfi-base:latest"} {
		if tool, pkg, ok := lookup(t, ref).UserCreation(); !ok || tool != "busybox" || pkg != "" {
			t.Errorf("%s: UserCreation = %q, %q, %v; want busybox", ref, tool, pkg, ok)
		}
	}
	if i := lookup(t, "mcr.microsoft.com/dotnet/aspnet:10.0"); i.OS != Ubuntu {
		t.Errorf("aspnet:10.0: OS = %q, want ubuntu (.NET 10 has no Debian images)", i.OS)
	}
	if i := lookup(t, "mcr.microsoft.com/dotnet/aspnet:8.0"); i.OS != Debian {
		t.Errorf("aspnet:8.0: OS = %q, want debian", i.OS)
	}
}

// TestUnknownForgets checks a variant's unknown list: the -alpine tag of a
// family that knows its Debian users does not claim them.
func TestUnknownForgets(t *testing.T) {
	db, err := parse([]byte(`{
		"commonVariants": [{"tag": "(^|-)alpine", "shells": ["/bin/sh"], "unknown": ["users"], "source": "s"}],
		"families": [{"name": "x", "repositories": ["x"], "shells": ["/bin/bash"], "users": ["root:0"], "cmd": ["x"], "source": "s",
			"variants": [{"tag": "^odd", "unknown": ["config", "libc"]}, {"tag": "-known$", "users": ["x:1"]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	var f *family
	for _, fam := range db.Families {
		f = fam
	}
	facts := func(tag string) traits {
		var t traits
		for _, v := range db.CommonVariants {
			if v.matches("x", tag) {
				t.apply(&v.traits)
			}
		}
		base := f.traits
		base.apply(&t)
		for _, v := range f.Variants {
			if v.matches("x", tag) {
				base.apply(&v.traits)
			}
		}
		return base
	}
	if got := facts("1"); got.Users == nil || got.Cmd == nil {
		t.Errorf("1: %+v", got)
	}
	if got := facts("1-alpine"); got.Users != nil || (*got.Shells)[0] != "/bin/sh" || got.Cmd == nil {
		t.Errorf("1-alpine: users %v, shells %v, cmd %v", got.Users, got.Shells, got.Cmd)
	}
	if got := facts("1-alpine-known"); got.Users == nil || (*got.Users)[0] != "x:1" {
		t.Errorf("1-alpine-known: users %v", got.Users)
	}
	if got := facts("odd"); got.Cmd != nil || got.Entrypoint != nil || got.Users == nil {
		t.Errorf("odd: %+v", got)
	}
	if _, err := parse([]byte(`{"families": [{"name": "x", "repositories": ["x"], "variants": [{"tag": "a", "unknown": ["user"]}]}]}`)); err == nil || !strings.Contains(err.Error(), "unknown") {
		t.Errorf("unknown fact name accepted: %v", err)
	}
}

// hardenedRefs are the image references hardened.json writes: the distroless
// and Chainguard equivalents, with their shell variants.
func hardenedRefs() []string {
	db := hardenedDB()
	var refs []string
	for _, e := range db.Equivalents {
		for _, d := range e.Distroless {
			refs = append(refs, db.Registries[FamilyDistroless]+"/"+d.Image)
		}
		if e.Chainguard != nil {
			refs = append(refs, db.Registries[FamilyChainguard]+"/"+e.Chainguard.Image)
			if e.Chainguard.Shell != "" {
				refs = append(refs, db.Registries[FamilyChainguard]+"/"+e.Chainguard.Shell)
			}
		}
	}
	return refs
}

// rewriteRefs are the references the rewrites (rewrite/*.go, rules/df201)
// write besides hardened.json's, as of 2026-12-07.
var rewriteRefs = []string{
	"gcr.io/distroless/static-debian12:nonroot",
	"gcr.io/distroless/cc-debian12:nonroot",
	"gcr.io/distroless/cc-debian13:nonroot",
	"gcr.io/distroless/java17-debian12:nonroot",
	"gcr.io/distroless/java21-debian12:nonroot",
	"gcr.io/distroless/java25-debian13:nonroot",
	"cgr.dev/chainguard/nginx:latest",
	"cgr.dev/chainguard/go:latest-dev",
	"cgr.dev/chainguard/python:latest-dev",
	"cgr.dev/chainguard/node:latest-dev",
}

// TestWrittenImagesKnown: every image the rewrites move a Dockerfile to has
// known shells, users and config, so that the rules can tell whether RUN,
// USER and CMD still work there.
func TestWrittenImagesKnown(t *testing.T) {
	for _, ref := range append(hardenedRefs(), rewriteRefs...) {
		i := lookup(t, ref)
		if !i.ShellsKnown || !i.UsersKnown || !i.ConfigKnown || i.Libc == "" || i.Source == "" {
			t.Errorf("%s (family %s): shells known %v, users known %v, config known %v, libc %q, source %q",
				ref, i.Family, i.ShellsKnown, i.UsersKnown, i.ConfigKnown, i.Libc, i.Source)
		}
		if !i.RunsAsRoot() {
			if has, _ := i.HasUser(i.User); !has {
				t.Errorf("%s runs as %s, which its /etc/passwd does not have", ref, i.User)
			}
		}
	}
}

// TestWrittenImagesPublished checks the names written against the recorded
// registry contents: each exists, and for distroless the ones no longer
// rebuilt are recorded as such.
func TestWrittenImagesPublished(t *testing.T) {
	pub := hardenedDB().Published
	for _, fam := range []string{FamilyDistroless, FamilyChainguard} {
		if p := pub[fam]; p == nil || p.Source == "" || len(p.Images) == 0 {
			t.Fatalf("hardened.json: no published images for %s", fam)
		}
	}
	for _, ref := range append(hardenedRefs(), rewriteRefs...) {
		i := lookup(t, ref)
		tag := i.Ref.Tag
		fam, name, ok := hardenedName(i.Ref)
		if !ok {
			t.Errorf("%s: neither distroless nor Chainguard", ref)
			continue
		}
		tags, current := pub[fam].Images[name]
		stale, old := pub[fam].NoLongerUpdated[name]
		switch {
		case !current && !old:
			t.Errorf("%s: %s has no image %s", ref, fam, name)
		case current && tag != "" && !contains(tags, tag):
			t.Errorf("%s: %s/%s has no tag %s (tags %v)", ref, fam, name, tag, tags)
		case old && stale == "":
			t.Errorf("%s: no longer updated, but the data does not say since when", ref)
		}
	}
	// The Debian 12 language images are no longer rebuilt.
	for _, name := range []string{"python3-debian12", "java21-debian12", "nodejs22-debian12"} {
		if _, current := pub[FamilyDistroless].Images[name]; current || pub[FamilyDistroless].NoLongerUpdated[name] == "" {
			t.Errorf("distroless %s: recorded as current", name)
		}
	}
}

// TestOSFromTag covers tags whose OS the family's default got wrong.
func TestOSFromTag(t *testing.T) {
	for _, tc := range []struct {
		ref string
		os  OS
		pm  string
	}{
		{"eclipse-temurin:21-jre-ubi9-minimal", RHEL, "microdnf"},
		{"eclipse-temurin:21-jdk-ubi9", RHEL, "dnf"},
		{"maven:3-amazoncorretto-21", AmazonLinux, "dnf"},
		{"maven:3-amazoncorretto-21-al2023", AmazonLinux, "dnf"},
		{"maven:3-amazoncorretto-21-debian-trixie", Debian, "apt"},
		{"maven:3-amazoncorretto-21-alpine", Alpine, "apk"},
		{"maven:3-eclipse-temurin-21", Ubuntu, "apt"},
	} {
		if i := lookup(t, tc.ref); i.OS != tc.os || i.PackageManager != tc.pm {
			t.Errorf("%s: OS %q, package manager %q; want %q, %q", tc.ref, i.OS, i.PackageManager, tc.os, tc.pm)
		}
	}
}

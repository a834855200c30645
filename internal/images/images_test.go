package images

import (
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

func lookup(t *testing.T, s string) Info {
	t.Helper()
	ref, err := parser.ParseImageRef(s)
	if err != nil {
		t.Fatalf("ParseImageRef(%q): %v", s, err)
	}
	return Lookup(ref)
}

func TestDataParses(t *testing.T) {
	if _, err := parse(data); err != nil {
		t.Fatal(err)
	}
}

func TestParseRejectsBadData(t *testing.T) {
	for _, bad := range []string{
		`{"families": [{"name": "x", "repositories": ["x"], "unknownField": 1}]}`,
		`{"families": [{"name": "x", "repositories": []}]}`,
		`{"families": [{"name": "x", "repositories": ["x"]}, {"name": "x", "repositories": ["y"]}]}`,
		`{"families": [{"name": "x", "repositories": ["x"], "slimTag": [{"match": "(", "replace": ""}]}]}`,
		`{"families": [{"name": "x", "repositories": ["x"], "kind": "toolchain"}]}`,
		// DF301 would switch to root (issue 17).
		`{"families": [{"name": "x", "repositories": ["x"], "nonrootUser": "admin:00"}]}`,
		`{"families": [{"name": "x", "repositories": ["x"], "nonrootUser": "root:1000"}]}`,
		`{"families": [{"name": "x", "repositories": ["x"], "variants": [{"tag": "a", "nonrootUser": "app"}]}]}`,
	} {
		if _, err := parse([]byte(bad)); err == nil {
			t.Errorf("parse accepted %s", bad)
		}
	}
}

func TestLookupFacts(t *testing.T) {
	tests := []struct {
		ref    string
		family string
		kind   Kind
		os     OS
		pm     string
		user   string
		slim   bool
	}{
		{"python:3.12", "python", Language, Debian, "apt", "root", false},
		{"python:3.12-alpine", "python", Language, Alpine, "apk", "root", true},
		{"python:3.12-slim-bookworm", "python", Language, Debian, "apt", "root", true},
		{"docker.io/library/python:3.12", "python", Language, Debian, "apt", "root", false},
		{"arm64v8/python:3.12", "python", Language, Debian, "apt", "root", false},
		{"public.ecr.aws/docker/library/node:20", "node", Language, Debian, "apt", "root", false},
		{"python:3.12-windowsservercore-ltsc2022", "python", Language, Windows, "none", "root", false},
		{"golang:1.22", "golang", Toolchain, Debian, "apt", "root", false},
		{"golang:1.22-alpine", "golang", Toolchain, Alpine, "apk", "root", true},
		{"eclipse-temurin:21-jdk", "eclipse-temurin", Toolchain, Ubuntu, "apt", "root", false},
		{"eclipse-temurin:21-jre-alpine", "eclipse-temurin", Language, Alpine, "apk", "root", true},
		{"ubuntu:22.04", "ubuntu", Distro, Ubuntu, "apt", "root", false},
		{"alpine", "alpine", Distro, Alpine, "apk", "root", false},
		{"redhat/ubi9-minimal", "rhel-minimal", Distro, RHEL, "microdnf", "root", true},
		{"registry.access.redhat.com/ubi9/ubi:9.3", "rhel", Distro, RHEL, "dnf", "root", false},
		{"centos:7", "rhel", Distro, RHEL, "yum", "root", false},
		{"amazonlinux:2023", "amazonlinux", Distro, AmazonLinux, "dnf", "root", false},
		{"amazonlinux:2", "amazonlinux", Distro, AmazonLinux, "yum", "root", false},
		{"gcr.io/distroless/static-debian13", "distroless", Minimal, Distroless, "none", "root", true},
		{"gcr.io/distroless/static-debian13:nonroot", "distroless", Minimal, Distroless, "none", "nonroot", true},
		{"gcr.io/distroless/base-debian13:debug-nonroot", "distroless", Minimal, Distroless, "none", "nonroot", true},
		{"gcr.io/distroless/java17-debian13:latest", "distroless", Minimal, Distroless, "none", "root", true},
		{"cgr.dev/chainguard/python:latest", "chainguard", Minimal, Wolfi, "none", "nonroot", true},
		{"cgr.dev/chainguard/python:latest-dev", "chainguard", Minimal, Wolfi, "apk", "nonroot", true},
		{"cgr.dev/chainguard/wolfi-base", "chainguard-root", Distro, Wolfi, "apk", "root", true},
		{"cgr.dev/chainguard/go:latest", "golang", Toolchain, Wolfi, "none", "root", false},
		{"cgr.dev/chainguard/go:latest-dev", "golang", Toolchain, Wolfi, "apk", "root", false},
		{"nginxinc/nginx-unprivileged:stable-alpine", "nginx-unprivileged", Service, Alpine, "apk", "nginx", true},
		{"bitnami/redis:7.2", "bitnami", Service, Debian, "apt", "1001", false},
		{"bitnami/minideb:bookworm", "bitnami-minideb", Distro, Debian, "apt", "root", true},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", "dotnet-runtime", Language, Ubuntu, "none", "app", true},
		{"mcr.microsoft.com/windows/servercore:ltsc2022", "windows", Distro, Windows, "none", "ContainerAdministrator", false},
		{"mcr.microsoft.com/windows/nanoserver:ltsc2022", "windows", Distro, Windows, "none", "ContainerUser", false},
		{"quay.io/jupyter/base-notebook", "jupyter", Language, Ubuntu, "apt", "jovyan", false},
		{"mcr.microsoft.com/devcontainers/python:3.12", "devcontainer", DevContainer, Debian, "apt", "root", false},
		{"stefanscherer/node-windows:10", "windows-community", Distro, Windows, "none", "ContainerAdministrator", false},
		{"mcr.microsoft.com/dotnet/monitor/base:8.1.3-ubuntu-chiseled-amd64", "dotnet-runtime", Language, Ubuntu, "none", "app", true},
		{"example.com/team/app:1.0", "", Unknown, OSUnknown, "", "root", false},
		{"example.com/team/app:1.0-alpine", "", Unknown, Alpine, "apk", "root", true},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			i := lookup(t, tt.ref)
			if i.Family != tt.family || i.Kind != tt.kind || i.OS != tt.os || i.PackageManager != tt.pm || i.User != tt.user || i.Slim != tt.slim {
				t.Errorf("got family=%q kind=%q os=%q pm=%q user=%q slim=%v\nwant family=%q kind=%q os=%q pm=%q user=%q slim=%v",
					i.Family, i.Kind, i.OS, i.PackageManager, i.User, i.Slim,
					tt.family, tt.kind, tt.os, tt.pm, tt.user, tt.slim)
			}
			if i.Known() != (tt.family != "") {
				t.Errorf("Known() = %v", i.Known())
			}
		})
	}
}

func TestRunsAsRoot(t *testing.T) {
	for ref, want := range map[string]bool{
		"python:3.12":                               true,
		"example.com/unknown:1":                     true,
		"gcr.io/distroless/static-debian13:nonroot": false,
		"cgr.dev/chainguard/node:latest-dev":        false,
		"cgr.dev/chainguard/wolfi-base:latest":      true,
		"bitnami/postgresql:16":                     false,
	} {
		if got := lookup(t, ref).RunsAsRoot(); got != want {
			t.Errorf("%s: RunsAsRoot() = %v, want %v", ref, got, want)
		}
	}
	if lookup(t, "example.com/unknown:1").UserKnown {
		t.Error("an unknown image's user should not be known")
	}
	for u, want := range map[string]bool{"root": true, "0": true, "0:0": true, "root:root": true, "": true, "app": false, "1000:0": false, "nonroot:nonroot": false,
		// UID 0 written another way is still root (issue 17).
		"00": true, "000:app": true, "+0": true, "-0": true, "0x0": false, "10": false} {
		if IsRootUser(u) != want {
			t.Errorf("IsRootUser(%q) = %v", u, !want)
		}
	}
}

func TestSlimTag(t *testing.T) {
	tests := map[string]string{
		"python:3.12":                   "3.12-slim",
		"python:3.11-bookworm":          "3.11-slim-bookworm",
		"python:3":                      "3-slim",
		"python":                        "slim",
		"python:bookworm":               "slim-bookworm",
		"python:3.12-slim":              "",
		"python:3.12-alpine":            "",
		"python:3.6-onbuild":            "",
		"node:20":                       "20-slim",
		"node:20-bookworm":              "20-bookworm-slim",
		"node:lts":                      "lts-slim",
		"node:iron":                     "iron-slim",
		"node:latest":                   "slim",
		"node:20-alpine":                "",
		"ruby:3.3":                      "3.3-slim",
		"ruby:3.3-bookworm":             "3.3-slim-bookworm",
		"perl:5.38":                     "5.38-slim",
		"debian:bookworm":               "bookworm-slim",
		"debian:12":                     "12-slim",
		"debian:bookworm-20240110":      "bookworm-20240110-slim",
		"debian:latest":                 "stable-slim",
		"debian:bookworm-slim":          "",
		"eclipse-temurin:21":            "21-jre",
		"eclipse-temurin:21-jdk":        "21-jre",
		"eclipse-temurin:21-jdk-jammy":  "21-jre-jammy",
		"eclipse-temurin:17-jdk-alpine": "17-jre-alpine",
		"eclipse-temurin:8u392-b08-jdk": "8u392-b08-jre",
		"eclipse-temurin:21-alpine":     "21-jre-alpine",
		"eclipse-temurin:21-jre":        "",
		"openjdk:11":                    "11-jre-slim",
		"openjdk:8-jdk":                 "8-jre-slim",
		"openjdk:8-jdk-alpine":          "8-jre-alpine",
		"openjdk:11-jdk-slim":           "11-jre-slim",
		"openjdk:17":                    "",
		"openjdk:17-jdk-slim":           "",
		"golang:1.22":                   "",
		"ubuntu:22.04":                  "",
		"example.com/app:1":             "",
		"python@sha256:0000000000000000000000000000000000000000000000000000000000000000": "",
	}
	for ref, want := range tests {
		got, ok := lookup(t, ref).SlimTag()
		if ok != (want != "") || got != want {
			t.Errorf("%s: SlimTag() = %q, %v; want %q", ref, got, ok, want)
		}
	}
}

func TestRuntime(t *testing.T) {
	tests := map[string]string{
		"golang:1.22":                         "gcr.io/distroless/static-debian13:nonroot",
		"golang:1.22-alpine":                  "gcr.io/distroless/static-debian13:nonroot",
		"rust:1.77":                           "gcr.io/distroless/cc-debian13:nonroot",
		"gcc:13":                              "gcr.io/distroless/cc-debian13:nonroot",
		"maven:3.9-eclipse-temurin-17":        "eclipse-temurin:17-jre",
		"maven:3.9-eclipse-temurin-21-alpine": "eclipse-temurin:21-jre-alpine",
		"maven:3.9":                           "eclipse-temurin:21-jre",
		"gradle:8.5-jdk17":                    "eclipse-temurin:17-jre",
		"openjdk:17-jdk-slim":                 "eclipse-temurin:17-jre",
		"amazoncorretto:17":                   "eclipse-temurin:17-jre",
		"mcr.microsoft.com/dotnet/sdk:8.0":    "mcr.microsoft.com/dotnet/aspnet:8.0",
		"mcr.microsoft.com/dotnet/sdk:8.0.100-bookworm-slim": "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim",
		"python:3.12":            "",
		"eclipse-temurin:21-jre": "",
	}
	for ref, want := range tests {
		got, _, ok := lookup(t, ref).Runtime()
		if ok != (want != "") || got != want {
			t.Errorf("%s: Runtime() = %q, %v; want %q", ref, got, ok, want)
		}
	}
	if _, advice, _ := lookup(t, "golang:1.22").Runtime(); advice == "" {
		t.Error("golang should come with build advice (CGO_ENABLED=0)")
	}
	if img, ok := lookup(t, "node:20").StaticRuntime(); !ok || img == "" {
		t.Error("node should name a static-site runtime")
	}
}

func TestGlob(t *testing.T) {
	re := globRegexp("cgr.dev/*/go")
	for s, want := range map[string]bool{"cgr.dev/chainguard/go": true, "cgr.dev/a/b/go": false, "cgr.dev/chainguard/gox": false} {
		if re.MatchString(s) != want {
			t.Errorf("cgr.dev/*/go vs %q: want %v", s, want)
		}
	}
	if !globRegexp("gcr.io/**").MatchString("gcr.io/a/b/c") {
		t.Error("** should cross path elements")
	}
}

func TestNonrootUserAndUserCreation(t *testing.T) {
	for ref, want := range map[string]string{
		"node:20":                             "node:1000",
		"node:20-alpine":                      "node:1000",
		"gcr.io/distroless/python3-debian12":  "nonroot:65532",
		"cgr.dev/chainguard/wolfi-base":       "nonroot:65532",
		"mcr.microsoft.com/dotnet/aspnet:8.0": "app:1654",
		"python:3.12":                         "",
	} {
		name, uid, ok := lookup(t, ref).NonrootUser()
		got := ""
		if ok {
			got = name + ":" + uid
		}
		if got != want {
			t.Errorf("%s: NonrootUser = %q, want %q", ref, got, want)
		}
	}
	type how struct{ tool, pkg string }
	for ref, want := range map[string]*how{
		"python:3.12":                         {"useradd", ""},
		"python:3.12-alpine":                  {"busybox", ""},
		"ubuntu:24.04":                        {"useradd", ""},
		"rockylinux:9":                        {"useradd", ""},
		"redhat/ubi9-minimal":                 {"useradd", "shadow-utils"},
		"eclipse-temurin:21-jre-ubi9-minimal": {"useradd", "shadow-utils"},
		"amazonlinux:2023":                    {"useradd", "shadow-utils"},
		"busybox:1.36":                        {"busybox", ""},
		"gcr.io/distroless/static-debian13":   nil,
		"example.com/unknown:1":               nil,
	} {
		tool, pkg, ok := lookup(t, ref).UserCreation()
		switch {
		case want == nil && ok:
			t.Errorf("%s: UserCreation = %s %s, want none", ref, tool, pkg)
		case want != nil && (!ok || tool != want.tool || pkg != want.pkg):
			t.Errorf("%s: UserCreation = %q %q %v, want %q %q", ref, tool, pkg, ok, want.tool, want.pkg)
		}
	}
	if !lookup(t, "php:8.3-apache").DropsPrivileges || lookup(t, "php:8.3-fpm").DropsPrivileges {
		t.Error("php apache images start Apache as root, fpm images do not")
	}
}

// Every repository under cgr.dev, whichever family it falls in (go and gcc
// have their own), is one whose free tier has only floating tags.
func TestFloatingTagsOnly(t *testing.T) {
	for ref, want := range map[string]bool{
		"cgr.dev/chainguard/python:latest":     true,
		"cgr.dev/chainguard/go:latest-dev":     true,
		"cgr.dev/chainguard/gcc-glibc:latest":  true,
		"cgr.dev/chainguard/wolfi-base:latest": true,
		"cgr.dev/example.com/node:latest-dev":  true,
		"python:latest":                        false,
		"chainguard/wolfi-base:latest":         false,
		"gcr.io/distroless/static:latest":      false,
	} {
		if got := lookup(t, ref).FloatingTagsOnly; got != want {
			t.Errorf("%s: FloatingTagsOnly = %v, want %v", ref, got, want)
		}
	}
}

func TestImageFacts(t *testing.T) {
	for _, tc := range []struct {
		image     string
		shell     bool
		known     bool
		bash      bool
		userKnown bool
	}{
		{"cgr.dev/chainguard/python:latest", false, true, false, true},
		{"cgr.dev/chainguard/python:latest-dev", true, true, true, true},
		{"cgr.dev/chainguard/wolfi-base:latest", true, true, false, true},
		{"gcr.io/distroless/static-debian13:nonroot", false, true, false, true},
		{"gcr.io/distroless/base-debian13:debug", true, true, false, true},
		{"python:3.11", true, true, true, true},
		{"python:3.11-alpine", true, true, false, false},
		{"alpine:3.20", true, true, false, false},
		{"scratch", false, true, false, true},
		{"example.com/unknown:1", false, false, false, false},
	} {
		info := lookup(t, tc.image)
		has, known := info.HasShell()
		bash, _ := info.HasShellAt("/bin/bash")
		if has != tc.shell || known != tc.known || bash != tc.bash {
			t.Errorf("%s: HasShell = %v, %v, bash %v; want %v, %v, bash %v", tc.image, has, known, bash, tc.shell, tc.known, tc.bash)
		}
		if info.ShellsKnown && info.Source == "" {
			t.Errorf("%s: facts without a source", tc.image)
		}
		if _, uk := info.HasUser("nonroot"); uk != tc.userKnown {
			t.Errorf("%s: users known = %v, want %v", tc.image, uk, tc.userKnown)
		}
	}
	if has, _ := lookup(t, "gcr.io/distroless/static-debian13").HasUser("65532"); !has {
		t.Errorf("distroless has no UID 65532")
	}
	if has, known := lookup(t, "gcr.io/distroless/static-debian13").HasUser("app"); has || !known {
		t.Errorf("distroless: app = %v, %v; want false, true", has, known)
	}
	online := lookup(t, "python:3.11").WithConfig("1000", []string{"/entry"}, nil)
	if online.User != "1000" || !online.ConfigKnown || online.Entrypoint[0] != "/entry" {
		t.Errorf("WithConfig: %+v", online)
	}
}

func TestFactsNeedASource(t *testing.T) {
	_, err := parse([]byte(`{"families": [{"name": "x", "repositories": ["x"], "shells": []}]}`))
	if err == nil || !strings.Contains(err.Error(), "without a source") {
		t.Errorf("facts without a source: err = %v", err)
	}
	_, err = parse([]byte(`{"families": [{"name": "x", "repositories": ["x"], "users": ["root"], "source": "s"}]}`))
	if err == nil || !strings.Contains(err.Error(), "name:uid") {
		t.Errorf("malformed user: err = %v", err)
	}
}

func TestScratch(t *testing.T) {
	s := Scratch()
	if has, known := s.HasShell(); has || !known || s.Family != "scratch" {
		t.Errorf("Scratch() = %+v", s)
	}
}

func TestOfficialName(t *testing.T) {
	for in, want := range map[string]string{
		"python":                                "python",
		"docker.io/library/centos:7":            "centos",
		"public.ecr.aws/docker/library/openjdk": "openjdk",
		"arm32v7/openjdk:8-jre":                 "openjdk",
		"quay.io/centos/centos:stream9":         "",
		"bitnami/redis":                         "",
		"registry.example.com/python:3.12":      "",
	} {
		ref, err := parser.ParseImageRef(in)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := OfficialName(ref)
		if got != want || ok != (want != "") {
			t.Errorf("%s: got %q, %v; want %q", in, got, ok, want)
		}
	}
}

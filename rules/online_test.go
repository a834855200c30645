package rules

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	imagereg "github.com/dflint/dflint/internal/registry"
	"github.com/dflint/dflint/internal/registry/fakeregistry"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

const (
	digestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	digestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
	digestC = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
)

// testRegistry holds python, whose latest is 3.13.1 (also tagged 3.13 and
// 3), node with a latest-alpine, and a private image.
func testRegistry() *fakeregistry.Registry {
	return &fakeregistry.Registry{
		Digests: map[string]string{
			"python:latest": digestA, "python:3": digestA, "python:3.13": digestA, "python:3.13.1": digestA,
			"python:3.12": digestB, "python:3.12.8": digestB, "python:3.13-slim": digestC,
			"node:latest-alpine": digestC, "node:23.3.0-alpine": digestC, "node:23.3.0": digestB, "node:23-alpine": digestC,
			"ghcr.io/acme/app:1.2": digestB,
		},
		TagLists: map[string][]string{
			"python": {"3", "3.12", "3.12.8", "3.13", "3.13.1", "3.13-slim", "3.14.0rc1", "latest"},
			"node":   {"23-alpine", "23.3.0", "23.3.0-alpine", "latest", "latest-alpine"},
		},
	}
}

// lintOnline lints src with the given rules and a registry.
func lintOnline(t *testing.T, src string, reg Registry, opts Options, ids ...string) ([]Finding, []error) {
	t.Helper()
	opts.Select, opts.Today, opts.Registry = ids, testToday, reg
	e, err := NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	return e.Lint(context.Background(), parser.Parse("Dockerfile", []byte(src)))
}

// applied returns src with the finding's fix applied.
func applied(t *testing.T, src string, f Finding) string {
	t.Helper()
	if f.Fix == nil {
		t.Fatalf("%s: no fix", f.Message)
	}
	out := src
	for i := len(f.Fix.Edits) - 1; i >= 0; i-- {
		e := f.Fix.Edits[i]
		out = out[:e.Start] + e.NewText + out[e.End:]
	}
	return out
}

func TestDF103Cases(t *testing.T) {
	runCases(t, "DF103", []ruleCase{
		{name: "tag", src: "FROM python:3.12\n", want: 1},
		{name: "no tag", src: "FROM python\n", want: 1},
		{name: "two stages", src: "FROM golang:1.23 AS build\nFROM alpine:3.20\n", want: 2},
		{name: "from ARG", src: "ARG PY=3.12\nFROM python:${PY}\n", want: 1},
		{name: "digest", src: "FROM python:3.12@sha256:" + strings.Repeat("a", 64) + "\n", want: 0},
		{name: "digest only", src: "FROM python@sha256:" + strings.Repeat("a", 64) + "\n", want: 0},
		{name: "scratch", src: "FROM scratch\n", want: 0},
		{name: "stage", src: "FROM alpine:3.20@sha256:" + strings.Repeat("a", 64) + " AS base\nFROM base\n", want: 0},
		{name: "ARG without default", src: "ARG BASE\nFROM ${BASE}\n", want: 0},
	})
}

func TestDF103FixOnline(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"tag", "FROM python:3.12 AS app\n", "FROM python:3.12@" + digestB + " AS app\n"},
		{"long name", "FROM docker.io/library/python:3.12\n", "FROM docker.io/library/python:3.12@" + digestB + "\n"},
		{"no tag", "FROM python\n", "FROM python@" + digestA + "\n"},
		{"flags", "FROM --platform=$BUILDPLATFORM ghcr.io/acme/app:1.2\n", "FROM --platform=$BUILDPLATFORM ghcr.io/acme/app:1.2@" + digestB + "\n"},
		{"ARG tag", "ARG PY=3.12\nFROM python:${PY}\n", "ARG PY=3.12@" + digestB + "\nFROM python:${PY}\n"},
		{"ARG image", "ARG BASE=\"python:3.12\"\nFROM $BASE\n", "ARG BASE=\"python:3.12@" + digestB + "\"\nFROM $BASE\n"},
		{"ARG with others", "ARG X=1 PY=3.12\nFROM python:${PY}\n", "ARG X=1 PY=3.12@" + digestB + "\nFROM python:${PY}\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, errs := lintOnline(t, c.src, testRegistry(), Options{}, "DF103")
			if len(errs) > 0 || len(fs) != 1 {
				t.Fatalf("findings %v, errors %v", fs, errs)
			}
			if got := applied(t, c.src, fs[0]); got != c.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, c.want)
			}
			if fs[0].Fix.Applicability != Safe {
				t.Errorf("applicability %s, want safe", fs[0].Fix.Applicability)
			}
		})
	}
	// An ARG with another use, or used by two stages: reported, not fixed.
	for _, src := range []string{
		"ARG PY=3.12\nFROM python:${PY}\nRUN echo $PY\n",
		"ARG PY=3.12\nFROM python:${PY} AS a\nFROM python:${PY}\n",
		"ARG PY=3.12\nFROM python:${PY}\nARG PY\n",
		"ARG V=3\nFROM python:${V}.12\n",
	} {
		fs, _ := lintOnline(t, src, testRegistry(), Options{}, "DF103")
		for _, f := range fs {
			if f.Fix != nil {
				t.Errorf("%q: fix %+v offered, want none", src, f.Fix)
			}
		}
		if len(fs) == 0 {
			t.Errorf("%q: not reported", src)
		}
	}
}

// Offline (no Registry) the rule reports and offers nothing; a registry
// that fails makes an error of the file, once, not a finding's fix.
func TestDF103OfflineAndErrors(t *testing.T) {
	fs, errs := lintOnline(t, "FROM python:3.12\nFROM python:3.12\n", nil, Options{}, "DF103")
	if len(fs) != 2 || fs[0].Fix != nil || len(errs) != 0 {
		t.Errorf("offline: %v %v", fs, errs)
	}
	reg := testRegistry()
	reg.Err = errors.New("cannot look up python:3.12: 127.0.0.1:1 cannot be reached")
	fs, errs = lintOnline(t, "FROM python:3.12\nFROM python:3.12\n", reg, Options{}, "DF103")
	if len(fs) != 2 || fs[0].Fix != nil {
		t.Errorf("failing registry: findings %v", fs)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "cannot be reached") {
		t.Errorf("failing registry: errors %v, want the registry's error once", errs)
	}
	// Offline cache misses are not errors.
	reg.Err = imagereg.ErrNotCached
	if _, errs := lintOnline(t, "FROM python:3.12\n", reg, Options{}, "DF103"); len(errs) != 0 {
		t.Errorf("cache miss reported as an error: %v", errs)
	}
}

func TestDF103Update(t *testing.T) {
	old := "FROM python:3.12@" + digestA + "\n"
	fs, _ := lintOnline(t, old, testRegistry(), Options{}, "DF103")
	if len(fs) != 0 {
		t.Errorf("without UpdateDigests: %v", fs)
	}
	fs, _ = lintOnline(t, old, testRegistry(), Options{UpdateDigests: true}, "DF103")
	if len(fs) != 1 || fs[0].Fix == nil || fs[0].Fix.Applicability != Unsafe {
		t.Fatalf("outdated pin: %v", fs)
	}
	if got, want := applied(t, old, fs[0]), "FROM python:3.12@"+digestB+"\n"; got != want {
		t.Errorf("updated to\n%s, want\n%s", got, want)
	}
	current := "FROM python:3.12@" + digestB + "\n"
	if fs, _ := lintOnline(t, current, testRegistry(), Options{UpdateDigests: true}, "DF103"); len(fs) != 0 {
		t.Errorf("current pin reported: %v", fs)
	}
}

func TestLatestToVersionTag(t *testing.T) {
	cases := []struct{ name, rule, src, want string }{
		{"no tag", "DF101", "FROM python\n", "FROM python:3.13.1\n"},
		{"latest", "DF102", "FROM python:latest AS x\n", "FROM python:3.13.1 AS x\n"},
		{"latest-alpine", "DF102", "FROM node:latest-alpine\n", "FROM node:23.3.0-alpine\n"},
		{"ARG tag", "DF102", "ARG TAG=latest\nFROM python:${TAG}\n", "ARG TAG=3.13.1\nFROM python:${TAG}\n"},
		{"ARG image", "DF101", "ARG BASE=python\nFROM ${BASE}\n", "ARG BASE=python:3.13.1\nFROM ${BASE}\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, errs := lintOnline(t, c.src, testRegistry(), Options{}, c.rule)
			if len(errs) > 0 || len(fs) != 1 {
				t.Fatalf("findings %v, errors %v", fs, errs)
			}
			if got := applied(t, c.src, fs[0]); got != c.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, c.want)
			}
			if fs[0].Fix.Applicability != Unsafe {
				t.Errorf("applicability %s, want unsafe", fs[0].Fix.Applicability)
			}
		})
	}
	// No version tag with latest's digest: reported, no fix.
	reg := testRegistry()
	reg.Digests["python:latest"] = digestC
	delete(reg.Digests, "python:3.13-slim")
	fs, _ := lintOnline(t, "FROM python:latest\n", reg, Options{}, "DF102")
	if len(fs) != 1 || fs[0].Fix != nil {
		t.Errorf("no matching version: %v", fs)
	}
}

func TestDF301UsesImageConfig(t *testing.T) {
	reg := &fakeregistry.Registry{Images: map[string]imagereg.Image{
		"acme/runs-as-app:1": {User: "app", Config: []byte(`{}`)},
		"acme/root:1":        {User: "", Config: []byte(`{}`)},
		// dflint's image data says distroless :nonroot runs unprivileged;
		// this one's config says root: the config wins.
		"gcr.io/distroless/static-debian12:nonroot": {User: "0", Config: []byte(`{}`)},
	}}
	for src, want := range map[string]int{
		"FROM acme/runs-as-app:1\nCMD [\"/app\"]\n":                        0,
		"FROM acme/root:1\nCMD [\"/app\"]\n":                               1,
		"FROM gcr.io/distroless/static-debian12:nonroot\nCMD [\"/app\"]\n": 1,
	} {
		fs, errs := lintOnline(t, src, reg, Options{}, "DF301")
		if countRule(fs, "DF301") != want || len(errs) > 0 {
			t.Errorf("%q: %v %v, want %d findings", src, fs, errs, want)
		}
	}
	// Offline, the image data decides. (An image without a CMD of its
	// own is a base image, which DF301 leaves alone: see shipping_common.go.)
	if fs := lintWith(t, "FROM gcr.io/distroless/static-debian12:nonroot\nCMD [\"/app\"]\n", "DF301"); len(fs) != 0 {
		t.Errorf("offline distroless nonroot: %v", fs)
	}
}

func TestDF104SizeNote(t *testing.T) {
	reg := &fakeregistry.Registry{Images: map[string]imagereg.Image{
		"python:3.11":      {CompressedSize: 412_300_000, Config: []byte(`{}`)},
		"python:3.11-slim": {CompressedSize: 49_600_000, Config: []byte(`{}`)},
	}}
	fs, _ := lintOnline(t, "FROM python:3.11\nCMD [\"python\"]\n", reg, Options{}, "DF104")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "python:3.11 is 412 MB compressed; python:3.11-slim is 50 MB") {
		t.Errorf("DF104 online: %v", fs)
	}
	fs = lintWith(t, "FROM python:3.11\nCMD [\"python\"]\n", "DF104")
	if len(fs) != 1 || strings.Contains(fs[0].Message, "compressed") {
		t.Errorf("DF104 offline: %v", fs)
	}
}

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{999: "1 kB", 420_000: "420 kB", 3_250_000: "3.2 MB", 49_600_000: "50 MB"} {
		if got := formatSize(n); got != want {
			t.Errorf("formatSize(%d) = %s, want %s", n, got, want)
		}
	}
}

// The engine asks for every base once, up front; rules then find the
// answers held (the client dedups across files; here: within one).
func TestPrefetchAsksEachBaseOnce(t *testing.T) {
	reg := testRegistry()
	src := "FROM python:3.12 AS a\nFROM python:3.12 AS b\nFROM ghcr.io/acme/app:1.2\n"
	lintOnline(t, src, reg, Options{}, "DF103")
	n := 0
	for _, q := range reg.Asked() {
		if strings.Contains(q, "python:3.12") {
			n++
		}
	}
	// prefetch once, then DF103 once per stage (the real client memoises).
	if n != 3 {
		t.Errorf("asked %v", reg.Asked())
	}
}

func TestDF105SizeNote(t *testing.T) {
	reg := &fakeregistry.Registry{Images: map[string]imagereg.Image{
		"python:3.13-slim":                           {CompressedSize: 49_600_000, Config: []byte(`{}`)},
		"gcr.io/distroless/python3-debian13:nonroot": {CompressedSize: 18_200_000, Config: []byte(`{}`)},
	}}
	src := "FROM python:3.13-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n"
	fs, _ := lintOnline(t, src, reg, Options{BasePolicy: rewrite.BasePolicy{Family: "distroless"}}, "DF105")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "python:3.13-slim is 50 MB compressed; gcr.io/distroless/python3-debian13:nonroot is 18 MB") {
		t.Errorf("DF105 online: %v", fs)
	}
}

// The suggested image's size is an optional look-up: when the registry
// cannot describe it, the finding is still reported, with a note instead
// of the sizes, and the file gets no error (exit code per the findings).
func TestSizeNoteLookupFails(t *testing.T) {
	reg := &fakeregistry.Registry{Images: map[string]imagereg.Image{
		"python:3.11": {CompressedSize: 412_300_000, Config: []byte(`{}`)},
	}}
	fs, errs := lintOnline(t, "FROM python:3.11\nCMD [\"python\"]\n", reg, Options{}, "DF104")
	if len(errs) != 0 {
		t.Errorf("errors %v: a size the registry cannot give must not fail the file", errs)
	}
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "sizes not shown: the registry did not describe `python:3.11-slim`") || strings.Contains(fs[0].Message, "412 MB") {
		t.Errorf("findings %v, want DF104 with a note instead of the sizes", fs)
	}
}

// For dflint pin --offline, a question the cache cannot answer is an error
// of the file: a CI gate must not pass on what it could not check.
func TestCacheMissIsError(t *testing.T) {
	reg := testRegistry()
	reg.Err = fmt.Errorf("cannot look up python:3.12: %w", imagereg.ErrNotCached)
	_, errs := lintOnline(t, "FROM python:3.12\n", reg, Options{CacheMissIsError: true}, "DF103")
	if len(errs) != 1 || !errors.Is(errs[0], imagereg.ErrNotCached) {
		t.Errorf("errors %v, want the cache miss once", errs)
	}
}

// Online, the base image's configuration answers for its variables and
// UndefinedVar is BuildKit's: what the image does not set is reported,
// unset-safe forms included.
func TestUndefinedVarOnline(t *testing.T) {
	reg := &fakeregistry.Registry{Images: map[string]imagereg.Image{
		"acme/app:1": {Config: []byte(`{"config":{"Env":["APP_UID=1654"]}}`)},
	}}
	for src, want := range map[string]int{
		"FROM acme/app:1\nUSER $APP_UID\n":                0,
		"FROM acme/app:1\nUSER $NB_UID\n":                 1,
		"FROM acme/app:1\nENV RUNTIME_UID=${UID:-1000}\n": 1,
	} {
		fs, errs := lintOnline(t, src, reg, Options{}, "UndefinedVar")
		if countRule(fs, "buildkit/UndefinedVar") != want || len(errs) > 0 {
			t.Errorf("%q: %v %v, want %d findings", src, fs, errs, want)
		}
	}
	// Online, the message is BuildKit's own.
	fs, _ := lintOnline(t, "ARG V=1\nFROM acme/app:1\nCOPY a $V/\n", reg, Options{}, "UndefinedVar")
	if len(fs) != 1 || fs[0].Message != "Usage of undefined variable '$V'" {
		t.Errorf("online: %+v", fs)
	}
}

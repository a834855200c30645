package rewrite

import (
	"testing"

	"github.com/dflint/dflint/parser"
)

// TestSwapBaseGoldens moves the final image of testdata/baseswap/<case> to
// the table's target (see transform_golden_test.go for the format). The
// targets are the ones the rules pass: DF104 a tag of the same repository
// (slim, or alpine under the alpine policy: image and tag both set), DF105
// a hardened image by its full reference, with entrypoint set for the
// language images that run CMD through their own ENTRYPOINT. The fix's
// title is written the way DF105 writes it (FixTitle with the notes).
func TestSwapBaseGoldens(t *testing.T) {
	type swapCase struct {
		name string
		// image is the target; tag, when set, the new tag of the same
		// repository (only the tag's bytes change).
		image, tag string
		entrypoint bool
		title      string
	}
	cases := []swapCase{
		// DF104: only the tag's bytes change.
		{name: "slim-tag", image: "python:3.12-slim", tag: "3.12-slim", title: "Use `python:3.12-slim`"},
		// No tag yet: ":alpine" goes after the name, between the flags and AS.
		{name: "no-tag", image: "node:alpine", tag: "alpine"},
		// DF104 under the alpine policy: apt-get becomes apk, the apt-only
		// ENV goes.
		{name: "alpine-apt", image: "python:3.12-alpine", tag: "3.12-alpine",
			title: "Use `python:3.12-alpine`; package installs converted to `apk add --no-cache`"},
		// A bash SHELL: bash is installed first.
		{name: "alpine-bash", image: "node:20-alpine", tag: "20-alpine"},
		// The root stage of the chain is the one whose FROM changes.
		{name: "chained-stage", image: "python:3.12-slim", tag: "3.12-slim"},
		// DF105, Chainguard's variant with a shell: USER root for the RUN,
		// ENTRYPOINT [] for a CMD that names a program.
		{name: "chainguard-dev", image: "cgr.dev/chainguard/python:latest-dev", entrypoint: true,
			title: "Use `cgr.dev/chainguard/python:latest-dev`; `USER root` for the RUN steps (the image runs as nonroot); `ENTRYPOINT []` so that CMD runs as written"},
		// A build stage that is a target of its own (compose's `builder`)
		// gets ENTRYPOINT [] before its CMD; the final stage inherits it.
		{name: "chainguard-builder-target-cmd", image: "cgr.dev/chainguard/python:latest", entrypoint: true},
		// DF105, distroless: a CMD that names a script is left to the
		// image's ENTRYPOINT…
		{name: "distroless-script-cmd", image: "gcr.io/distroless/nodejs20-debian12:nonroot", entrypoint: true,
			title: "Use `gcr.io/distroless/nodejs20-debian12:nonroot`"},
		// …one that names a program gets ENTRYPOINT [], in the file's case.
		{name: "distroless-program-cmd", image: "gcr.io/distroless/python3-debian12:nonroot", entrypoint: true},
		// dnf on UBI to apk on wolfi-base (which runs as root: no USER).
		{name: "wolfi-dnf", image: "cgr.dev/chainguard/wolfi-base:latest"},

		// bash used outside a RUN, by a SHELL whose shell-form CMD runs
		// /bin/bash -c, and by an exec-form CMD: node:20-alpine has no
		// bash, so the swap installs it (the image has apk and runs as
		// root).
		{name: "alpine-bash-shell-no-run", image: "node:20-alpine", tag: "20-alpine"},
		{name: "alpine-bash-exec-cmd", image: "node:20-alpine", tag: "20-alpine"},
		// A package manager the conversion does not handle is refused,
		// not left to fail on the new image.
		{name: "refuse-tdnf-wolfi", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// On a shell-less or non-root target the swap is refused instead.
		{name: "refuse-bash-shell-wolfi-runtime", image: "cgr.dev/chainguard/node:latest"},

		// A RUN on an image without a shell.
		{name: "refuse-distroless-run", image: "gcr.io/distroless/python3-debian12:nonroot", entrypoint: true},
		// A shell-form CMD on an image without a shell.
		{name: "refuse-distroless-shell-cmd", image: "gcr.io/distroless/base-debian12:nonroot"},
		// A HEALTHCHECK in shell form on an image without a shell.
		{name: "refuse-distroless-healthcheck", image: "gcr.io/distroless/python3-debian12:nonroot", entrypoint: true},
		// USER and --chown name a user distroless does not have.
		{name: "refuse-distroless-unknown-user", image: "gcr.io/distroless/nodejs20-debian12:nonroot", entrypoint: true},
		// Another stage starts from the same root stage.
		{name: "refuse-shared-base", image: "python:3.12-slim", tag: "3.12-slim"},
		// The tag comes from an ARG.
		{name: "refuse-arg-tag", image: "python:3.12-slim", tag: "3.12-slim"},
		// dpkg has no apk equivalent.
		{name: "refuse-apk-dpkg", image: "cgr.dev/chainguard/wolfi-base:latest"},

		// Package names that exist on the target (issue 15): Debian's
		// runtime libraries get Wolfi's names (libcurl4 is
		// libcurl-openssl4, g++ is in gcc), the C library goes.
		{name: "wolfi-runtime-libraries", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// The same libraries under Alpine's names (libcurl, icu-libs).
		{name: "alpine-runtime-libraries", image: "python:3.12-alpine", tag: "3.12-alpine"},
		// Alpine to Wolfi: icu-libs is icu, tar is gnutar, musl-dev is
		// glibc-dev, Alpine's version pins go.
		{name: "wolfi-from-alpine", image: "cgr.dev/chainguard/wolfi-base:latest",
			title: "Use `cgr.dev/chainguard/wolfi-base:latest`; Alpine version pins dropped"},
		// A package Wolfi has no known name for stops the conversion.
		{name: "refuse-wolfi-unknown-package", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// So does a package list dflint cannot read.
		{name: "refuse-wolfi-variable-packages", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// The alpine policy on a slim image (issue 16): apt, the apt-only
		// ENV and the shadow user commands convert; tini is an Alpine
		// package too.
		{name: "alpine-from-slim", image: "node:22-alpine", tag: "22-alpine",
			title: "Use `node:22-alpine`; package installs converted to `apk add --no-cache`"},
		// A Go binary built with CGO_ENABLED=0 runs on musl.
		{name: "alpine-static-go-copy", image: "python:3.12-alpine", tag: "3.12-alpine"},
		// A virtualenv built on glibc does not: its C extensions are
		// manylinux builds.
		{name: "refuse-alpine-glibc-copy", image: "python:3.12-alpine", tag: "3.12-alpine"},
		// Debian's multiarch directory does not exist on Alpine.
		{name: "refuse-alpine-multiarch-path", image: "python:3.12-alpine", tag: "3.12-alpine"},
		// Python 2 exists on neither Alpine nor Wolfi.
		{name: "refuse-alpine-python2", image: "python:3.12-alpine", tag: "3.12-alpine"},
		// musl's locales are glibc-locales on Wolfi; their translations are part of it.
		{name: "wolfi-from-alpine-locales", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// An Alpine name the table does not know on Wolfi is refused.
		{name: "refuse-wolfi-from-alpine-unknown", image: "cgr.dev/chainguard/wolfi-base:latest"},

		// useradd and groupadd become BusyBox's adduser and addgroup:
		// long options with and without "=", a home only where useradd
		// made one, supplementary groups one `adduser USER GROUP` each.
		{name: "wolfi-useradd", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// A system user gets its own group first (BusyBox's would be
		// nogroup), in braces after ||; usermod -aG is adduser USER GROUP.
		{name: "wolfi-useradd-system-group", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// RHEL's useradd makes a home; shadow-utils (with its
		// architecture) is not needed any more.
		{name: "wolfi-yum-shadow-utils", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// dpkg --print-architecture becomes apk's, in Debian's names.
		{name: "wolfi-dpkg-arch", image: "cgr.dev/chainguard/wolfi-base:latest"},
		// Options BusyBox has no equivalent for stop the conversion.
		{name: "refuse-wolfi-useradd-password", image: "cgr.dev/chainguard/wolfi-base:latest"},
		{name: "refuse-wolfi-groupadd-force", image: "cgr.dev/chainguard/wolfi-base:latest"},
		{name: "refuse-wolfi-usermod-replace", image: "cgr.dev/chainguard/wolfi-base:latest"},
	}
	var gcs []goldenCase
	for _, c := range cases {
		gcs = append(gcs, goldenCase{name: c.name, title: c.title, run: func(t *testing.T, f *parser.File) transformResult {
			target := SwapTarget{Image: c.image, Tag: c.tag, Info: lookupImage(t, c.image), Entrypoint: c.entrypoint}
			plan := SwapBase(f, f.FinalStage(), target)
			if plan.Target != c.image {
				t.Errorf("Target %q, want %q", plan.Target, c.image)
			}
			if plan.Blocked != "" {
				return transformResult{reason: plan.Blocked}
			}
			return transformResult{edits: plan.Edits, title: FixTitle("Use `"+plan.Target+"`", plan.Notes)}
		}})
	}
	runTransformGoldens(t, "baseswap", gcs)
}

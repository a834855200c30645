package rewrite

import (
	"testing"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// TestNonrootUserGoldens switches the final stage of testdata/nonrootuser/
// <case> to an unprivileged user (see transform_golden_test.go for the
// format). The image facts are images.Lookup of the final stage's root
// image, and rootUser the last USER of the stage's chain when it names
// root, as DF301 passes them; a case whose last USER is not root is not
// one DF301 asks about, and fails.
func TestNonrootUserGoldens(t *testing.T) {
	cases := []struct{ name, title string }{
		// Debian: groupadd and useradd, one command per line; the
		// directories mkdir made in the WORKDIR are given to the user, the
		// COPY into the WORKDIR gets --chown, the one to /tmp does not.
		{name: "debian", title: "Create user `app` (UID 10001) and run as it"},
		// Alpine (BusyBox addgroup and adduser); no RUN: after the FROM.
		{name: "alpine"},
		// An image with an unprivileged user of its own (node, 1000): no
		// user is created; the mkdir'd directory gets its own chown RUN,
		// and a COPY that has --chown keeps it.
		{name: "image-user", title: "Run as `node` (UID 1000), the image's unprivileged user"},
		// Distroless (running as root): its nonroot user.
		{name: "distroless-root", title: "Run as `nonroot` (UID 65532), the image's unprivileged user"},
		// UBI minimal lacks useradd: shadow-utils is installed first; the
		// new lines take the RUN's indentation.
		{name: "ubi-minimal"},
		// The user a RUN creates, by UID, with its group for --chown.
		{name: "dockerfile-user", title: "Run as `web`, the user the Dockerfile creates"},
		// `USER root` after the last RUN becomes the switch back to the
		// user of the earlier USER.
		{name: "switch-back", title: "Switch back to user `worker` after the last step that needs root"},
		// A CRLF file whose last line is `USER root` (its no-final-newline
		// variant ends in a bare CR).
		{name: "root-user-last-crlf"},
		// The file's escape character continues the created RUN.
		{name: "escape-backtick"},
		// A known bug, as it is today: the privileged-port check reads
		// EXPOSE's words as written, so `EXPOSE ${PORT}` with `ENV PORT=80`
		// gets the fix that `EXPOSE 80` is refused (refuse-privileged-port).
		{name: "bug-expose-variable-port"},
		// A known bug, as it is today: shellcmd.JoinDir("@base", "..")
		// is ".", which loses the mark of the base image's unknown
		// directory, so after `WORKDIR ..` and `WORKDIR app` the app
		// directory is the relative "app" and the chown names
		// `app/data`, which the RUN (running in .../app) does not find:
		// the build fails.
		{name: "bug-workdir-above-base"},

		{name: "refuse-privileged-port"},
		{name: "refuse-nginx"},
		{name: "refuse-php-apache"},
		{name: "refuse-unknown-distro"},
		{name: "refuse-continuation"},
		// The continuation runs on through a comment line that BuildKit
		// skips however it is indented (issue 17): the USER would join
		// the RUN.
		{name: "refuse-continuation-comment"},
		{name: "refuse-continuation-nbsp-comment"},
	}
	var gcs []goldenCase
	for _, c := range cases {
		gcs = append(gcs, goldenCase{name: c.name, title: c.title, run: func(t *testing.T, f *parser.File) transformResult {
			final, info := rootImageInfo(t, f)
			fix, why := NonrootUser(final, info, lastRootUser(t, final))
			if fix == nil {
				return transformResult{reason: why}
			}
			if why != "" {
				t.Errorf("a fix and a reason: %s", why)
			}
			return transformResult{edits: fix.Edits, title: fix.Title}
		}})
	}
	runTransformGoldens(t, "nonrootuser", gcs)
}

// lastRootUser is the last USER of the stage's chain when it names root,
// nil when there is no USER.
func lastRootUser(t *testing.T, final *parser.Stage) *parser.Instruction {
	t.Helper()
	var last *parser.Instruction
	for in := range final.ChainInstructions() {
		if in.Name == "user" {
			last = in
		}
	}
	if last == nil {
		return nil
	}
	c, ok := last.Command.(*instructions.UserCommand)
	if !ok {
		t.Fatalf("line %d: USER without a user", last.StartLine)
	}
	if u, ok := shellcmd.ExpandWord(last, c.User); !ok || !images.IsRootUser(u) {
		t.Fatalf("the last USER (line %d) does not name root: DF301 would not ask for a fix", last.StartLine)
	}
	return last
}

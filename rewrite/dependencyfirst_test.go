package rewrite

import (
	"testing"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// TestDependencyFirstGoldens moves the manifests of testdata/
// dependencyfirst/<case> before the whole-context COPY (see
// transform_golden_test.go for the format). The table gives the
// ecosystem; the COPY and the RUN are found the way DF202 finds them
// (dependencyFirstSites).
func TestDependencyFirstGoldens(t *testing.T) {
	cases := []struct {
		name, eco, title string
	}{
		// Only installs: the manifests before the RUN, the COPY after it.
		// -c's constraints file is a manifest too.
		{name: "pip-requirements", eco: "python", title: "Copy `requirements.txt` and `constraints.txt` first, install, then copy the rest"},
		// An absolute destination, a requirements file in a subdirectory,
		// and blank lines around the COPY, of which one goes with it.
		{name: "pip-absolute-dest", eco: "python"},
		// Install, then build: the RUN is split after the install; the
		// COPY's flags go to the manifests' COPY.
		{name: "npm-then-build", eco: "node", title: "Copy `package.json` and `package-lock.json` first, install, then copy the rest and build"},
		// `cd web` in the RUN: the manifests are under web/.
		{name: "npm-subdirectory", eco: "node"},
		// A RUN between the COPY and the install that reads nothing copied;
		// lower-case keywords.
		{name: "npm-context-free-between", eco: "node"},
		// go build also reads the sources: go mod download first.
		{name: "go-build", eco: "go", title: "Copy `go.mod` and `go.sum` first and run `go mod download`, then copy the rest"},
		// A tool installed first stays in the first RUN; poetry installs
		// the dependencies alone with --no-root.
		{name: "poetry-tools-first", eco: "python"},
		// The Maven wrapper: mvnw and .mvn are copied too, and the
		// dependency-only command keeps -B.
		{name: "maven-wrapper", eco: "java"},
		// An install from requirements.txt, then of the project itself
		// (a build step): split there; the RUN's --mount goes to both.
		{name: "pip-then-project", eco: "python"},

		{name: "refuse-pip-editable", eco: "python"},
		{name: "refuse-workdir-changes", eco: "node"},
		{name: "refuse-run-between", eco: "python"},
		{name: "refuse-cargo", eco: "rust"},
		{name: "refuse-exec-form", eco: "python"},
		{name: "refuse-heredoc", eco: "python"},
		{name: "refuse-onbuild", eco: "node"},
		{name: "refuse-build-before-install", eco: "node"},
		// A comment line where the RUN would be split.
		{name: "refuse-comment-in-chain", eco: "node"},
	}
	var gcs []goldenCase
	for _, c := range cases {
		gcs = append(gcs, goldenCase{name: c.name, title: c.title, run: func(t *testing.T, f *parser.File) transformResult {
			copyIn, run := dependencyFirstSites(t, f, c.eco)
			fix, why := DependencyFirst(copyIn, run, c.eco)
			if fix == nil {
				return transformResult{reason: why}
			}
			if why != "" {
				t.Errorf("a fix and a reason: %s", why)
			}
			return transformResult{edits: fix.Edits, title: fix.Title}
		}})
	}
	runTransformGoldens(t, "dependencyfirst", gcs)
}

// dependencyFirstSites finds what DF202 passes to DependencyFirst: in a
// stage's instructions, or its ONBUILD triggers', the first COPY or ADD of
// the whole context and the first RUN after it with an install command of
// the ecosystem. The instructions are the top-level ones (an ONBUILD, not
// its trigger), as DF202 passes them.
func dependencyFirstSites(t *testing.T, f *parser.File, eco string) (copyIn, run *parser.Instruction) {
	t.Helper()
	for _, s := range f.Stages {
		for _, triggers := range []bool{false, true} {
			copyIn = nil
			for _, in := range s.Instructions {
				if (in.Trigger != nil) != triggers {
					continue
				}
				x := in
				if in.Trigger != nil {
					x = in.Trigger
				}
				switch x.Name {
				case "copy", "add":
					if copyIn == nil && CopiesWholeContext(x) {
						copyIn = in
					}
				case "run":
					if copyIn == nil {
						continue
					}
					for _, c := range shellcmd.SimpleCommandsOf(in) {
						if e, ok := shellcmd.InstallEcosystem(c); ok && e == eco {
							return copyIn, in
						}
					}
				}
			}
		}
	}
	t.Fatalf("no whole-context COPY followed by a %s install", eco)
	return nil, nil
}

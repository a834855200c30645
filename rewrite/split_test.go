package rewrite

import (
	"testing"

	"github.com/dflint/dflint/parser"
)

// TestSplitGoldens splits the single stage of testdata/split/<case> into a
// build stage and a runtime stage (see transform_golden_test.go for the
// format). The table names the planner DF201 would choose (by the image's
// language: go, rust, java, dotnet; node-static and python for the
// language images that only build) and the policy's base family; the
// image facts are images.Lookup of the final stage's root image.
func TestSplitGoldens(t *testing.T) {
	planners := map[string]Planner{
		"go": PlanGo, "rust": PlanRust, "java": PlanJava, "dotnet": PlanDotnet,
		"node-static": PlanNodeStatic, "python": PlanPython,
	}
	cases := []struct {
		name, planner string
		// family is BasePolicy.Family ("" is dflint's default).
		family string
		title  string
	}{
		// Go on distroless static: CGO_ENABLED=0, the binary copied, CMD
		// becomes ENTRYPOINT, ENV and EXPOSE move or repeat.
		{name: "go", planner: "go"},
		// The same file under the chainguard policy: built on
		// Chainguard's go (modules, a WORKDIR of its own, no packages).
		{name: "go-chainguard", planner: "go", family: "chainguard"},
		// A package install keeps the golang builder (Chainguard's go has
		// no apk), and so does `go install` (the binary in /go/bin).
		{name: "go-chainguard-package-manager", planner: "go", family: "chainguard"},
		{name: "go-install-chainguard", planner: "go", family: "chainguard"},
		// Go 1.12 has no -trimpath (Go 1.13 added it).
		{name: "go-old-no-trimpath", planner: "go"},
		// go install: the binary in $GOPATH/bin; lower-case keywords.
		{name: "go-install", planner: "go"},
		{name: "rust", planner: "rust"},
		// Chainguard: its rust builds (as root), glibc-dynamic runs; a
		// package install keeps the rust image as builder.
		{name: "rust-chainguard", planner: "rust", family: "chainguard"},
		{name: "rust-chainguard-keeps-builder", planner: "rust", family: "chainguard"},
		{name: "java-maven", planner: "java"},
		// A versioned JDK tag: the floating JRE tag of its major and
		// Ubuntu release (a newer patch runs the same jar).
		{name: "java-versioned-jdk", planner: "java"},
		// maven:3.9 carries JDK 26 today: the JRE is 26, not the image
		// data's default (older than the bytecode).
		{name: "java-maven-unnamed-jdk", planner: "java"},
		// Chainguard: Maven's and Gradle's own images build (as root),
		// the jar runs on the JRE, whose ENTRYPOINT is /usr/bin/java.
		{name: "java-chainguard", planner: "java", family: "chainguard"},
		{name: "java-chainguard-gradle", planner: "java", family: "chainguard"},
		// serve of the build output: nginx-unprivileged serves it.
		{name: "node-static", planner: "node-static"},
		// Build tools for native wheels: a virtualenv in the build stage.
		{name: "python", planner: "python"},
		{name: "dotnet", planner: "dotnet"},
		// The distroless policy: the chiseled ASP.NET image, without a
		// shell.
		{name: "dotnet-distroless", planner: "dotnet", family: "distroless"},
		// .NET 6 has no noble images: the jammy chiseled one.
		{name: "dotnet-distroless-jammy", planner: "dotnet", family: "distroless"},
		// The old dotnet/core repository and an SDK on full Debian: the
		// runtime is core/aspnet on slim Debian; the WORKDIR is the
		// publish directory (the content root) and the app runs from it;
		// ASP.NET Core's ENV goes along, the CLI's does not.
		{name: "dotnet-content-root", planner: "dotnet"},
		// The dll by its absolute path, the Alpine variant.
		{name: "dotnet-absolute-dll", planner: "dotnet"},
		// microsoft/dotnet's naming: X-sdk-stretch runs on
		// X-aspnetcore-runtime-stretch-slim.
		{name: "dotnet-legacy-repo", planner: "dotnet"},
		// .NET 10 is the one Chainguard's free tier has: the build moves
		// to its SDK (as root) and the app to aspnet-runtime, whose
		// ENTRYPOINT is /usr/bin/dotnet.
		{name: "dotnet-chainguard", planner: "dotnet", family: "chainguard"},

		// Go: a C toolchain installed (cgo), `go run` after a build.
		{name: "refuse-go-cgo", planner: "go"},
		{name: "refuse-go-run", planner: "go"},
		// Java: nothing built, the jar copied in.
		{name: "refuse-java-prebuilt", planner: "java"},
		// Java 14 has no eclipse-temurin JRE.
		{name: "refuse-java-no-jre", planner: "java"},
		// maven:3.6.3 names no JDK and is no tag whose JDK is known.
		{name: "refuse-java-unnamed-jdk", planner: "java"},
		// Node: `serve` with no directory.
		{name: "refuse-node-default-dir", planner: "node-static"},
		// Python: no WORKDIR holds the application.
		{name: "refuse-python-no-workdir", planner: "python"},
		// Python: a -dev package whose library the program needs.
		{name: "refuse-python-runtime-lib", planner: "python"},
		// .NET: `dotnet run` builds at start.
		{name: "refuse-dotnet-run", planner: "dotnet"},
		// .NET 8 under the chainguard policy: Chainguard's free tier has
		// only .NET 10.
		{name: "refuse-dotnet-chainguard", planner: "dotnet", family: "chainguard"},
		// A musl build, and Chainguard's .NET is glibc.
		{name: "refuse-dotnet-chainguard-musl", planner: "dotnet", family: "chainguard"},
		// No aspnetcore 1.1-jessie was published: no tag is made up.
		{name: "refuse-dotnet-unpublished-runtime", planner: "dotnet"},
		// A development certificate, https in ASPNETCORE_URLS.
		{name: "refuse-dotnet-dev-certs", planner: "dotnet"},
		{name: "refuse-dotnet-https", planner: "dotnet"},
		// Refusals before any planner: the name `build` is taken, the
		// final stage is built on another stage, a COPY outside the
		// build directory.
		{name: "refuse-stage-named-build", planner: "go"},
		{name: "refuse-built-on-stage", planner: "go"},
		{name: "refuse-copy-outside", planner: "go"},
	}
	var gcs []goldenCase
	for _, c := range cases {
		plan, ok := planners[c.planner]
		if !ok {
			t.Fatalf("%s: no planner %q", c.name, c.planner)
		}
		gcs = append(gcs, goldenCase{name: c.name, title: c.title, run: func(t *testing.T, f *parser.File) transformResult {
			final, info := rootImageInfo(t, f)
			fix, why := Split(f, final, info, &BasePolicy{Family: c.family}, plan)
			if fix == nil {
				return transformResult{reason: why}
			}
			if why != "" {
				t.Errorf("a fix and a reason: %s", why)
			}
			return transformResult{edits: fix.Edits, title: fix.Title}
		}})
	}
	runTransformGoldens(t, "split", gcs)
}

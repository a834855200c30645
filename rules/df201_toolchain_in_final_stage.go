package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

var _ = register(&Rule{
	ID:         "DF201",
	Name:       "toolchain-in-final-stage",
	Severity:   Warning,
	Summary:    "The final stage runs on a compiler or SDK image",
	Fix:        Unsafe,
	FixSummary: "split into a build stage and a small runtime stage that gets only the program",
	Check:      checkToolchainInFinalStage,
})

func checkToolchainInFinalStage(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || isWindowsBase(final) || !shipsApplication(p.File) {
		return // a toolchain is the product of a toolchain image, and the point of a CI target
	}
	info, ok := baseInfo(final)
	if !ok {
		return
	}
	start, end := reportRange(final.From)
	root := final.RootImage()
	switch {
	case info.IsToolchain():
		if _, _, ok := slimVariant(final); ok {
			return // DF104 suggests the JRE tag, with a fix
		}
		if !buildsOrRuns(final, info.Language == "java") {
			return // an SDK image as the product (a CI or dev image)
		}
		runtime, advice, _ := info.Runtime()
		fix, why := rewrite.Split(p.File, final, info, &p.Options.BasePolicy, splitPlanner(info.Language))
		if fix != nil {
			runtime = fixRuntime(fix)
		} else {
			runtime = policyRuntime(p, info, runtime)
		}
		msg := fmt.Sprintf("the final stage runs on the %s toolchain image `%s`: build in an earlier stage and run on `%s`",
			languageName(info.Language), root.Base, runtime)
		if runtime == "" {
			// No published runtime image is known for this toolchain's
			// version: name none rather than one that does not exist.
			msg = fmt.Sprintf("the final stage runs on the %s toolchain image `%s`: build in an earlier stage and run on the runtime image of the same version",
				languageName(info.Language), root.Base)
		}
		if advice != "" {
			msg += " (" + advice + ")"
		}
		if why != "" {
			msg += "; no automatic split: " + why
		}
		p.Report(start, end, msg, fix)
	case info.Language == "node":
		static, ok := info.StaticRuntime()
		if !ok || !buildsStaticAssets(final) {
			if fix, runtime, _ := hardenedInterpreterSplit(p, final, info); fix != nil {
				p.Report(start, end, fmt.Sprintf("the final stage installs its packages on `%s`; `%s` has no npm: install in a build stage and copy the application into `%s`", root.Base, runtime, runtime), fix)
			}
			return
		}
		fix, why := rewrite.Split(p.File, final, info, &p.Options.BasePolicy, rewrite.PlanNodeStatic)
		if fix != nil {
			static = fixRuntime(fix)
		} else if ref, ok := final.Image(); ok {
			if fam, cg := p.Options.BasePolicy.SplitFamily(ref); fam == "chainguard" {
				static = cg + "/nginx:latest"
			}
		}
		msg := fmt.Sprintf("the final stage keeps Node (`%s`) only to serve static files: build them in an earlier stage and serve the output from `%s`", root.Base, static)
		if why != "" {
			msg += "; no automatic split: " + why
		}
		p.Report(start, end, msg, fix)
	case info.Language == "python" && info.Kind == images.Language:
		tools := rewrite.PythonBuildsNative(final)
		if len(tools) == 0 {
			if fix, runtime, _ := hardenedInterpreterSplit(p, final, info); fix != nil {
				p.Report(start, end, fmt.Sprintf("the final stage pip-installs on `%s`; `%s` has no shell or pip: install the packages into a virtualenv in a build stage and copy it into `%s`", root.Base, runtime, runtime), fix)
			}
			return
		}
		runtime := rewrite.PythonRuntime(info, root.Base)
		fix, why := rewrite.Split(p.File, final, info, &p.Options.BasePolicy, rewrite.PlanPython)
		if fix != nil {
			runtime = fixRuntime(fix)
		}
		msg := fmt.Sprintf("the final stage installs %s to build Python packages and ships them: install the packages into a virtualenv in an earlier stage and copy it into `%s`", shellcmd.QuotedList(tools), runtime)
		if why != "" {
			msg += "; no automatic split: " + why
		}
		p.Report(start, end, msg, fix)
	}
}

// hardenedInterpreterSplit is DF201's split of a Python stage that needs no
// compiler but installs its packages with pip, or a Node stage that
// installs with npm, yarn or pnpm, under a policy whose runtime
// (distroless, Chainguard) has no pip or npm (and mostly no shell): the
// install moves to a build stage. Without a split it returns nil, and DF105 swaps
// the base alone (to the family's variant with a shell, when there is one).
// DF105 asks it too, so that only one of them offers a fix for the stage.
func hardenedInterpreterSplit(p *Pass, final *parser.Stage, info images.Info) (fix *Fix, runtime, why string) {
	if info.Kind != images.Language {
		return nil, "", ""
	}
	if family, _ := p.Options.BasePolicy.SplitFamily(info.Ref); !images.IsHardenedFamily(family) {
		return nil, "", ""
	}
	var plan rewrite.Planner
	switch {
	case info.Language == "python" && installsWithPip(final):
		plan = rewrite.PlanPython
	case info.Language == "node" && rewrite.NodeInstalls(final):
		plan = rewrite.PlanNode
	default:
		return nil, "", ""
	}
	if c, ok := p.interpreterSplits[final]; ok {
		return c.fix, c.runtime, c.why
	}
	var c interpreterSplit
	if c.fix, c.why = rewrite.Split(p.File, final, info, &p.Options.BasePolicy, plan); c.fix != nil {
		c.runtime = fixRuntime(c.fix)
	}
	if p.interpreterSplits == nil {
		p.interpreterSplits = map[*parser.Stage]interpreterSplit{}
	}
	p.interpreterSplits[final] = c
	return c.fix, c.runtime, c.why
}

// interpreterSplit is what hardenedInterpreterSplit found for a stage:
// DF104, DF105 and DF201 each ask it on the same file (Pass keeps it).
type interpreterSplit struct {
	fix          *Fix
	runtime, why string
}

// splitOwnsHardenedMove tells whether DF201 runs and splits the final
// stage onto its hardened runtime (hardenedInterpreterSplit): DF104 and
// DF105 then leave the stage to it, and name the runtime it moves to.
// Otherwise why says why DF201 has no split, when it tried.
func splitOwnsHardenedMove(p *Pass, final *parser.Stage, info images.Info) (runtime string, ok bool, why string) {
	if final.RootImage() != final || !p.ruleRuns("DF201") {
		return "", false, ""
	}
	fix, runtime, why := hardenedInterpreterSplit(p, final, info)
	return runtime, fix != nil, why
}

// installsWithPip tells whether a RUN of the stage runs `pip install`.
func installsWithPip(final *parser.Stage) bool {
	for _, in := range final.Instructions {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			if pc, ok := shellcmd.AsPip(c); ok {
				if _, sub, ok := pc.Subcommand(&shellcmd.PipSpec); ok && sub == "install" {
					return true
				}
			}
		}
	}
	return false
}

func languageName(lang string) string {
	switch lang {
	case "go":
		return "Go"
	case "java":
		return "Java"
	case "dotnet":
		return ".NET"
	case "c":
		return "C/C++"
	case "":
		return "build"
	}
	return strings.ToUpper(lang[:1]) + lang[1:]
}

// buildsOrRuns tells whether the final image builds the program (a
// compiler or build tool runs in the chain) or runs it through the
// toolchain (`go run`, `java -jar`, `dotnet app.dll`, `mvn spring-boot:run`).
// An image that only ships a prebuilt tool which itself needs the toolchain
// (a linter, a CI helper) does neither. On a JDK, any command but a shell
// counts: Java programs (and their start scripts) need only a JRE.
func buildsOrRuns(final *parser.Stage, anyCommand bool) bool {
	for in := range final.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if shellcmd.IsBuildCommand(c) {
				return true
			}
		}
	}
	ep, cmd := shellcmd.CommandInstructions(final)
	for _, in := range []*parser.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if runsThroughToolchain(c) || anyCommand && c.Name() != "" && c.Name() != shellcmd.NonLiteral && !parser.IsPOSIXShell(c.Name()) {
				return true
			}
		}
	}
	return false
}

// compilesInStage tells whether a RUN of the final image's stages builds
// the program with the toolchain (shellcmd.IsBuildCommand): the image is then a
// build environment, which a slimmer variant of the same image (a JRE for
// a JDK) cannot replace.
func compilesInStage(final *parser.Stage) bool {
	for in := range final.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if shellcmd.IsBuildCommand(c) {
				return true
			}
		}
	}
	return false
}

// runsThroughToolchain tells whether a command runs the program with the
// toolchain: `go run`, `cargo run`, `java -jar app.jar`, `dotnet app.dll`,
// `mvn spring-boot:run`, `gradle bootRun`.
func runsThroughToolchain(c shellcmd.Simple) bool {
	switch c.Name() {
	case "go", "cargo", "swift":
		return c.Sub() == "run"
	case "java":
		return len(c.Positional()) > 0 || c.Has("-jar")
	case "dotnet":
		return c.Sub() == "run" || strings.HasSuffix(c.Sub(), ".dll")
	case "mvn", "mvnw", "gradle", "gradlew":
		for _, a := range c.Positional() {
			if strings.HasSuffix(a, ":run") || strings.HasSuffix(a, ":dev") || a == "bootRun" || a == "run" || strings.HasPrefix(a, "exec:") {
				return true
			}
		}
	}
	return false
}

// staticServers are commands that only serve files from a directory.
var staticServers = map[string]bool{"serve": true, "http-server": true, "live-server": true, "static-server": true, "lite-server": true, "http.server": true, "superstatic": true}

// buildsStaticAssets tells whether the chain runs a front-end build and the
// image's command only serves static files.
func buildsStaticAssets(final *parser.Stage) bool {
	built := false
	for in := range final.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if s, ok := c.RunScript(); ok && (s == "build" || s == "build:prod" || s == "build:production") {
				built = true
			}
			switch c.Name() {
			case "ng", "vite", "react-scripts", "vue-cli-service", "gatsby", "webpack", "parcel":
				if c.Sub() == "build" || (c.Name() == "webpack" && c.Sub() == "") {
					built = true
				}
			}
		}
	}
	if !built {
		return false
	}
	ep, cmd := shellcmd.CommandInstructions(final)
	serves := false
	for _, in := range []*parser.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			switch {
			case staticServers[c.Name()]:
				serves = true
			case parser.IsPOSIXShell(c.Name()) || c.Name() == "docker-entrypoint.sh":
			default:
				return false
			}
		}
	}
	return serves
}

// splitPlanner is the language's planner of the multi-stage split.
func splitPlanner(lang string) rewrite.Planner {
	switch lang {
	case "go":
		return rewrite.PlanGo
	case "rust":
		return rewrite.PlanRust
	case "java":
		return rewrite.PlanJava
	case "dotnet":
		return rewrite.PlanDotnet
	}
	return rewrite.Unsupported(fmt.Sprintf("dflint does not split %s builds yet", languageName(lang)))
}

// fixRuntime is the runtime image a split fix moves to: the image of the
// FROM that its last edit (the runtime stage) writes.
func fixRuntime(fix *Fix) string {
	last := fix.Edits[len(fix.Edits)-1].NewText
	for _, l := range strings.Split(strings.ReplaceAll(last, "\r\n", "\n"), "\n") {
		if w := strings.Fields(l); len(w) >= 2 && strings.EqualFold(w[0], "FROM") {
			return w[len(w)-1]
		}
	}
	return ""
}

// policyRuntime is the runtime image the message names when there is no
// split to take it from: the one the split would choose under the base
// policy, else the image data's.
func policyRuntime(p *Pass, info images.Info, runtime string) string {
	family, cg := p.Options.BasePolicy.SplitFamily(info.Ref)
	switch {
	case family == "chainguard" && info.Language == "go":
		return cg + "/static:latest"
	case family == "chainguard" && info.Language == "rust" && info.OS == images.Alpine:
		return cg + "/static:latest"
	case family == "chainguard" && (info.Language == "rust" || info.Language == "c"):
		return cg + "/glibc-dynamic:latest"
	case family == "chainguard" && info.Language == "java":
		return cg + "/jre:latest"
	case info.Language == "rust" && info.OS == images.Alpine:
		return "gcr.io/distroless/static-debian12:nonroot"
	case info.Language == "java" && (info.Ref.Repository() == "maven" || info.Ref.Repository() == "gradle") && family != "chainguard" && !images.TagNamesJDK(info.Ref.Tag):
		// A tag that names no JDK: the one it carries, when known.
		if n, ok := images.UnnamedJDK(info.Ref.Repository(), info.Ref.Tag); ok {
			return fmt.Sprintf("eclipse-temurin:%d-jre", n)
		}
		return ""
	case info.Language == "java" && strings.HasPrefix(runtime, "eclipse-temurin:"):
		// Only a JRE tag eclipse-temurin published (none for Java 9 to
		// 16): the tag rewrite of the image data could make one up.
		if !images.TemurinJREPublished(strings.TrimPrefix(runtime, "eclipse-temurin:")) {
			return ""
		}
		return runtime
	case info.Language == "dotnet":
		// The SDK's own version and variant, as published: the image
		// data's rewrite of the tag could name a tag that never existed.
		rt, why := images.DotnetRuntimeFor(info.Ref)
		if why != "" {
			return ""
		}
		return rt.Image
	}
	return runtime
}

package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF201",
	Name:     "toolchain-in-final-stage",
	Severity: Warning,
	Summary:  "The final stage runs on a compiler or SDK image",
	Description: `Compiler and SDK images (` + "`golang`" + `, ` + "`rust`" + `, ` + "`maven`" + `, ` + "`gradle`" + `, JDK images,
` + "`gcc`" + `, ` + "`mcr.microsoft.com/dotnet/sdk`" + `) are hundreds of megabytes of tools that the running
program does not use, and each of them is one more thing an attacker who gets in can use. Build in
one stage, and copy only the result into a small runtime stage:

- Go: build with ` + "`CGO_ENABLED=0`" + ` and run on ` + "`gcr.io/distroless/static-debian12:nonroot`" + `.
- Rust, C, C++: run on ` + "`gcr.io/distroless/cc-debian12:nonroot`" + `.
- Java: run the jar on a JRE (` + "`eclipse-temurin:21-jre`" + `).
- .NET: ` + "`dotnet publish`" + `, then run on ` + "`mcr.microsoft.com/dotnet/aspnet`" + ` (or ` + "`runtime`" + `).
- Static sites built with Node: serve the build output from ` + "`nginxinc/nginx-unprivileged`" + `.

What counts: the final stage (following ` + "`FROM <stage>`" + ` back to its image) runs on an image the
image data marks as a toolchain, and the Dockerfile builds the program there (` + "`go build`" + `,
` + "`cargo build`" + `, ` + "`mvn package`" + `, ` + "`dotnet publish`" + `, ` + "`make`" + `, …) or runs it through the toolchain
(` + "`go run`" + `, ` + "`dotnet app.dll`" + `); on a JDK image, any command but a shell counts. An image that only ships a tool which needs the
toolchain itself (a linter, a CI helper) is not reported, nor are Windows images and development
environments (files in ` + "`.devcontainer/`" + `). A Node image counts when the stage
builds static assets and its command only serves files (` + "`serve -s build`" + `, ` + "`http-server`" + `).
A JDK image whose JRE variant exists is left to DF104, which offers the tag change.

The fix (splitting the file into a build and a runtime stage) is unsafe and comes in a later
release; the message names the runtime image to move to.`,
	Bad:  "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n",
	Good: "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD [\"/app\"]\n",
	// No Fix yet: the multi-stage split (unsafe) is not built yet. Metadata says what the rule does
	// today, so `dflint rules` and fix reports stay honest.
	Check: checkToolchainInFinalStage,
})

func checkToolchainInFinalStage(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || isWindowsBase(final) || isDevEnvironment(p.File) {
		return
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
		msg := fmt.Sprintf("the final stage runs on the %s toolchain image `%s`: build in an earlier stage and run on `%s`",
			languageName(info.Language), root.Base, runtime)
		if advice != "" {
			msg += " (" + advice + ")"
		}
		p.Report(start, end, msg, nil)
	case info.Language == "node":
		static, ok := info.StaticRuntime()
		if !ok || !buildsStaticAssets(final) {
			return
		}
		p.Report(start, end, fmt.Sprintf("the final stage keeps Node (`%s`) only to serve static files: build them in an earlier stage and serve the output from `%s`", root.Base, static), nil)
	}
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
	for _, in := range chainInstructions(final) {
		if in.Name != "run" {
			continue
		}
		for _, c := range commandsOf(in) {
			if isBuildCommand(c) {
				return true
			}
		}
	}
	ep, cmd := commandInstructions(final)
	for _, in := range []*parser.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		for _, c := range commandsOf(in) {
			if runsThroughToolchain(c) || anyCommand && c.name() != "" && c.name() != nonLiteral && !parser.IsPOSIXShell(c.name()) {
				return true
			}
		}
	}
	return false
}

// isBuildCommand recognises the build step of the toolchains DF201 knows.
func isBuildCommand(c command) bool {
	switch c.name() {
	case "go":
		return c.sub() == "build" || (c.sub() == "install" && !hasVersionedPackage(c))
	case "cargo":
		return c.sub() == "build" || (c.sub() == "install" && c.has("--path"))
	case "mvn", "mvnw", "gradle", "gradlew":
		for _, a := range c.positional() {
			switch a {
			case "package", "install", "verify", "build", "assemble", "bootJar", "jar", "shadowJar", "installDist", "quarkusBuild":
				return true
			}
		}
	case "dotnet":
		return c.sub() == "publish" || c.sub() == "build"
	case "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake", "ninja", "javac":
		return true
	case "swift":
		return c.sub() == "build"
	}
	return false
}

// hasVersionedPackage tells whether `go install` names pkg@version: that
// installs a tool, it does not build the project.
func hasVersionedPackage(c command) bool {
	for _, a := range c.positional()[1:] {
		if strings.Contains(a, "@") {
			return true
		}
	}
	return false
}

// runsThroughToolchain tells whether a command runs the program with the
// toolchain: `go run`, `cargo run`, `java -jar app.jar`, `dotnet app.dll`,
// `mvn spring-boot:run`, `gradle bootRun`.
func runsThroughToolchain(c command) bool {
	switch c.name() {
	case "go", "cargo", "swift":
		return c.sub() == "run"
	case "java":
		return len(c.positional()) > 0 || c.has("-jar")
	case "dotnet":
		return c.sub() == "run" || strings.HasSuffix(c.sub(), ".dll")
	case "mvn", "mvnw", "gradle", "gradlew":
		for _, a := range c.positional() {
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
	for _, in := range chainInstructions(final) {
		if in.Name != "run" {
			continue
		}
		for _, c := range commandsOf(in) {
			if s, ok := c.runScript(); ok && (s == "build" || s == "build:prod" || s == "build:production") {
				built = true
			}
			switch c.name() {
			case "ng", "vite", "react-scripts", "vue-cli-service", "gatsby", "webpack", "parcel":
				if c.sub() == "build" || (c.name() == "webpack" && c.sub() == "") {
					built = true
				}
			}
		}
	}
	if !built {
		return false
	}
	ep, cmd := commandInstructions(final)
	serves := false
	for _, in := range []*parser.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		for _, c := range commandsOf(in) {
			switch {
			case staticServers[c.name()]:
				serves = true
			case parser.IsPOSIXShell(c.name()) || c.name() == "docker-entrypoint.sh":
			default:
				return false
			}
		}
	}
	return serves
}

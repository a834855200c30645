package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:         "DF202",
	Name:       "copy-before-dependencies",
	Severity:   Warning,
	Summary:    "The whole build context is copied before the dependency install step",
	Fix:        Unsafe,
	FixSummary: "copy the dependency manifests and install before copying the rest",
	Check:      checkCopyBeforeDependencies,
})

func checkCopyBeforeDependencies(p *Pass) {
	for _, s := range p.File.Stages {
		var plain, triggers []*parser.Instruction
		for _, in := range s.Instructions {
			if in.Trigger != nil {
				triggers = append(triggers, in)
			} else {
				plain = append(plain, in)
			}
		}
		copyBeforeDependencies(p, plain)
		copyBeforeDependencies(p, triggers)
	}
}

// copyBeforeDependencies judges one sequence of instructions (a stage's, or
// its ONBUILD triggers').
func copyBeforeDependencies(p *Pass, seq []*parser.Instruction) {
	installed := map[string]bool{}
	var wholeCopy *parser.Instruction
	reported := false
	for _, in := range seq {
		x := in
		if in.Trigger != nil {
			x = in.Trigger
		}
		switch x.Name {
		case "copy", "add":
			if wholeCopy == nil && copiesWholeContext(x) {
				wholeCopy = in
			}
		case "run":
			cached := runMountsCache(x)
			for _, c := range commandsOf(in) {
				eco, ok := installEcosystem(c)
				if !ok {
					continue
				}
				if wholeCopy != nil && !installed[eco] && !reported && !cached {
					m := ecosystems[eco]
					msg := fmt.Sprintf("the whole context is copied before `%s`, so every source change reinstalls the dependencies: copy %s first, install, then copy the rest",
						strings.Join(c.Argv, " "), m)
					fix, why := dependencyFirstFix(wholeCopy, in, eco)
					if fix == nil {
						msg += " (no automatic fix: " + why + ")"
					}
					p.ReportInstruction(wholeCopy, msg, fix)
					reported = true
				}
				installed[eco] = true
			}
		}
	}
}

// runMountsCache tells whether a RUN mounts a cache (`--mount=type=cache`):
// its package downloads survive a cache miss, so running the install again
// after every source change costs little.
func runMountsCache(in *parser.Instruction) bool {
	for _, fl := range in.Flags() {
		k, v, _ := strings.Cut(strings.TrimPrefix(fl, "--"), "=")
		if k == "mount" && strings.Contains(","+v+",", ",type=cache,") {
			return true
		}
	}
	return false
}

// ecosystems maps an ecosystem to the manifests to copy before installing.
var ecosystems = map[string]string{
	"python": "`requirements.txt` (or `pyproject.toml` and its lock file)",
	"node":   "`package.json` and the lock file",
	"go":     "`go.mod` and `go.sum`",
	"ruby":   "`Gemfile` and `Gemfile.lock`",
	"java":   "`pom.xml` (or the Gradle build files)",
	"rust":   "`Cargo.toml` and `Cargo.lock`",
	"php":    "`composer.json` and `composer.lock`",
	"dotnet": "the `*.csproj` files",
	"elixir": "`mix.exs` and `mix.lock`",
}

// copiesWholeContext tells whether a COPY/ADD copies the whole build
// context: a source of "." or "./" and no --from.
func copiesWholeContext(in *parser.Instruction) bool {
	var srcs []string
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return false
		}
		srcs = c.SourcePaths
	case *instructions.AddCommand:
		srcs = c.SourcePaths
	default:
		return false
	}
	for _, s := range srcs {
		if s == "." || s == "./" {
			return true
		}
	}
	return false
}

// installEcosystem tells whether a command installs (or builds with) a
// project's dependencies from its manifest, and for which ecosystem.
// Installing named packages (`pip install flask`, `npm install -g serve`)
// does not read the manifest and does not count.
func installEcosystem(c command) (string, bool) {
	name, sub := c.name(), c.sub()
	switch {
	case isPipName(name):
		if sub != "install" {
			return "", false
		}
		if c.has("-r", "--requirement", "-e", "--editable", "-c") {
			return "python", true
		}
		for _, a := range c.positional()[1:] {
			if a == "." || strings.HasPrefix(a, "./") || strings.HasPrefix(a, ".[") {
				return "python", true
			}
		}
	case name == "pipenv":
		return "python", sub == "install" || sub == "sync"
	case name == "poetry":
		return "python", sub == "install"
	case name == "pdm":
		return "python", sub == "install" || sub == "sync"
	case name == "uv":
		if sub == "sync" {
			return "python", true
		}
		if sub == "pip" {
			return installEcosystem(command{Argv: c.Argv[1:]})
		}
	case name == "npm":
		switch sub {
		case "ci", "clean-install":
			return "node", true
		case "install", "i":
			return "node", len(c.positional()) == 1 && !c.has("-g", "--global")
		}
	case name == "yarn":
		return "node", (sub == "" || sub == "install") && !c.has("global")
	case name == "pnpm" || name == "bun":
		return "node", (sub == "install" || sub == "i") && len(c.positional()) == 1 && !c.has("-g", "--global")
	case name == "go":
		switch sub {
		case "build":
			return "go", true
		case "mod":
			p := c.positional()
			return "go", len(p) > 1 && (p[1] == "download" || p[1] == "tidy" || p[1] == "vendor")
		case "get", "install":
			return "go", !hasVersionedPackage(c) && len(c.positional()) > 1
		}
	case name == "bundle":
		return "ruby", sub == "" || sub == "install"
	case name == "mvn" || name == "mvnw" || name == "gradle" || name == "gradlew":
		return "java", len(c.positional()) > 0
	case name == "cargo":
		return "rust", sub == "build" || sub == "fetch" || (sub == "install" && c.has("--path"))
	case name == "composer" || name == "composer.phar":
		return "php", sub == "install" || sub == "update"
	case name == "dotnet":
		return "dotnet", sub == "restore" || sub == "build" || sub == "publish"
	case name == "mix":
		return "elixir", sub == "deps.get"
	}
	return "", false
}

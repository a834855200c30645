package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
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
			if wholeCopy == nil && rewrite.CopiesWholeContext(x) {
				wholeCopy = in
			}
		case "run":
			cached := runMountsCache(x)
			for _, c := range shellcmd.SimpleCommandsOf(in) {
				eco, ok := shellcmd.InstallEcosystem(c)
				if !ok {
					continue
				}
				if wholeCopy != nil && !installed[eco] && !reported && !cached {
					m := ecosystems[eco]
					msg := fmt.Sprintf("the whole context is copied before `%s`, so every source change reinstalls the dependencies: copy %s first, install, then copy the rest",
						strings.Join(c.Argv, " "), m)
					fix, why := rewrite.DependencyFirst(wholeCopy, in, eco)
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

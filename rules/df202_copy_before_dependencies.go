package rules

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
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
		copyBeforeDependencies(p, s, plain)
		copyBeforeDependencies(p, s, triggers)
	}
}

// copyBeforeDependencies judges one sequence of instructions (a stage's, or
// its ONBUILD triggers').
func copyBeforeDependencies(p *Pass, s *parser.Stage, seq []*parser.Instruction) {
	installed := map[string]bool{}
	goModules, goKnown := false, false // read once, when a go install is met
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
				if ok && eco == "go" && !goKnown {
					goModules, goKnown = goModuleEvidence(p, s, seq), true
				}
				if !ok || eco == "go" && !goModules {
					// Without a go.mod the build has no dependency
					// manifest to copy first.
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

// goModuleEvidence tells whether the Dockerfile shows that the build uses a
// go.mod, the manifest DF202's fix copies first: copying a go.mod that is
// not in the context breaks the build. Evidence is
//   - a `go mod download|tidy|vendor|verify` (they fail without a go.mod),
//   - a COPY or ADD that names go.mod (or go.*),
//   - a go.mod beside the Dockerfile on disk (the build context when the
//     Dockerfile sits at its root; its absence proves nothing, as the
//     context may be elsewhere), or
//   - `go build`, `go install` or `go get` of packages (not of .go files) on
//     a Go that builds in module mode by default (1.16 on; an image with no
//     version in its tag counts as recent),
//
// and none of it counts when GO111MODULE is off or auto, in GOPATH mode.
// A `go build main.go` or `go run x.go` alone is no evidence: it builds
// without a go.mod.
func goModuleEvidence(p *Pass, s *parser.Stage, seq []*parser.Instruction) bool {
	// Environment variable names are case-sensitive: only GO111MODULE
	// sets the mode, so files without it need no closer look.
	if bytes.Contains(p.File.Source, []byte("GO111MODULE")) {
		text := strings.NewReplacer(`"`, "", "'", "").Replace(strings.ToLower(string(p.File.Source)))
		if strings.Contains(text, "go111module=off") || strings.Contains(text, "go111module=auto") ||
			strings.Contains(text, "go111module off") || strings.Contains(text, "go111module auto") {
			return false
		}
	}
	if !fromStdin(p.File, p.Options) && exists(filepath.Join(filepath.Dir(p.File.Path), "go.mod")) {
		return true
	}
	packages := false
	for _, in := range seq {
		x := in
		if in.Trigger != nil {
			x = in.Trigger
		}
		switch x.Name {
		case "copy", "add":
			for _, src := range x.ContextSources() {
				if b := path.Base(strings.TrimSpace(src)); b == "go.mod" || b == "go.*" || b == "go.mod*" {
					return true
				}
			}
		case "run":
			for _, c := range shellcmd.SimpleCommandsOf(in) {
				if c.Name() != "go" {
					continue
				}
				pos := c.Positional()
				switch c.Sub() {
				case "mod":
					if len(pos) > 1 && (pos[1] == "download" || pos[1] == "tidy" || pos[1] == "vendor" || pos[1] == "verify") {
						return true
					}
				case "build", "install", "get":
					files := false
					for _, a := range pos[1:] {
						files = files || strings.HasSuffix(a, ".go")
					}
					packages = packages || !files
				}
			}
		}
	}
	return packages && goModulesByDefault(s)
}

// goModulesByDefault tells whether the stage's Go builds in module mode by
// default: a golang image of 1.16 or later, or any other image (a Go from a
// distribution's packages today is newer than 1.16).
func goModulesByDefault(s *parser.Stage) bool {
	ref, ok := s.Image()
	if !ok || ref.Name() != "golang" {
		return true
	}
	minor, ok := strings.CutPrefix(ref.Tag, "1.")
	if !ok {
		return true
	}
	if i := strings.IndexFunc(minor, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minor = minor[:i]
	}
	n, err := strconv.Atoi(minor)
	return err != nil || n >= 16
}

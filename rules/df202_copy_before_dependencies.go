package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

var _ = register(&Rule{
	ID:       "DF202",
	Name:     "copy-before-dependencies",
	Severity: Warning,
	Summary:  "The whole build context is copied before the dependency install step",
	Description: `Docker reuses a cached layer only while everything before it is unchanged. With
` + "`COPY . .`" + ` before ` + "`RUN pip install -r requirements.txt`" + ` (or ` + "`npm ci`" + `, ` + "`go mod download`" + `,
` + "`bundle install`" + `, ` + "`mvn package`" + `, …), any change to any source file invalidates the install
layer, and every build downloads and installs all dependencies again.

Copy the dependency manifest first, install, and only then copy the rest:

` + "```dockerfile" + `
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
` + "```" + `

The manifests are: ` + "`requirements.txt`" + ` (or ` + "`pyproject.toml`" + ` with its lock file), ` + "`package.json`" + `
with its lock file, ` + "`go.mod`" + ` and ` + "`go.sum`" + `, ` + "`Gemfile`" + ` and ` + "`Gemfile.lock`" + `, ` + "`pom.xml`" + ` or the Gradle
build files, ` + "`Cargo.toml`" + ` and ` + "`Cargo.lock`" + `, ` + "`composer.json`" + ` and ` + "`composer.lock`" + `, the
` + "`*.csproj`" + ` files.

What counts: a COPY or ADD of the whole context (source ` + "`.`" + ` or ` + "`./`" + `) followed, in the same
stage, by an install or build step of a package manager, when no install step of that ecosystem
ran before the COPY (then the manifest was already copied and installed, and the later step only
builds). An install step that mounts a cache (` + "`RUN --mount=type=cache,…`" + `) keeps its downloads
across cache misses and is not reported. Steps inside ONBUILD are judged among themselves. The finding is on the COPY.

The fix (unsafe) copies the manifests the install step reads to where the whole-context COPY puts
them, with the same COPY flags, and moves that COPY after the install:

- pip: the files named by ` + "`-r`" + `/` + "`-c`" + `; Pipenv: ` + "`Pipfile Pipfile.lock*`" + `; Poetry, uv and PDM:
  ` + "`pyproject.toml`" + ` and ` + "`poetry.lock*`" + `, ` + "`uv.lock*`" + ` or ` + "`pdm.lock*`" + `; npm, Yarn, pnpm and Bun:
  ` + "`package.json`" + ` and its lock file; Go: ` + "`go.mod go.sum*`" + `; Bundler: ` + "`Gemfile Gemfile.lock*`" + `;
  Composer: ` + "`composer.json composer.lock*`" + `; Maven: ` + "`pom.xml`" + ` (with ` + "`mvnw`" + ` and ` + "`.mvn/`" + ` for the
  wrapper); Mix: ` + "`mix.exs mix.lock*`" + `. A lock file is copied with a trailing ` + "`*`" + `, so that
  the COPY works whether it exists or not (BuildKit accepts a wildcard that matches nothing;
  the classic builder does when another source matches).
- When the RUN installs and then builds (` + "`npm ci && npm run build`" + `), it is split after the
  install, and the sources are copied between the two RUNs.
- When the step itself reads the sources, a dependency-only step goes before the sources are
  copied and the original RUN stays after them: ` + "`go mod download`" + ` before ` + "`go build`" + `,
  ` + "`mvn dependency:go-offline`" + ` before ` + "`mvn package`" + `, ` + "`poetry install --no-root`" + `,
  ` + "`uv sync --no-install-project`" + `, ` + "`pdm install --no-self`" + `, and
  ` + "`composer install --no-scripts --no-autoloader`" + ` (the scripts and the autoloader need the sources).

There is no fix when a step between the COPY and the install may read the copied files, when
the working directory differs, for ` + "`pip install .`" + ` (the project's dependencies are only in its
sources), Cargo (it cannot read ` + "`Cargo.toml`" + ` without the targets' source files: use cargo-chef or
a cache mount), Gradle (no task only downloads dependencies), .NET (the project files' paths are
not known) and for ONBUILD triggers; the message says which. What the fix cannot see: a
requirements file that includes another file, npm/pnpm workspaces, Yarn Berry's ` + "`.yarn/`" + `, and
a context without a ` + "`.dockerignore`" + ` whose ` + "`node_modules`" + ` or ` + "`vendor`" + ` now overwrites the installed
one (see DF203).`,
	Bad:        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
	Good:       "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
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

package rules

// What a Dockerfile's final stage is built for: an application that runs in
// production, a base or toolchain image that other images build on, or a
// CI or development target. The rules about what ships (DF105, DF201,
// DF205, DF301, DF510) ask the same question, and answer it here, once:
// a compiler in a toolchain image, root in a base image or a development
// server in a `dev-envs` target is the point of that image, not a mistake.

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// ImagePurpose says what the final stage of a Dockerfile is built for.
type ImagePurpose int

const (
	// ShipsApplication: the final stage (or a stage of the same file it
	// is built FROM) sets a CMD or ENTRYPOINT that runs a program other
	// than a bare shell or interpreter.
	ShipsApplication ImagePurpose = iota
	// BaseImage: no CMD or ENTRYPOINT of its own, or only a bare shell or
	// interpreter (`CMD ["bash"]`, `CMD ["python3"]`, `php -a`), also
	// behind an entrypoint that only runs its arguments (node's
	// `docker-entrypoint.sh` with `CMD ["node"]`, Temurin's
	// `__cacert_entrypoint.sh`): a base, toolchain or tool image that
	// others build on or run their own command in (the docker-library
	// language images, Swift, .NET runtime-deps). An image that inherits
	// its command from its base (`FROM nginx` with only COPYs) is one too:
	// what it runs is not in the Dockerfile.
	BaseImage
	// DevelopmentTarget: the last stage is a CI or development target by
	// its name (devTargetStageNames), or the file builds a development
	// environment (isDevEnvironment).
	DevelopmentTarget
)

func (p ImagePurpose) String() string {
	switch p {
	case BaseImage:
		return "base image"
	case DevelopmentTarget:
		return "development target"
	}
	return "application"
}

// FinalImagePurpose tells what the final stage of f is built for. A file
// without stages ships nothing and is a BaseImage.
func FinalImagePurpose(f *parser.File) ImagePurpose {
	// Five rules ask; the answer is the file's, computed once.
	return parser.FileMemo(f, finalImagePurposeKey{}, finalImagePurpose)
}

type finalImagePurposeKey struct{}

func finalImagePurpose(f *parser.File) ImagePurpose {
	final := f.FinalStage()
	if final == nil {
		return BaseImage
	}
	if isDevEnvironment(f) || isDevTargetName(final.Name) {
		return DevelopmentTarget
	}
	if runsOnlyShellOrNothing(final) {
		return BaseImage
	}
	return ShipsApplication
}

// shipsApplication is FinalImagePurpose(f) == ShipsApplication: the
// question of the rules that are about what runs in production.
func shipsApplication(f *parser.File) bool {
	return FinalImagePurpose(f) == ShipsApplication
}

// devTargetStageNames are last-stage names that only a CI or development
// target has: no production image is called `test` or `lint`. Names that
// could be either (`debug`, `build`, `base`, `final`) are not here: the
// command decides for them. Seen in the corpus (2026-12-07):
// docker/awesome-compose's `dev-envs` (Docker Dev Environments targets,
// 12 files), moby/buildkit's `validate` and `validate-toc` (CI checks),
// moby/moby's `dev`, docker/docker-language-server's `test`; the others
// are the usual spellings of the same targets.
var devTargetStageNames = shellcmd.Set("test", "tests", "testing", "unit-test", "unit-tests", "unittest", "integration-test",
	"integration-tests", "e2e", "dev", "devel", "develop", "development", "dev-env", "dev-envs", "devenv", "devcontainer",
	"dev-container", "lint", "linter", "linting", "ci", "validate", "check", "checks", "vet")

// devTargetStagePrefixes name families of CI targets (`validate-toc`,
// `lint-go`, `test-unit`).
var devTargetStagePrefixes = []string{"test-", "lint-", "validate-", "dev-", "ci-"}

// isDevTargetName tells whether a last stage's name (lower-cased by the
// parser) makes it a CI or development target.
func isDevTargetName(name string) bool {
	if devTargetStageNames[name] {
		return true
	}
	for _, p := range devTargetStagePrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// replCommands are interpreters and shells whose bare invocation is the
// CMD of a language or OS base image (`CMD ["irb"]`, `CMD ["python3"]`,
// PowerShell's `pwsh-preview`).
var replCommands = shellcmd.Set("sh", "bash", "ash", "zsh", "dash", "irb", "python", "python2", "python3", "node", "php", "ruby",
	"swift", "pwsh", "pwsh-preview", "jshell", "ghci", "iex", "erl", "R", "julia", "lua", "perl", "deno", "bun")

// argumentRunners are entrypoints that prepare the container and then exec
// the CMD they are given, so that the CMD says what the image runs. A
// generic script name (docker-entrypoint.sh is every project's) with no
// CMD may run the program itself: only the scripts whose content is
// known (known: true) make a stage without CMD a base image.
// Sources, read 2026-12-07: nodejs/docker-node docker-entrypoint.sh
// (runs node when the first argument is a flag, else exec "$@"),
// docker-library/php docker-php-entrypoint (same for php),
// adoptium/containers __cacert_entrypoint.sh (imports certificates, exec
// "$@"), carlossg/docker-maven mvn-entrypoint.sh (copies settings, exec
// "$@"), krallin/tini and Yelp/dumb-init (init processes that run their
// arguments).
var argumentRunners = map[string]struct{ known bool }{
	"docker-entrypoint.sh":   {known: false},
	"docker-php-entrypoint":  {known: true},
	"__cacert_entrypoint.sh": {known: true},
	"mvn-entrypoint.sh":      {known: true},
	"tini":                   {known: true},
	"tini-static":            {known: true},
	"dumb-init":              {known: true},
}

// runsOnlyShellOrNothing tells whether the stage's image, as far as the
// Dockerfile sets it, runs nothing of its own: no CMD or ENTRYPOINT, or a
// bare shell or interpreter, directly or through an argument runner.
func runsOnlyShellOrNothing(final *parser.Stage) bool {
	ep, cmd := shellcmd.CommandInstructions(final)
	if ep != nil {
		if runner, ok := argumentRunner(ep); ok {
			if cmd == nil {
				return runner.known
			}
			return isBareInterpreter(cmd)
		}
		// `ENTRYPOINT ["bash"]` alone is a shell image; with a CMD, the
		// CMD is its script.
		return cmd == nil && isBareInterpreter(ep)
	}
	return cmd == nil || isBareInterpreter(cmd)
}

// argumentRunner tells whether an ENTRYPOINT is an argument runner given
// nothing to run but flags (`tini --`, `docker-entrypoint.sh`). It reads
// the words as written: shellcmd's view looks through tini and dumb-init.
func argumentRunner(ep *parser.Instruction) (runner struct{ known bool }, ok bool) {
	var words []string
	if ep.IsJSONForm() {
		words = ep.Args()
	} else {
		calls := ep.Calls()
		if len(calls) != 1 {
			return runner, false
		}
		for _, w := range calls[0].Args {
			if !w.Literal {
				return runner, false
			}
			words = append(words, w.Value)
		}
	}
	if len(words) == 0 {
		return runner, false
	}
	if words[0] == "exec" {
		words = words[1:]
	}
	if len(words) == 0 {
		return runner, false
	}
	runner, ok = argumentRunners[path.Base(words[0])]
	for _, w := range words[1:] {
		if !strings.HasPrefix(w, "-") {
			return runner, false
		}
	}
	return runner, ok
}

// isBareInterpreter tells whether a CMD or ENTRYPOINT runs one shell or
// interpreter with no script or program to run (flags only: `php -a`,
// `bash --login -i`).
func isBareInterpreter(in *parser.Instruction) bool {
	cs := shellcmd.SimpleCommandsOf(in)
	return len(cs) == 1 && replCommands[cs[0].Name()] && len(cs[0].Positional()) == 0
}

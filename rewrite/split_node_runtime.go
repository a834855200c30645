package rewrite

// DF201's split for a Node server under a hardened policy: distroless's
// and Chainguard's Node images have no npm (distroless has no shell
// either), so the install moves to a build stage on the same Node, and
// the runtime gets the application directory with its node_modules.

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// NodeInstalls tells whether a RUN of the stage installs packages with
// npm, yarn or pnpm.
func NodeInstalls(final *parser.Stage) bool {
	for _, in := range final.Instructions {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			switch c.Name() {
			case "npm", "pnpm":
				if _, ok := shellcmd.NpmInstall(c); ok {
					return true
				}
				if sub := (shellcmd.Simple{Argv: wordValues(c.Args)}).Sub(); sub == "ci" || sub == "i" || sub == "install" {
					return true
				}
			case "yarn":
				if sub := (shellcmd.Simple{Argv: wordValues(c.Args)}).Sub(); sub == "" || sub == "install" {
					return true
				}
			}
		}
	}
	return false
}

// PlanNode plans the split of a Node server onto the policy's hardened
// Node image.
func PlanNode(s *splitStage) (*splitPlan, noSplit) {
	if !images.IsHardenedFamily(s.family) {
		return nil, "the Node image is already the runtime: only a distroless or Chainguard policy moves the install to a build stage"
	}
	h, why := hardenedRuntime(s, "Node.js", "native modules")
	if why != "" {
		return nil, why
	}
	var arts []artifact
	var why2 noSplit
	lang := func(r *stageRun) bool {
		if !nodeTools[r.cmd.Name()] {
			return false
		}
		for _, w := range r.cmd.Args[1:] {
			if w.Value == "-g" || w.Value == "--global" || strings.HasPrefix(w.Value, "--prefix") || w.Value == "link" {
				why2 = noSplit(fmt.Sprintf("RUN `%s` installs outside the application's directory", commandSummary(r.cmd)))
			}
		}
		return true
	}
	if why := s.checkRuns(lang, func(p string) bool { return nodeBuildPackages[p] }, &arts); why != "" {
		return nil, why
	}
	if why2 != "" {
		return nil, why2
	}
	if !s.hasWorkdir || s.finalCwd == "/" {
		return nil, "there is no WORKDIR, so the application's files are not in one directory to copy"
	}
	pl := &splitPlan{runtime: h.Runtime, nonroot: true, dropEnv: func(k string) bool {
		return strings.HasPrefix(k, "NPM_CONFIG_") || strings.HasPrefix(k, "npm_config_") || k == "DEBIAN_FRONTEND" || k == "YARN_CACHE_FOLDER"
	}}
	if s.family == images.FamilyChainguard {
		if h.Shell == "" {
			return nil, noSplit(fmt.Sprintf("Chainguard has no Node.js image with npm to build for `%s`", h.Runtime))
		}
		if why := chainguardPackages(s, h.Shell); why != "" {
			return nil, why
		}
		pl.builder = h.Shell
	}
	rt := images.LookupName(h.Runtime)
	has, known := rt.HasShell()
	pl.shell = has || !known
	node := "node"
	if rt.ConfigKnown && len(rt.Entrypoint) == 1 && path.Base(rt.Entrypoint[0]) == "node" {
		node = rt.Entrypoint[0] // /nodejs/bin/node on distroless
	} else if !rt.ConfigKnown {
		return nil, noSplit(fmt.Sprintf("dflint does not know where `%s` has node", h.Runtime))
	}
	argv, ok := s.command.argv()
	if !ok || len(argv) == 0 {
		return nil, noSplit(fmt.Sprintf("the command is not a plain `node <file>`, and `%s` runs only node", h.Runtime))
	}
	if path.Base(argv[0]) != "node" {
		return nil, noSplit(fmt.Sprintf("the command runs `%s`, which `%s` does not have: run `node <file>` instead", strings.Join(argv[:min(2, len(argv))], " "), h.Runtime))
	}
	pl.entrypoint = entrypointFor(s, node)
	pl.copies = [][2]string{{s.finalCwd, s.finalCwd}}
	pl.title = fmt.Sprintf("Install in stage `%s` and run on `%s`, which has no npm", s.name, pl.runtime)
	if h.Note != "" {
		pl.title += " (" + h.Note + ")"
	}
	return pl, ""
}

// chainguardPackages says why a stage that runs a package manager cannot
// build on Chainguard's -dev image (apk, with Wolfi's names), "" when it
// runs none.
func chainguardPackages(s *splitStage, builder string) noSplit {
	r := s.packageCommand()
	if r == nil {
		return ""
	}
	return noSplit(fmt.Sprintf("RUN `%s` installs packages with %s, which `%s` does not have: install them with apk there by hand", commandSummary(r.cmd), r.cmd.Name(), builder))
}

// hardenedRuntime is the policy's hardened image for an interpreted
// language's stage (language names it in messages). A distroless split
// builds on the stage's own image, which must be glibc: what the build
// compiles there (Python packages, native modules) would not load on
// distroless's glibc if built on musl.
func hardenedRuntime(s *splitStage, language, compiled string) (images.Hardened, noSplit) {
	h, ok, why := s.info.Hardened(s.family, s.chainguard)
	if !ok {
		if why == "" {
			why = "dflint knows of no " + s.family + " " + language + " image"
		}
		return h, noSplit(why)
	}
	if s.family == images.FamilyDistroless && (s.info.OS == images.Alpine || s.info.Libc == "musl") {
		// The build stays on the stage's image (a Chainguard build moves
		// to Chainguard's own -dev image, on glibc).
		return h, noSplit(fmt.Sprintf("`%s` is built on musl (Alpine): %s built there would not load on `%s`", s.stage.Base, compiled, h.Runtime))
	}
	return h, ""
}

package rewrite

// DF201 for Python: a final stage on a Python image that installs
// compilers and headers to build packages keeps them in the image. The
// split installs the packages into a virtualenv in the build stage and
// copies it, with the application's directory, into the slim variant of
// the same image.

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// pythonBuildPackages are the compilers and headers that building Python
// packages needs and running them does not.
var pythonBuildPackages = shellcmd.Set("gcc", "g++", "make", "build-essential", "build-base", "musl-dev", "libc-dev", "libc6-dev",
	"python3-dev", "python-dev", "linux-headers", "pkg-config", "pkgconf", "pkgconfig", "git", "cargo", "rust", "clang",
	"ca-certificates", "curl", "wget", "gfortran", "cmake",
	// Headers of libraries the Python images themselves link to, so the
	// slim and Alpine variants have the run-time libraries.
	"libffi-dev", "libssl-dev", "openssl-dev", "zlib1g-dev", "zlib-dev", "libbz2-dev", "bzip2-dev", "liblzma-dev", "xz-dev",
	"libsqlite3-dev", "sqlite-dev", "libreadline-dev", "readline-dev", "libncurses-dev", "libncursesw5-dev", "ncurses-dev",
	"libexpat1-dev", "expat-dev", "uuid-dev", "util-linux-dev", "libgdbm-dev", "gdbm-dev")

// pythonCompilers are what makes DF201 report a Python stage.
var pythonCompilers = shellcmd.Set("gcc", "g++", "build-essential", "build-base", "clang", "gfortran", "cargo", "rust")

// PythonBuildsNative tells whether the final stage installs compilers or
// headers (-dev, -devel packages) and pip-installs packages: it builds
// native extensions in the image it ships. It returns the packages.
func PythonBuildsNative(final *parser.Stage) []string {
	var tools []string
	pip := false
	for in := range final.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		removed := removedPackages(in)
		for _, c := range shellcmd.CommandsIn(in) {
			for _, p := range packageNames(c) {
				if removed[p] || removed[virtualName(c)] {
					continue // installed and removed in one RUN: not shipped
				}
				if pythonCompilers[p] || strings.HasSuffix(p, "-dev") || strings.HasSuffix(p, "-devel") {
					tools = append(tools, p)
				}
			}
			if pc, ok := shellcmd.AsPip(c); ok {
				if _, sub, ok := pc.Subcommand(&shellcmd.PipSpec); ok && sub == "install" {
					pip = true
				}
			}
		}
	}
	if !pip {
		return nil
	}
	return tools
}

// PlanPython plans the Python split. Under the slim policies the runtime is
// the slim variant of the same image; under distroless and Chainguard it is
// the family's Python image, which has no shell and no pip
// (pythonHardenedFor).
func PlanPython(s *splitStage) (*splitPlan, noSplit) {
	var hardened *pythonHardened
	if images.IsHardenedFamily(s.family) {
		h, why := pythonHardenedFor(s)
		if why != "" {
			return nil, why
		}
		hardened = h
	}
	var arts []artifact
	venv := ""
	var firstPip *parser.Instruction
	var why noSplit
	lang := func(r *stageRun) bool {
		c := r.cmd
		if pc, ok := shellcmd.AsPip(c); ok {
			_, sub, _ := pc.Subcommand(&shellcmd.PipSpec)
			if sub == "install" {
				if pc.HasOption(&shellcmd.PipSpec, "--user", "--target", "-t", "--prefix", "--root") {
					why = "`pip install` writes outside a virtualenv (--user, --target, --prefix or --root)"
				}
				if strings.Contains(c.Args[0].Value, "/") && (venv == "" || !strings.HasPrefix(c.Args[0].Value, venv+"/")) {
					why = fmt.Sprintf("`%s` names a pip outside the virtualenv", c.Args[0].Value)
				}
				if firstPip == nil {
					firstPip = r.in
				}
			}
			return true
		}
		name := c.Name()
		if shellcmd.IsPythonName(name) {
			if i, ok := shellcmd.PythonModule(c.Args); ok && c.Args[i].Value == "venv" && i+1 < len(c.Args) {
				venv = abs(r.cwd, c.Args[len(c.Args)-1].Value)
				return true
			}
			return false
		}
		if name == "virtualenv" && len(c.Args) > 1 {
			venv = abs(r.cwd, c.Args[len(c.Args)-1].Value)
			return true
		}
		return false
	}
	if why := s.checkRuns(lang, func(p string) bool { return pythonBuildPackages[p] }, &arts); why != "" {
		return nil, why
	}
	if why != "" {
		return nil, why
	}
	if firstPip == nil {
		return nil, "no `pip install` was found"
	}
	if !s.hasWorkdir || s.finalCwd == "/" {
		return nil, "there is no WORKDIR, so the application's files are not in one directory to copy"
	}
	pl := &splitPlan{shell: true, dropEnv: func(k string) bool { return strings.HasPrefix(k, "PIP_") || k == "DEBIAN_FRONTEND" }}
	if hardened != nil && venv != "" && hardened.linkPython {
		return nil, fmt.Sprintf("the stage makes its own virtualenv `%s` with `%s`'s Python, which `%s` does not have: make it with /usr/bin/python as distroless's example does", venv, s.stage.Base, hardened.runtime)
	}
	if venv == "" {
		// Create the virtualenv and put it first on PATH, so that every
		// pip installs into it: before the first install, or on a
		// hardened builder right after its FROM, which keeps the COPY
		// of the requirements next to the install for DF202.
		venv = "/opt/venv"
		kw := func(k string) string { return shellcmd.KeywordInCase(s.stage.From.Keyword, k) }
		nl := s.f.NewlineStyle()
		create := []string{kw("RUN") + " python -m venv " + venv}
		if hardened != nil && hardened.linkPython {
			// The virtualenv's python is a link to the interpreter that
			// made it: distroless has Debian's at /usr/bin/python, the
			// official image its own at /usr/local/bin/python. Making the
			// virtualenv through /usr/bin/python gives a link that
			// resolves in both (GoogleContainerTools/distroless
			// examples/python3-requirements/Dockerfile at cd08076).
			create = []string{"# distroless has Python at /usr/bin/python: the virtualenv links to it there",
				kw("RUN") + " ln -sf /usr/local/bin/python /usr/bin/python && /usr/bin/python -m venv " + venv}
		}
		create = append(create, kw("ENV")+` PATH="`+venv+`/bin:$PATH"`)
		if hardened != nil {
			hardened.prologue = append(hardened.prologue, create...)
		} else {
			at := firstPip.Start
			if cs := s.f.CommentsAbove(firstPip); len(cs) > 0 {
				at = s.f.LineStart(cs[0].Line)
			}
			pl.buildEdits = append(pl.buildEdits, edit.Edit{Start: at, End: at, NewText: strings.Join(create, nl) + nl})
		}
		pl.env = []string{`PATH="` + venv + `/bin:$PATH"`}
	} else if p, _ := shellcmd.EnvBefore(firstPip).Get("PATH"); !strings.Contains(":"+p+":", ":"+venv+"/bin:") {
		return nil, fmt.Sprintf("`pip install` does not run from the virtualenv `%s` (its bin directory is not on PATH)", venv)
	}
	pl.runtime = s.stage.Base
	if tag, ok := s.info.SlimTag(); ok {
		pl.runtime = s.info.Ref.WithTag(tag)
	}
	if !(artifact{path: s.finalCwd, dir: true}).matches(venv) {
		pl.copies = append(pl.copies, [2]string{venv, venv})
	}
	pl.copies = append(pl.copies, [2]string{s.finalCwd, s.finalCwd})
	if hardened != nil {
		ep, why := pythonEntrypoint(s, venv, hardened.runtime)
		if why != "" {
			return nil, why
		}
		pl.runtime, pl.nonroot, pl.shell, pl.entrypoint = hardened.runtime, true, false, ep
		pl.builder, pl.builderPrologue = hardened.builder, hardened.prologue
		pl.title = fmt.Sprintf("Install the packages into a virtualenv in stage `%s` and run on `%s`, which has no shell", s.name, pl.runtime)
		if hardened.note != "" {
			pl.title += " (" + hardened.note + ")"
		}
		return pl, ""
	}
	pl.title = fmt.Sprintf("Install the packages into a virtualenv in stage `%s` and run on `%s`", s.name, pl.runtime)
	return pl, ""
}

// pythonHardened is where a hardened split builds and runs.
type pythonHardened struct {
	// runtime is the family's Python image: no shell, no pip.
	runtime string
	// builder replaces the build stage's image ("" keeps it); prologue
	// are the lines after its FROM.
	builder  string
	prologue []string
	// linkPython makes the virtualenv through /usr/bin/python (distroless).
	linkPython bool
	note       string
}

// pythonHardenedFor finds the family's Python runtime for the stage, and
// where to build for it. A virtualenv runs only on the Python that made
// it, so the build runs on Chainguard's -dev image for Chainguard, and on
// the stage's own image for distroless when its Python is the one
// distroless carries (the equivalents table matches the version).
func pythonHardenedFor(s *splitStage) (*pythonHardened, noSplit) {
	h, why := hardenedRuntime(s, "Python", "packages")
	if why != "" {
		return nil, why
	}
	out := &pythonHardened{runtime: h.Runtime}
	switch s.family {
	case images.FamilyChainguard:
		if h.Shell == "" {
			return nil, noSplit(fmt.Sprintf("Chainguard has no Python image with a shell to build for `%s`", h.Runtime))
		}
		if why := chainguardPackages(s, h.Shell); why != "" {
			return nil, why
		}
		out.builder = h.Shell
		out.note = h.Note
	case images.FamilyDistroless:
		if s.info.Family != "python" {
			return nil, noSplit(fmt.Sprintf("`%s` is not the official Python image, whose interpreter distroless's example links to", s.stage.Base))
		}
		out.linkPython = true
	}
	return out, ""
}

// pythonEntrypoint is the runtime's ENTRYPOINT: the image's command with
// Python and the programs pip installed taken from the virtualenv. The
// runtime has no shell, so the command must be a plain program with its
// arguments.
func pythonEntrypoint(s *splitStage, venv, runtime string) ([]string, noSplit) {
	argv, ok := s.command.argv()
	if !ok || len(argv) == 0 {
		return nil, noSplit(fmt.Sprintf("the command is not a plain program with its arguments, and `%s` has no shell to run it", runtime))
	}
	prog := argv[0]
	base := path.Base(prog)
	switch {
	case shellcmd.IsPythonName(base) && (!strings.Contains(prog, "/") || path.Dir(prog) == "/usr/local/bin" || path.Dir(prog) == "/usr/bin"):
		prog = venv + "/bin/" + base
	case strings.HasPrefix(prog, venv+"/bin/"):
	case !strings.Contains(prog, "/") && !parser.IsPOSIXShell(prog) && !strings.HasSuffix(prog, ".sh") && !notFromPip[prog]:
		// A bare name on a Python image is a program pip installed:
		// flask, gunicorn, uvicorn.
		prog = venv + "/bin/" + prog
	default:
		return nil, noSplit(fmt.Sprintf("the command runs `%s`, which `%s` (no shell) may not run", argv[0], runtime))
	}
	return entrypointFor(s, prog), ""
}

// notFromPip are programs a Python image's command may run that pip does
// not install.
var notFromPip = shellcmd.Set("nginx", "httpd", "apache2ctl", "cron", "crond", "tini", "tail", "sleep", "echo", "env", "exec", "node", "npm", "java")

// PythonRuntime is the image the message names for a Python stage.
func PythonRuntime(info images.Info, base string) string {
	if tag, ok := info.SlimTag(); ok {
		return info.Ref.WithTag(tag)
	}
	return base
}

// removedPackages lists the packages (and apk virtual packages) a RUN
// removes: `apk del .build-deps`, `apt-get purge -y gcc`.
func removedPackages(in *parser.Instruction) map[string]bool {
	out := map[string]bool{}
	for _, c := range shellcmd.CommandsIn(in) {
		var words []parser.Word
		if sub, name := shellcmd.ApkSub(c); name == "del" {
			words = c.OperandsAfter(&shellcmd.ApkSpec, sub)
		} else if n := c.Name(); n == "apt-get" || n == "apt" {
			if sub, name, ok := c.Subcommand(&shellcmd.AptSpec); ok && (name == "purge" || name == "remove") {
				words = c.OperandsAfter(&shellcmd.AptSpec, sub)
			}
		} else if shellcmd.RpmFamily(c) != "" {
			if sub, name, ok := c.Subcommand(shellcmd.RpmSpec(c)); ok && (name == "remove" || name == "erase") {
				words = c.OperandsAfter(shellcmd.RpmSpec(c), sub)
			}
		}
		for _, w := range words {
			out[packageBaseName(shellcmd.WordText(w))] = true
		}
	}
	return out
}

// virtualName is the --virtual (-t) name of an `apk add`, "" if none.
func virtualName(c *shellcmd.Command) string {
	if _, name := shellcmd.ApkSub(c); name != "add" {
		return ""
	}
	v, _ := c.OptionValue(&shellcmd.ApkSpec, "--virtual", "-t")
	if v == "" {
		return "\x00none"
	}
	return v
}

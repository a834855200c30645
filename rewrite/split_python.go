package rewrite

// DF201 for Python: a final stage on a Python image that installs
// compilers and headers to build packages keeps them in the image. The
// split installs the packages into a virtualenv in the build stage and
// copies it, with the application's directory, into the slim variant of
// the same image.

import (
	"fmt"
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

func PlanPython(s *splitStage) (*splitPlan, noSplit) {
	if s.family == "chainguard" {
		return nil, "Chainguard's Python image has another Python build than `" + s.stage.Base + "`, so a virtualenv made here would not run there"
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
	if venv == "" {
		// Create the virtualenv before the first install and put it
		// first on PATH, so that every pip installs into it.
		venv = "/opt/venv"
		kw := func(k string) string { return shellcmd.KeywordInCase(s.stage.From.Keyword, k) }
		nl := s.f.NewlineStyle()
		at := firstPip.Start
		if cs := s.f.CommentsAbove(firstPip); len(cs) > 0 {
			at = s.f.LineStart(cs[0].Line)
		}
		pl.buildEdits = append(pl.buildEdits, edit.Edit{Start: at, End: at,
			NewText: kw("RUN") + " python -m venv " + venv + nl + kw("ENV") + ` PATH="` + venv + `/bin:$PATH"` + nl})
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
	pl.title = fmt.Sprintf("Install the packages into a virtualenv in stage `%s` and run on `%s`", s.name, pl.runtime)
	return pl, ""
}

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

package rewrite

// The multi-stage split behind DF201's fix. A single stage on a toolchain
// image becomes a build stage (the original FROM, named `build`) and a
// runtime stage on a small image that gets only the build's output.
//
// The work is shared between this file and one planner per language
// (split_go.go, split_rust.go, …):
//
//   - analyseSplit reads the stage: the working directory at every
//     instruction, what every RUN does (each command must be one the
//     planner or this file knows to be build-only: a package install of a
//     build tool, the language's build tool, a copy inside the build
//     directory…), where the build's output ends up (artifacts, followed
//     through `cp`/`mv`), and which command the image runs.
//   - the planner decides the runtime image, the edits to the build
//     command (CGO_ENABLED=0, --release, …), what to copy from the build
//     stage and the runtime's command, or why it cannot (a wrong split is
//     worse than none: the reason goes into the finding's message).
//   - splitEdits turns the plan into edits: ` AS build` on the FROM, the
//     planner's edits, the instructions that only matter at run time
//     (CMD, ENTRYPOINT, EXPOSE, LABEL, USER, HEALTHCHECK, …) moved into the
//     runtime stage, and the ones both stages need (WORKDIR, ENV, the ARGs
//     they use) repeated there.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// splitStage is what analyseSplit learns about the stage to split.
type splitStage struct {
	f     *parser.File
	stage *parser.Stage
	info  images.Info
	// family is the base-image policy for this image ("", "slim",
	// "alpine", "distroless", "chainguard"); chainguard is the registry
	// and organisation of Chainguard images.
	family, chainguard string
	// name is the build stage's name, as COPY --from writes it.
	name string
	// cwd is the working directory before each instruction ("" when it
	// cannot be known).
	cwd map[*parser.Instruction]string
	// workdirs are the directories WORKDIR set; the build directory is
	// any of them (and /tmp).
	workdirs []string
	// finalCwd is the working directory at the end of the stage;
	// hasWorkdir tells whether a WORKDIR set it.
	finalCwd   string
	hasWorkdir bool
	// runs are the stage's RUN instructions with their commands.
	runs []*stageRun
	// command is what the image runs.
	command stageCommand
	// packages are the packages the stage installs, in order.
	packages []string
}

// stageRun is one command of a RUN with the directory it runs in.
type stageRun struct {
	in  *parser.Instruction
	cmd *shellcmd.Command
	cwd string
}

// stageCommand is the CMD and ENTRYPOINT of the stage.
type stageCommand struct {
	ep, cmd *parser.Instruction
	// epArgv and cmdArgv are their arguments (exec form, or the plain
	// words of a shell form); nil when absent or not plain.
	epArgv, cmdArgv []string
}

// argv is the command line the container runs, when it can be read: the
// exec-form ENTRYPOINT followed by the CMD, or the one that is set.
func (c stageCommand) argv() ([]string, bool) {
	switch {
	case c.ep != nil && c.epArgv == nil, c.cmd != nil && c.cmdArgv == nil:
		return nil, false
	case c.ep != nil && !c.ep.IsJSONForm() && c.cmd != nil:
		return nil, false // a shell-form ENTRYPOINT ignores CMD: unusual, left alone
	case c.ep != nil:
		return append(append([]string{}, c.epArgv...), c.cmdArgv...), true
	case c.cmd != nil:
		return c.cmdArgv, true
	}
	return nil, false
}

// artifact is a path the build writes that the runtime stage may need: a
// file, a directory (dir), or a glob pattern.
type artifact struct {
	path string
	dir  bool
	glob bool
}

func (a artifact) matches(p string) bool {
	switch {
	case a.glob:
		ok, _ := path.Match(a.path, p)
		return ok
	case a.dir:
		return p == a.path || strings.HasPrefix(p, a.path+"/")
	}
	return p == a.path
}

// splitPlan is a planner's decision.
type splitPlan struct {
	runtime string // the runtime image
	// builder, when set, replaces the build stage's image (Chainguard's
	// toolchain under the chainguard policy); builderEdits runs it as
	// root, as the toolchain image it replaces did. builderPrologue are
	// lines written right after the build stage's FROM (the virtualenv a
	// hardened Python split makes).
	builder         string
	builderPrologue []string
	// nonroot tells whether the runtime image runs as a non-root user by
	// default (distroless :nonroot, Chainguard, nginx-unprivileged).
	nonroot bool
	// shell tells whether the runtime image has /bin/sh.
	shell bool
	// buildEdits change the build stage's commands.
	buildEdits []edit.Edit
	// copies are the COPY --from=build lines, source and destination.
	copies [][2]string
	// entrypoint, when set, replaces the original CMD and ENTRYPOINT's
	// program: the runtime gets `ENTRYPOINT [entrypoint…]`, and the CMD
	// only when it gives the ENTRYPOINT's arguments.
	entrypoint []string
	// noCommand drops the original CMD/ENTRYPOINT: the runtime image's own
	// command runs (nginx).
	noCommand bool
	// env are extra ENV lines for the runtime (`PATH=…`), written before
	// the copies.
	env []string
	// extra are instructions written after the copies (an nginx config).
	extra []string
	// dropEnv tells whether an ENV key matters only to the build.
	dropEnv func(key string) bool
	// dropExpose drops the original EXPOSE (the runtime listens elsewhere)
	// and exposes these ports instead.
	expose []string
	// noWorkdir leaves the WORKDIR out of the runtime stage.
	noWorkdir bool
	// workdir, when set, is the runtime stage's WORKDIR instead of the
	// stage's last one (.NET: the publish directory, ASP.NET Core's
	// content root).
	workdir string
	// title is the fix's title.
	title string
}

// noSplit is why a split is not offered.
type noSplit = string

// Planner is one language's half of the split: it decides the runtime
// image, the edits to the build command, what to copy from the build stage
// and the runtime's command, or why it cannot.
type Planner = func(*splitStage) (*splitPlan, noSplit)

// Unsupported is the planner of a language dflint does not split: it
// says why.
func Unsupported(why string) Planner {
	return func(*splitStage) (*splitPlan, noSplit) { return nil, why }
}

// Split builds DF201's fix for the final stage of f, a single stage on
// the toolchain image info, with the runtime family that policy chooses
// and the language's planner: the fix, or why there is none.
func Split(f *parser.File, final *parser.Stage, info images.Info, policy *BasePolicy, plan Planner) (*edit.Fix, noSplit) {
	if final.BaseStage != nil {
		return nil, noSplit(fmt.Sprintf("the final stage is built on stage `%s`: split it by hand", final.Base))
	}
	s, why := analyseSplit(f, policy, final, info)
	if why != "" {
		return nil, why
	}
	pl, why := plan(s)
	if why != "" {
		return nil, why
	}
	edits, why := splitEdits(s, pl)
	if why != "" {
		return nil, why
	}
	return &edit.Fix{Title: pl.title, Applicability: edit.Unsafe, Edits: edits, Restructures: StagesOn(f, final.RootImage())}, ""
}

// imageDefaults are the variables and working directory that toolchain
// images set and Dockerfiles rely on ($GOPATH, WORKDIR /go).
var imageDefaults = map[string]struct {
	env     map[string]string
	workdir string
	path    []string
}{
	"golang":     {env: map[string]string{"GOPATH": "/go"}, workdir: "/go", path: []string{"/go/bin", "/usr/local/go/bin"}},
	"rust":       {env: map[string]string{"CARGO_HOME": "/usr/local/cargo", "RUSTUP_HOME": "/usr/local/rustup"}, path: []string{"/usr/local/cargo/bin"}},
	"maven":      {env: map[string]string{"MAVEN_HOME": "/usr/share/maven"}},
	"dotnet-sdk": {},
}

// systemPath is the PATH of the Debian and Alpine based images.
var systemPath = []string{"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}

func analyseSplit(f *parser.File, policy *BasePolicy, final *parser.Stage, info images.Info) (*splitStage, noSplit) {
	ref, _ := final.Image()
	s := &splitStage{f: f, stage: final, info: info, cwd: map[*parser.Instruction]string{}}
	s.family, s.chainguard = policy.SplitFamily(ref)
	s.name = final.Name
	if s.name == "" {
		s.name = "build"
		for _, o := range f.Stages {
			if o.Name == "build" {
				return nil, "a stage is already named `build`"
			}
		}
	}
	defaults := imageDefaults[info.Family]
	cwd := "/"
	if defaults.workdir != "" {
		cwd = defaults.workdir
	}
	s.workdirs = []string{"/tmp"}
	if defaults.workdir != "" {
		s.workdirs = append(s.workdirs, defaults.workdir)
	}
	// Every directory a WORKDIR names is part of the build directory,
	// also for a COPY written before the WORKDIR (`COPY . /src`, then
	// `WORKDIR /src`).
	pre := cwd
	for _, in := range final.Instructions[1:] {
		if c, ok := in.Command.(*instructions.WorkdirCommand); ok {
			if dir, ok := s.expand(in, c.Path); ok {
				pre = abs(pre, dir)
				s.workdirs = append(s.workdirs, pre)
			}
		}
	}
	for _, in := range final.Instructions[1:] {
		s.cwd[in] = cwd
		switch c := in.Command.(type) {
		case *instructions.OnbuildCommand:
			return nil, "the stage has ONBUILD triggers, which run in images built on it"
		case *instructions.WorkdirCommand:
			dir, ok := s.expand(in, c.Path)
			if !ok {
				return nil, noSplit(fmt.Sprintf("WORKDIR `%s` uses a variable whose value is not known", c.Path))
			}
			if !path.IsAbs(dir) {
				if cwd == "" {
					return nil, "the working directory is not known"
				}
				dir = path.Join(cwd, dir)
			}
			cwd = path.Clean(dir)
			s.hasWorkdir = true
		case *instructions.CopyCommand:
			if why := s.checkCopy(in, c.SourcesAndDest.DestPath, c.From, cwd); why != "" {
				return nil, why
			}
		case *instructions.AddCommand:
			if why := s.checkCopy(in, c.SourcesAndDest.DestPath, "", cwd); why != "" {
				return nil, why
			}
		case *instructions.RunCommand:
			if len(in.Scripts()) == 0 || in.IsJSONForm() {
				return nil, "a RUN in exec form or without a readable script"
			}
			for _, sc := range in.Scripts() {
				if sc.Err != nil || sc.AST == nil {
					return nil, "a RUN whose shell script does not parse"
				}
			}
			runCwd := cwd
			for _, c := range shellcmd.CommandsIn(in) {
				if c.Name() == "cd" && len(c.Args) == 2 && c.Args[1].Literal {
					d := c.Args[1].Value
					if !path.IsAbs(d) {
						d = path.Join(runCwd, d)
					}
					runCwd = path.Clean(d)
					continue
				}
				s.runs = append(s.runs, &stageRun{in: in, cmd: c, cwd: runCwd})
			}
		}
	}
	s.finalCwd = cwd
	ep, cmd := shellcmd.CommandInstructions(final)
	s.command = stageCommand{ep: ep, cmd: cmd, epArgv: plainArgv(ep), cmdArgv: plainArgv(cmd)}
	for _, r := range s.runs {
		s.packages = append(s.packages, packageNames(r.cmd)...)
	}
	return s, ""
}

// checkCopy accepts a COPY or ADD into the build directory: files copied
// anywhere else may be what the program reads at run time.
func (s *splitStage) checkCopy(in *parser.Instruction, dest, from, cwd string) noSplit {
	d, ok := s.expand(in, dest)
	if !ok {
		return noSplit(fmt.Sprintf("%s to `%s` uses a variable whose value is not known", strings.ToUpper(in.Name), dest))
	}
	if !path.IsAbs(d) {
		if cwd == "" {
			return "the working directory is not known"
		}
		d = path.Join(cwd, d)
	}
	d = path.Clean(d)
	if s.inBuildDir(d) {
		return ""
	}
	what := "files"
	if from != "" {
		what = "files from `" + from + "`"
	}
	return noSplit(fmt.Sprintf("%s copies %s to `%s`, outside the build directory: the program may need them at run time", strings.ToUpper(in.Name), what, d))
}

// inBuildDir tells whether an absolute path is in a directory set by
// WORKDIR, or in /tmp.
func (s *splitStage) inBuildDir(p string) bool {
	for _, w := range s.workdirs {
		if w != "/" && (p == w || strings.HasPrefix(p, w+"/")) {
			return true
		}
	}
	return false
}

// expand expands a word with the Dockerfile's ARG and ENV values and the
// toolchain image's own variables ($GOPATH). ok is false when a variable
// is not known.
func (s *splitStage) expand(in *parser.Instruction, word string) (string, bool) {
	if !strings.ContainsRune(word, '$') {
		return shellcmd.Unquote(word), true
	}
	env := shellcmd.EnvBefore(in).Clone()
	for k, v := range imageDefaults[s.info.Family].env {
		if _, ok := env.Get(k); !ok {
			env.Set(k, v)
		}
	}
	res, err := shell.NewLex(s.f.Escape).ProcessWordWithMatches(word, env)
	if err != nil || len(res.Unmatched) > 0 {
		return "", false
	}
	return res.Result, true
}

// abs resolves a path against a working directory.
func abs(cwd, p string) string {
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	return path.Join(cwd, p)
}

// plainArgv returns the arguments of a CMD or ENTRYPOINT: the JSON array,
// or the words of a shell form that is one plain command (no expansions,
// operators or globs), read as shellcmd.PlainCommand reads them. nil when
// absent or not plain.
func plainArgv(in *parser.Instruction) []string {
	if in == nil {
		return nil
	}
	if in.IsJSONForm() {
		return in.Args()
	}
	_, _, argv, ok := shellcmd.PlainCommand(in)
	if !ok {
		return nil
	}
	return argv
}

// packageNames lists the names of the packages an apt, apk, yum/dnf or
// zypper install command names (installedPackages of DF205, versions
// dropped).
func packageNames(c *shellcmd.Command) []string {
	words, _ := shellcmd.InstalledPackages(c)
	var out []string
	for _, w := range words {
		out = append(out, packageBaseName(shellcmd.WordText(w)))
	}
	return out
}

// packageBaseName drops a version or release from a package operand:
// `gcc=4:12.2` and `gcc~=12` give gcc.
func packageBaseName(p string) string {
	if i := strings.IndexAny(p, "=<>~:"); i > 0 {
		p = p[:i]
	}
	return p
}

// isPackageCommand tells whether a command only manages the package
// manager's state (update, clean, remove): nothing the runtime needs.
func isPackageCommand(c *shellcmd.Command) bool {
	switch c.Name() {
	case "apt-get", "apt":
		_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
		return ok && (sub == "update" || sub == "install" || sub == "clean" || sub == "autoremove" || sub == "purge" || sub == "remove" || sub == "autoclean")
	case "apk":
		_, sub := shellcmd.ApkSub(c)
		return sub == "update" || sub == "add" || sub == "del" || sub == "cache" || sub == "upgrade"
	case "yum", "dnf", "microdnf", "zypper", "dnf5":
		_, sub, ok := c.Subcommand(shellcmd.RpmSpec(c))
		return ok && (sub == "install" || sub == "in" || sub == "clean" || sub == "makecache" || sub == "update" || sub == "remove" || sub == "refresh" || sub == "ref")
	}
	return false
}

// userCommands create users and groups: the user stays in the build stage
// (the runtime stage runs as its own user).
var userCommands = map[string]bool{"useradd": true, "adduser": true, "groupadd": true, "addgroup": true, "usermod": true}

// harmlessCommands change nothing that a runtime stage could need.
var harmlessCommands = map[string]bool{
	"rm": true, "echo": true, "printf": true, "true": true, "false": true, ":": true, "set": true, "export": true,
	"ls": true, "pwd": true, "cat": true, "test": true, "[": true, "which": true, "sleep": true, "env": true,
	"du": true, "file": true, "git": true, "id": true, "whoami": true, "uname": true, "df": true,
	"grep": true, "egrep": true, "awk": true, "head": true, "tail": true, "sort": true, "wc": true, "tr": true,
	"cut": true, "diff": true, "cmp": true, "sha256sum": true, "sha512sum": true, "md5sum": true, "date": true,
}

// fileCommands are checked operand by operand: they may only touch the
// build directory and the build's artifacts.
var fileCommands = map[string]bool{
	"mkdir": true, "cp": true, "mv": true, "ln": true, "install": true, "touch": true,
	"chmod": true, "chown": true, "strip": true, "upx": true, "tar": false,
}

// checkRuns checks every command of the stage's RUNs: lang accepts the
// language's own tools (and reports whether the command is a build);
// packages is the set of build-only packages the stage may install. It
// follows `cp`/`mv`/`install` of artifacts to their destinations.
func (s *splitStage) checkRuns(lang func(r *stageRun) (ok bool), buildOnly func(pkg string) bool, arts *[]artifact) noSplit {
	var odd []string
	for _, pkg := range s.packages {
		if !buildOnly(pkg) {
			odd = append(odd, pkg)
		}
	}
	if len(odd) > 0 {
		return noSplit(fmt.Sprintf("the stage installs %s, which the program may need at run time", shellcmd.QuotedList(odd)))
	}
	for _, r := range s.runs {
		name := r.cmd.Name()
		switch {
		case lang(r), isPackageCommand(r.cmd), userCommands[name], harmlessCommands[name]:
			continue
		case fileCommands[name]:
			if why := s.checkFileCommand(r, arts); why != "" {
				return why
			}
			continue
		}
		return noSplit(fmt.Sprintf("RUN `%s` may prepare something the program needs at run time", commandSummary(r.cmd)))
	}
	return ""
}

// packageCommand is the stage's first command that runs a package
// manager (apt-get, apk, dnf …), nil when there is none: a build that
// moves to a Chainguard toolchain image cannot run it there.
func (s *splitStage) packageCommand() *stageRun {
	for _, r := range s.runs {
		if isPackageCommand(r.cmd) {
			return r
		}
	}
	return nil
}

// commandSummary is the command's name and first argument, for messages.
func commandSummary(c *shellcmd.Command) string {
	parts := []string{c.Name()}
	for _, w := range c.Args[1:] {
		if !strings.HasPrefix(w.Value, "-") {
			parts = append(parts, shellcmd.WordText(w))
			break
		}
	}
	if len(c.Args) > len(parts) {
		parts = append(parts, "…")
	}
	return strings.Join(parts, " ")
}

// checkFileCommand accepts mkdir, cp, mv, … whose paths are all in the
// build directory or are artifacts; cp, mv and install of an artifact to
// another place make that place an artifact too.
func (s *splitStage) checkFileCommand(r *stageRun, arts *[]artifact) noSplit {
	c := r.cmd
	var ops []string
	for _, w := range c.Args[1:] {
		if !w.Literal {
			return noSplit(fmt.Sprintf("RUN `%s` works on a path whose value is not known", commandSummary(c)))
		}
		if strings.HasPrefix(w.Value, "-") {
			continue
		}
		ops = append(ops, w.Value)
	}
	if c.Name() == "chown" && len(ops) > 0 {
		ops = ops[1:] // the owner
	}
	if c.Name() == "chmod" && len(ops) > 0 {
		ops = ops[1:] // the mode
	}
	isArtifact := func(p string) bool {
		for _, a := range *arts {
			if a.matches(p) {
				return true
			}
		}
		return false
	}
	switch c.Name() {
	case "cp", "mv", "install":
		if len(ops) >= 2 {
			dest := abs(r.cwd, ops[len(ops)-1])
			srcs := ops[:len(ops)-1]
			anyArtifact := false
			for _, src := range srcs {
				if isArtifact(abs(r.cwd, src)) || strings.ContainsAny(src, "*?[") && globHitsArtifact(abs(r.cwd, src), *arts) {
					anyArtifact = true
				}
			}
			if anyArtifact {
				into := strings.HasSuffix(ops[len(ops)-1], "/") || len(srcs) > 1
				for _, src := range srcs {
					a := artifact{path: dest}
					if into {
						a = artifact{path: path.Join(dest, path.Base(src)), glob: strings.ContainsAny(src, "*?[")}
					}
					*arts = append(*arts, a)
				}
				return ""
			}
		}
	}
	for _, o := range ops {
		p := abs(r.cwd, o)
		if !s.inBuildDir(p) && !isArtifact(p) {
			return noSplit(fmt.Sprintf("RUN `%s` changes `%s`, outside the build directory: the program may need it at run time", commandSummary(c), p))
		}
	}
	return ""
}

// globHitsArtifact tells whether a glob in a cp/mv could match an artifact.
func globHitsArtifact(glob string, arts []artifact) bool {
	for _, a := range arts {
		if a.glob && a.path == glob {
			return true
		}
		if ok, _ := path.Match(glob, a.path); ok {
			return true
		}
		if a.dir && strings.HasPrefix(glob, a.path+"/") {
			return true
		}
	}
	return false
}

// programPath resolves the program of a command line to an absolute path:
// a path against the final working directory, a bare name against the
// PATH directories of the image and the artifacts.
func (s *splitStage) programPath(argv0 string, arts []artifact) (string, bool) {
	if strings.Contains(argv0, "/") {
		if s.finalCwd == "" && !path.IsAbs(argv0) {
			return "", false
		}
		return abs(s.finalCwd, argv0), true
	}
	dirs := append(append([]string{}, imageDefaults[s.info.Family].path...), systemPath...)
	for _, d := range dirs {
		p := path.Join(d, argv0)
		for _, a := range arts {
			if a.matches(p) {
				return p, true
			}
		}
	}
	return "", false
}

// findArtifact resolves the program of a command line (programPath) and
// checks that the build writes it.
func (s *splitStage) findArtifact(argv0 string, arts []artifact) (string, bool) {
	p, ok := s.programPath(argv0, arts)
	if !ok {
		return "", false
	}
	for _, a := range arts {
		if a.matches(p) {
			return p, true
		}
	}
	return "", false
}

// splitEdits turns a plan into the fix's edits.
func splitEdits(s *splitStage, pl *splitPlan) ([]edit.Edit, noSplit) {
	f := s.f
	nl := f.NewlineStyle()
	kw := func(k string) string { return shellcmd.KeywordInCase(s.stage.From.Keyword, k) }
	var edits []edit.Edit
	fromEdits, why := builderEdits(s, pl, kw, nl)
	if why != "" {
		return nil, why
	}
	edits = append(edits, fromEdits...)
	edits = append(edits, pl.buildEdits...)

	// Sort the stage's instructions: kept in the build stage, or moved to
	// the runtime stage (the instructions that only matter when the
	// container runs). WORKDIR, ENV and ARG stay and are repeated.
	lastKept := s.stage.From
	var moves []*parser.Instruction
	var lastUser *parser.Instruction
	for _, in := range s.stage.Instructions[1:] {
		switch in.Name {
		case "cmd", "entrypoint", "expose", "label", "maintainer", "stopsignal", "healthcheck", "volume":
			moves = append(moves, in)
		case "user":
			lastUser = in
			if runAfter(s, in) {
				lastKept = in // later RUNs run as this user
			} else {
				moves = append(moves, in)
			}
		default:
			lastKept = in
		}
	}
	userLine, why := runtimeUser(s, pl, lastUser)
	if why != "" {
		return nil, why
	}

	// A moved instruction takes its comment lines along: those directly
	// above it, and in the tail (after the last kept instruction) every
	// comment line since the previous instruction.
	tailStart := lastKept.End
	tailEnd := s.stage.Instructions[len(s.stage.Instructions)-1].End
	type moved struct {
		in       *parser.Instruction
		comments []string
		body     string
	}
	var movedList []moved
	for _, in := range moves {
		m := moved{in: in, body: string(f.Source[in.Start:in.End])}
		if in.Index > lastKept.Index {
			prevEnd := f.Instructions[in.Index-1].End
			for _, c := range f.Comments {
				if c.Start >= prevEnd && c.Start < in.Start {
					m.comments = append(m.comments, string(f.Source[f.LineStart(c.Line):c.End]))
				}
			}
		} else {
			first := in.StartLine
			for _, c := range f.CommentsAbove(in) {
				if first == in.StartLine {
					first = c.Line
				}
				m.comments = append(m.comments, string(f.Source[f.LineStart(c.Line):c.End]))
			}
			start, end := f.LinesRange(first, in.EndLine)
			edits = append(edits, edit.Edit{Start: start, End: end})
		}
		movedList = append(movedList, m)
	}

	usedVars := map[string]bool{}
	var before, after, command []moved
	for _, m := range movedList {
		switch m.in.Name {
		case "cmd", "entrypoint":
			if pl.noCommand {
				continue
			}
			command = append(command, m)
			continue
		case "user":
			continue
		case "expose":
			if pl.expose != nil {
				continue
			}
		case "healthcheck":
			if why := checkHealthcheck(s, pl, m.in); why != "" {
				return nil, why
			}
		}
		collectVars(m.in, usedVars)
		if m.in.Name == "label" || m.in.Name == "maintainer" {
			before = append(before, m)
		} else {
			after = append(after, m)
		}
	}
	if pl.entrypoint == nil {
		for _, m := range command {
			collectVars(m.in, usedVars)
		}
	}

	// ENV lines the runtime needs.
	var envLines []string
	for _, in := range s.stage.Instructions[1:] {
		c, ok := in.Command.(*instructions.EnvCommand)
		if !ok {
			continue
		}
		keep := false
		for _, kv := range c.Env {
			if pl.dropEnv == nil || !pl.dropEnv(kv.Key) {
				keep = true
			}
		}
		if keep {
			envLines = append(envLines, string(f.Source[in.Start:in.End]))
			collectVars(in, usedVars)
		}
	}
	// The ARGs that the repeated and moved lines use.
	var argLines []string
	for _, in := range s.stage.Instructions[1:] {
		c, ok := in.Command.(*instructions.ArgCommand)
		if !ok {
			continue
		}
		for _, kv := range c.Args {
			if usedVars[kv.Key] {
				argLines = append(argLines, string(f.Source[in.Start:in.End]))
				break
			}
		}
	}

	var b strings.Builder
	line := func(s string) { b.WriteString(nl); b.WriteString(s) }
	writeMoved := func(m moved) {
		for _, c := range m.comments {
			line(c)
		}
		line(m.body)
	}
	b.WriteString(nl)
	from := kw("FROM") + " "
	if p := s.stage.Platform; p != "" && !(strings.Contains(p, "BUILDPLATFORM") && crossCompiles(s)) {
		// The image was built for this platform: the runtime stage
		// keeps it, so that the binary and its base agree. A build on
		// $BUILDPLATFORM that compiles for the target ($TARGETARCH)
		// makes a binary for the runtime stage's default platform.
		from += "--platform=" + p + " "
	}
	line(from + pl.runtime)
	for _, a := range argLines {
		line(a)
	}
	for _, m := range before {
		writeMoved(m)
	}
	for _, e := range envLines {
		line(e)
	}
	for _, e := range pl.env {
		line(kw("ENV") + " " + e)
	}
	switch {
	case pl.workdir != "":
		line(kw("WORKDIR") + " " + pl.workdir)
	case s.hasWorkdir && !pl.noWorkdir:
		line(kw("WORKDIR") + " " + s.finalCwd)
	}
	for _, c := range pl.copies {
		line(kw("COPY") + " --from=" + s.name + " " + c[0] + " " + c[1])
	}
	for _, e := range pl.extra {
		line(e)
	}
	for _, e := range pl.expose {
		line(kw("EXPOSE") + " " + e)
	}
	for _, m := range after {
		writeMoved(m)
	}
	if userLine != "" {
		line(userLine)
	}
	if pl.entrypoint != nil {
		for _, m := range command {
			for _, c := range m.comments {
				line(c)
			}
		}
		line(kw("ENTRYPOINT") + " " + jsonArray(pl.entrypoint))
		// An exec-form ENTRYPOINT's CMD still gives its arguments.
		for _, m := range command {
			if m.in.Name == "cmd" && s.command.ep != nil && s.command.ep.IsJSONForm() && m.in == s.command.cmd {
				line(m.body)
			}
		}
	} else {
		for _, m := range command {
			writeMoved(m)
		}
	}
	edits = append(edits, edit.Edit{Start: tailStart, End: tailEnd, NewText: b.String()})
	edit.Sort(edits)
	for i := 1; i < len(edits); i++ {
		if edits[i].Start < edits[i-1].End {
			return nil, "the build command and the lines to move overlap"
		}
	}
	return edits, ""
}

// crossCompiles tells whether the stage's instructions use the target
// platform's build arguments (GOARCH=$TARGETARCH, --target from
// $TARGETPLATFORM): its program is built for the target, not for the
// platform the stage runs on.
func crossCompiles(s *splitStage) bool {
	for _, in := range s.stage.Instructions[1:] {
		if strings.Contains(in.Logical().Args(), "TARGET") {
			used := map[string]bool{}
			collectVars(in, used)
			for v := range used {
				if strings.HasPrefix(v, "TARGET") {
					return true
				}
			}
		}
	}
	return false
}

// builderEdits names the build stage (` AS build`), moves it to the
// plan's builder image and writes the builder's prologue after its FROM.
//
// The FROM is rewritten up to its image word, with the stage name after
// it, rather than only followed by it: the fix then starts before any fix
// of the image word (DF104, DF105, DF106 change the tag or the image) and
// the rewriter takes the split first. Without a builder the build stage
// keeps the image it had; the runtime stage is the small one, chosen by
// the policy.
func builderEdits(s *splitStage, pl *splitPlan, kw func(string) string, nl string) ([]edit.Edit, noSplit) {
	f, from := s.f, s.stage.From
	lg := from.Logical()
	at := lg.FileOffset(len(lg.Text))
	w, ok := shellcmd.FromImageWord(from)
	noComment := !shellcmd.CommentInRange(f, from.Start, at)
	plain := ok && w.End-w.Start == len(w.Text) && noComment
	prologue := ""
	if b := images.LookupName(pl.builder); pl.builder != "" && (!b.UserKnown || !b.RunsAsRoot()) {
		// Chainguard's toolchains run as a non-root user; the build
		// writes where the image it replaces let root write.
		prologue += nl + kw("USER") + " root"
	}
	for _, l := range pl.builderPrologue {
		prologue += nl + l
	}
	if pl.builder != "" && !plain {
		return nil, noSplit(fmt.Sprintf("the FROM line cannot be rewritten to `%s`", pl.builder))
	}
	var edits []edit.Edit
	switch {
	case pl.builder != "":
		text := string(f.Source[from.Start:w.Start]) + pl.builder
		if s.stage.Name == "" {
			text += " " + kw("AS") + " " + s.name
		} else {
			text += string(f.Source[w.End:at])
		}
		edits = append(edits, edit.Edit{Start: from.Start, End: at, NewText: text})
	case s.stage.Name == "":
		e := edit.Edit{Start: at, End: at, NewText: " " + kw("AS") + " " + s.name}
		if ok && w.End == at && noComment {
			e = edit.Edit{Start: from.Start, End: at, NewText: string(f.Source[from.Start:at]) + e.NewText}
		}
		edits = append(edits, e)
	}
	if prologue != "" {
		if len(edits) > 0 && edits[0].End == from.End {
			edits[0].NewText += prologue
		} else {
			edits = append(edits, edit.Edit{Start: from.End, End: from.End, NewText: prologue})
		}
	}
	return edits, ""
}

// runtimeUser decides the USER line of the runtime stage from the stage's
// last USER: a numeric non-root user carries over; root and a user made in
// the build stage give way to the runtime image's own non-root user, or
// prevent the split when the runtime image runs as root (the user would
// not exist there).
func runtimeUser(s *splitStage, pl *splitPlan, last *parser.Instruction) (string, noSplit) {
	if last == nil {
		return "", ""
	}
	c, ok := last.Command.(*instructions.UserCommand)
	if !ok {
		return "", ""
	}
	name, _, _ := strings.Cut(c.User, ":")
	switch {
	case strings.Contains(c.User, "$"):
		return "", noSplit(fmt.Sprintf("USER `%s` uses a variable", c.User))
	case images.IsRootUser(c.User):
		// Root in the runtime image is either its default already, or
		// what its own non-root user replaces.
		return "", ""
	case isNumeric(name) && !images.IsRootUser(c.User):
		return string(s.f.Source[last.Start:last.End]), ""
	case pl.nonroot:
		return "", ""
	}
	return "", noSplit(fmt.Sprintf("USER `%s` is created in this stage and would not exist in the runtime image `%s`", c.User, pl.runtime))
}

// runAfter tells whether a RUN follows the instruction in its stage.
func runAfter(s *splitStage, in *parser.Instruction) bool {
	for _, x := range s.stage.Instructions {
		if x.Index > in.Index && x.Name == "run" {
			return true
		}
	}
	return false
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// collectVars records the variables an instruction's text refers to.
func collectVars(in *parser.Instruction, into map[string]bool) {
	text := in.Logical().Args()
	for i := 0; i < len(text); i++ {
		if text[i] != '$' || i+1 >= len(text) {
			continue
		}
		j := i + 1
		if text[j] == '{' {
			j++
		}
		k := j
		for k < len(text) && (text[k] == '_' || text[k] >= 'a' && text[k] <= 'z' || text[k] >= 'A' && text[k] <= 'Z' || k > j && text[k] >= '0' && text[k] <= '9') {
			k++
		}
		if k > j {
			into[text[j:k]] = true
		}
	}
}

// checkHealthcheck accepts a HEALTHCHECK the runtime image can run: NONE,
// or an exec-form check that runs the program itself.
func checkHealthcheck(s *splitStage, pl *splitPlan, in *parser.Instruction) noSplit {
	c, ok := in.Command.(*instructions.HealthCheckCommand)
	if !ok || c.Health == nil || len(c.Health.Test) == 0 || c.Health.Test[0] == "NONE" {
		return ""
	}
	test := c.Health.Test
	if test[0] == "CMD" && len(test) > 1 && pl.entrypoint != nil {
		if p, ok := s.programPath(test[1], nil); ok && p == pl.entrypoint[0] {
			return ""
		}
		if strings.Contains(test[1], "/") && abs(s.finalCwd, test[1]) == pl.entrypoint[0] {
			return ""
		}
	}
	prog := ""
	if len(test) > 1 {
		prog = strings.Fields(test[1])[0]
	}
	return noSplit(fmt.Sprintf("the HEALTHCHECK runs `%s`, which the runtime image `%s` may not have", prog, pl.runtime))
}

// jsonArray writes argv as a JSON array, the exec form.
func jsonArray(argv []string) string {
	parts := make([]string, len(argv))
	for i, a := range argv {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(a)
		parts[i] = strings.TrimSuffix(b.String(), "\n")
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

package rewrite

// DF202's fix: copy the dependency manifests and install from them before
// the whole build context is copied.

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

// depInstall is how one install command gets its dependencies.
type depInstall struct {
	// manifests are the files the install reads, relative to the
	// directory it runs in; a trailing "*" marks a lock file that may be
	// absent (`package-lock.json*`: BuildKit's COPY accepts a wildcard
	// that matches nothing, and the classic builder does when another
	// source matches).
	manifests []string
	// dirs are directories the install also reads (Maven's .mvn).
	dirs []string
	// depOnly, when set, is a command that installs the dependencies from
	// the manifests alone, for an install step that also reads the
	// sources (`go build`, `poetry install` of the project itself).
	depOnly string
}

// dependencyInstall tells how a command that shellcmd.InstallEcosystem counts reads
// its manifests; prog is its program as written (`./mvnw`), for the
// dependency-only command. reason says why there is no fix when ok is false.
func dependencyInstall(c shellcmd.Simple, prog string) (d depInstall, reason string, ok bool) {
	for _, a := range c.Argv {
		if a == shellcmd.NonLiteral {
			return d, "the install command has variables", false
		}
	}
	name, sub := c.Name(), c.Sub()
	if prog != "" {
		// c.Argv[0] is the base name; commands written back use the word
		// as it was written.
		c = shellcmd.Simple{Argv: append([]string{prog}, c.Argv[1:]...), Env: c.Env}
	}
	switch {
	case shellcmd.IsPipName(name):
		return pipInstall(c)
	case name == "uv" && sub == "pip":
		return pipInstall(shellcmd.Simple{Argv: c.Argv[1:]})
	case name == "uv":
		d.manifests = []string{"pyproject.toml", "uv.lock*"}
		if !c.Has("--no-install-project", "--no-install-workspace") {
			d.depOnly = plainCommand(c.Argv, "--no-install-project")
		}
		return d, "", true
	case name == "poetry":
		d.manifests = []string{"pyproject.toml", "poetry.lock*"}
		if !c.Has("--no-root") {
			d.depOnly = plainCommand(c.Argv, "--no-root")
		}
		return d, "", true
	case name == "pdm":
		d.manifests = []string{"pyproject.toml", "pdm.lock*"}
		if !c.Has("--no-self") {
			d.depOnly = plainCommand(c.Argv, "--no-self")
		}
		return d, "", true
	case name == "pipenv":
		d.manifests = []string{"Pipfile", "Pipfile.lock*"}
		return d, "", true
	case name == "npm":
		d.manifests = []string{"package.json", "package-lock.json*"}
		return d, "", true
	case name == "yarn":
		d.manifests = []string{"package.json", "yarn.lock*"}
		return d, "", true
	case name == "pnpm":
		d.manifests = []string{"package.json", "pnpm-lock.yaml*"}
		return d, "", true
	case name == "bun":
		d.manifests = []string{"package.json", "bun.lock*"}
		return d, "", true
	case name == "go":
		d.manifests = []string{"go.mod", "go.sum*"}
		if p := c.Positional(); !(sub == "mod" && len(p) > 1 && p[1] == "download") {
			d.depOnly = "go mod download"
		}
		return d, "", true
	case name == "bundle":
		d.manifests = []string{"Gemfile", "Gemfile.lock*"}
		return d, "", true
	case name == "composer" || name == "composer.phar":
		if sub != "install" {
			return d, "`composer " + sub + "` resolves new versions: run `composer install` from the lock file", false
		}
		d.manifests = []string{"composer.json", "composer.lock*"}
		if !c.Has("--no-scripts") || !c.Has("--no-autoloader") {
			// Scripts and the autoloader read the sources; the install
			// after the sources are copied runs them.
			var argv []string
			for _, a := range c.Argv {
				switch a {
				case "--no-scripts", "--no-autoloader", "-o", "--optimize-autoloader", "-a", "--classmap-authoritative", "--apcu-autoloader":
					continue
				}
				argv = append(argv, a)
			}
			d.depOnly = plainCommand(argv, "--no-scripts", "--no-autoloader")
		}
		return d, "", true
	case name == "mvn" || name == "mvnw":
		goals := c.Positional()
		for _, a := range c.Argv[1:] {
			if strings.HasPrefix(a, "-") && !mavenPlainOption[a] && !strings.HasPrefix(a, "-D") {
				return d, "the Maven command has options that may read other files (" + a + ")", false
			}
		}
		d.manifests = []string{"pom.xml"}
		if name == "mvnw" {
			d.manifests = append(d.manifests, "mvnw")
			d.dirs = []string{".mvn"}
		}
		onlyDeps := len(goals) > 0
		for _, g := range goals {
			if g != "dependency:go-offline" && g != "dependency:resolve" && g != "dependency:resolve-plugins" {
				onlyDeps = false
			}
		}
		if !onlyDeps {
			argv := []string{c.Argv[0]}
			if c.Has("-B", "--batch-mode") {
				argv = append(argv, "-B")
			}
			d.depOnly = plainCommand(argv, "dependency:go-offline")
		}
		return d, "", true
	case name == "gradle" || name == "gradlew":
		return d, "Gradle has no task that only downloads dependencies, and its build reads settings and build scripts across the project", false
	case name == "cargo":
		return d, "cargo cannot read Cargo.toml without the source files of its targets: use cargo-chef, or a cache mount (`RUN --mount=type=cache,target=/usr/local/cargo/registry`)", false
	case name == "dotnet":
		return d, "the paths of the project files are not known: copy the *.csproj files to their directories and run `dotnet restore` first", false
	case name == "mix":
		d.manifests = []string{"mix.exs", "mix.lock*"}
		return d, "", true
	}
	return d, "the install command is not one dflint knows how to run from its manifests", false
}

// mavenPlainOption are Maven options that read no file of the project.
var mavenPlainOption = map[string]bool{"-B": true, "--batch-mode": true, "-q": true, "--quiet": true, "-e": true, "--errors": true, "-U": true, "--update-snapshots": true, "--no-transfer-progress": true, "-ntp": true, "-T": false}

// pipInstall reads `pip install -r file…`: the requirement and constraint
// files are the manifests. Installing the project itself (`.`, `-e .`)
// builds it from its sources.
func pipInstall(c shellcmd.Simple) (d depInstall, reason string, ok bool) {
	args := c.Argv[1:]
	for i := 0; i < len(args); i++ {
		a := args[i]
		var file string
		switch {
		case a == "-r" || a == "--requirement" || a == "-c" || a == "--constraint":
			if i+1 < len(args) {
				file = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--requirement=") || strings.HasPrefix(a, "--constraint="):
			_, file, _ = strings.Cut(a, "=")
		case a == "-e" || a == "--editable" || a == "." || strings.HasPrefix(a, "./") || strings.HasPrefix(a, ".["):
			return d, "`pip install` builds the project from its sources: list its dependencies in requirements.txt, install them first, then install the project", false
		case strings.HasPrefix(a, "-") && (strings.HasPrefix(a, "-r") || strings.HasPrefix(a, "-c")) && len(a) > 2 && !strings.HasPrefix(a, "--"):
			file = a[2:]
		}
		if file == "" {
			continue
		}
		if !PlainPath(file) || strings.ContainsAny(file, "*?[") {
			return d, "a requirements file path needs quoting or has a wildcard", false
		}
		d.manifests = append(d.manifests, file)
	}
	if len(d.manifests) == 0 {
		return d, "`pip install` names no requirements file", false
	}
	return d, "", true
}

// plainCommand writes argv (plus extra words) as a shell command line; ""
// when a word would need quoting.
func plainCommand(argv []string, extra ...string) string {
	all := append(append([]string(nil), argv...), extra...)
	for _, a := range all {
		if !PlainPath(a) {
			return ""
		}
	}
	return strings.Join(all, " ")
}

// contextFreeCommand tells whether a command in a RUN reads nothing that
// the whole-context COPY brought in: package installs from repositories,
// tool installs by name, cache cleaning, user creation.
func contextFreeCommand(c shellcmd.Simple) bool {
	name, sub := c.Name(), c.Sub()
	switch name {
	case "apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper", "tdnf", "rm", "mkdir", "echo", "true", ":", "ln",
		"useradd", "groupadd", "adduser", "addgroup", "curl", "wget", "export", "set", "update-ca-certificates", "corepack":
		return true
	case "npm", "pnpm", "bun":
		switch sub {
		case "cache", "config", "set":
			return true
		}
		return c.Has("-g", "--global")
	case "yarn":
		return sub == "cache" || sub == "config" || sub == "global"
	case "gem":
		return sub == "install" || sub == "update" || sub == "sources"
	case "bundle":
		return sub == "config"
	case "poetry", "pdm":
		return sub == "config"
	case "pip", "pip3":
		if sub == "cache" || sub == "config" {
			return true
		}
	case "composer", "composer.phar":
		return sub == "clear-cache" || sub == "clearcache" || sub == "config" && c.Has("--global", "-g")
	case "go":
		return sub == "env" || sub == "install" && shellcmd.HasVersionedPackage(c)
	}
	if shellcmd.IsPipName(name) && sub == "install" {
		_, isProject := shellcmd.InstallEcosystem(c)
		return !isProject
	}
	return false
}

// runCall is a top-level command of a RUN with the command it runs.
type runCall struct {
	call *parser.Call
	cmd  shellcmd.Simple
}

// runCalls lists the commands of a shell-form RUN's command line (not of
// heredocs), with their calls.
func runCalls(in *parser.Instruction) []runCall {
	var out []runCall
	for _, c := range in.Calls() {
		if len(c.Args) > 0 {
			out = append(out, runCall{c, shellcmd.ReadSimple(c.Args, shellcmd.AssignedEnv(c.Expr.Assigns))})
		}
	}
	return out
}

// DependencyFirst builds DF202's fix for the whole-context COPY copy and
// the RUN run whose install command (of ecosystem eco) it precedes. It
// returns the fix, or nil and the reason there is none.
func DependencyFirst(copy, run *parser.Instruction, eco string) (*edit.Fix, string) {
	if copy.Trigger != nil || run.Trigger != nil {
		return nil, "the steps are ONBUILD triggers"
	}
	if run.IsJSONForm() || len(run.Scripts()) == 0 {
		return nil, "the install RUN is in exec form"
	}
	for _, s := range run.Scripts() {
		if s.Heredoc != nil {
			return nil, "the install RUN runs a heredoc script"
		}
	}
	if EndsInContinuation(copy) || EndsInContinuation(run) {
		return nil, "an instruction ends in a line continuation"
	}
	srcs, dest, ok := copySourcesDest(copy)
	if !ok || len(srcs) != 1 {
		return nil, "the COPY copies more than the context"
	}
	destWord, ok := shellcmd.ExpandWord(copy, dest)
	if !ok {
		return nil, "the COPY destination has a variable without a known value"
	}
	copyDir, ok1 := shellcmd.WorkdirAt(copy)
	runDir, ok2 := shellcmd.WorkdirAt(run)
	if !ok1 || !ok2 {
		return nil, "a WORKDIR has a variable without a known value"
	}
	if copyDir != runDir && !strings.HasPrefix(destWord, "/") {
		return nil, "the working directory changes between the COPY and the install"
	}
	destDir := shellcmd.JoinDir(copyDir, destWord)

	// What lies between the COPY and the install must not read the
	// copied files.
	for _, x := range copy.Stage.Instructions {
		if x.Index <= copy.Index || x.Index >= run.Index {
			continue
		}
		switch x.Name {
		case "run":
			if x.IsJSONForm() {
				return nil, fmt.Sprintf("the RUN on line %d, between the COPY and the install, may use the copied files", x.StartLine)
			}
			for _, rc := range runCalls(x) {
				if !contextFreeCommand(rc.cmd) {
					return nil, fmt.Sprintf("the RUN on line %d, between the COPY and the install, may use the copied files", x.StartLine)
				}
			}
		case "volume", "onbuild":
			return nil, fmt.Sprintf("the %s on line %d stands between the COPY and the install", x.Keyword, x.StartLine)
		case "copy", "add":
			if CopiesWholeContext(x) {
				return nil, "the context is copied twice"
			}
		}
	}

	// Read the RUN: its install commands of the ecosystem, the directory
	// they run in, and what else it does.
	calls := runCalls(run)
	cwd := runDir
	var firstInstall, firstSource = -1, -1
	var depOnly, installCwd string
	seen := map[string]bool{}
	var manifests, dirs []string
	for i, rc := range calls {
		if rc.call.Script.Parent != nil {
			// Inside `sh -c '…'`: the command line is not a simple chain.
			if firstSource < 0 {
				firstSource = i
			}
			continue
		}
		if rc.cmd.Name() == "cd" {
			p := rc.cmd.Positional()
			if firstInstall >= 0 || len(p) != 1 || p[0] == shellcmd.NonLiteral {
				if firstSource < 0 {
					firstSource = i
				}
				continue
			}
			cwd = shellcmd.JoinDir(cwd, p[0])
			continue
		}
		e, isInstall := shellcmd.InstallEcosystem(rc.cmd)
		if !isInstall || e != eco {
			if !contextFreeCommand(rc.cmd) && firstSource < 0 {
				firstSource = i
			}
			continue
		}
		d, reason, ok := dependencyInstall(rc.cmd, programWord(rc))
		if !ok {
			if firstInstall < 0 {
				return nil, reason
			}
			// A later install that needs the sources (`pip install .`
			// after `pip install -r`): a build step.
			if firstSource < 0 {
				firstSource = i
			}
			continue
		}
		if firstInstall < 0 {
			firstInstall = i
			installCwd = cwd
		}
		if d.depOnly != "" {
			if firstSource < 0 {
				firstSource = i
			}
			if depOnly == "" {
				depOnly = d.depOnly
			}
		}
		if firstSource >= 0 && firstSource < i && d.depOnly == "" {
			// An install from the manifests after a step that reads the
			// sources: the RUN cannot be split there.
			return nil, "the install RUN reads the sources before it installs"
		}
		for _, m := range d.manifests {
			p := shellcmd.JoinDir(cwd, m)
			if !seen[p] {
				seen[p] = true
				manifests = append(manifests, p)
			}
		}
		for _, m := range d.dirs {
			dirs = append(dirs, shellcmd.JoinDir(cwd, m))
		}
	}
	if firstInstall < 0 {
		return nil, "the install command is not on the RUN's command line"
	}

	// Manifests must lie in what the COPY copies.
	byDir := map[string][]string{}
	for _, m := range manifests {
		rel, ok := relativeTo(destDir, m)
		if !ok {
			return nil, "the install reads " + m + ", outside the COPY's destination"
		}
		d, _ := path.Split(rel)
		byDir[d] = append(byDir[d], rel)
	}
	for _, d := range dirs {
		rel, ok := relativeTo(destDir, d)
		if !ok {
			return nil, "the install reads " + d + ", outside the COPY's destination"
		}
		byDir[rel+"/"] = append(byDir[rel+"/"], rel)
	}
	var copyLines []string
	var dirKeys []string
	for d := range byDir {
		dirKeys = append(dirKeys, d)
	}
	sort.Strings(dirKeys)
	kw := KeywordLike(copy, "COPY")
	flags := FlagsText(copy)
	for _, d := range dirKeys {
		srcs := byDir[d]
		copyLines = append(copyLines, kw+flags+" "+strings.Join(srcs, " ")+" "+subDest(dest, d))
	}
	moved := BlockText(copy)
	runKw := KeywordLike(run, "RUN")

	edits := []edit.Edit{DeleteBlock(copy)}
	var title string
	switch {
	case firstSource < 0:
		// The RUN only installs: copy the manifests before it and the
		// rest after it.
		edits = append(edits, InsertLinesBefore(run, copyLines...), InsertAfter(run, moved))
		title = "Copy " + manifestList(manifests, destDir) + " first, install, then copy the rest"
	case firstSource > firstInstall && calls[firstSource-1].call.Script.Parent == nil:
		// The RUN installs, then builds: split it after the installs.
		split, ok := splitRun(run, calls[firstSource-1].call, calls[firstSource].call)
		if !ok {
			return nil, "the install RUN also uses the sources and cannot be split where it starts to"
		}
		split.NewText = run.File.NewlineStyle() + moved + InstructionIndent(run) + runKw + FlagsText(run) + " "
		edits = append(edits, InsertLinesBefore(run, copyLines...), split)
		title = "Copy " + manifestList(manifests, destDir) + " first, install, then copy the rest and build"
	case depOnly != "" && firstSource == firstInstall && firstInstall > 0 && contextFreePrefix(calls[:firstInstall]):
		// Tools set up first (`pip install poetry && poetry install`):
		// keep that in the RUN, then install the dependencies alone, copy
		// the sources and run the install that reads them.
		if installCwd != runDir {
			return nil, "the install runs in another directory than the WORKDIR (cd)"
		}
		split, ok := splitRun(run, calls[firstInstall-1].call, calls[firstInstall].call)
		if !ok {
			return nil, "the install RUN cannot be split before the install"
		}
		flags := FlagsText(run)
		split.NewText = run.File.NewlineStyle() + LinesText(run, append(copyLines, runKw+flags+" "+depOnly)...) + moved + InstructionIndent(run) + runKw + flags + " "
		edits = append(edits, split)
		title = "Copy " + manifestList(manifests, destDir) + " first and run `" + depOnly + "`, then copy the rest"
	case depOnly != "":
		// The install also reads the sources: install the dependencies
		// alone first, and leave the RUN after the COPY.
		if installCwd != runDir {
			return nil, "the install runs in another directory than the WORKDIR (cd)"
		}
		lines := append(copyLines, runKw+FlagsText(run)+" "+depOnly)
		ins := InsertLinesBefore(run, lines...)
		ins.NewText += moved
		edits = append(edits, ins)
		title = "Copy " + manifestList(manifests, destDir) + " first and run `" + depOnly + "`, then copy the rest"
	default:
		return nil, "the install RUN also uses the sources: split it into an install RUN and a build RUN"
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	for i := 1; i < len(edits); i++ {
		if edits[i].Start < edits[i-1].End {
			return nil, "the COPY and the install RUN are too close to move apart"
		}
	}
	return &edit.Fix{Title: title, Applicability: edit.Unsafe, Edits: edits, Restructures: []edit.Range{stageRange(copy.File, copy.Stage)}}, ""
}

// copySourcesDest returns the sources and the destination of a COPY or ADD
// as written.
func copySourcesDest(in *parser.Instruction) (srcs []string, dest string, ok bool) {
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		return c.SourcePaths, c.DestPath, true
	case *instructions.AddCommand:
		return c.SourcePaths, c.DestPath, true
	}
	return nil, "", false
}

// relativeTo returns p relative to dir when p lies inside it.
func relativeTo(dir, p string) (string, bool) {
	if strings.HasPrefix(p, dir+"/") {
		return strings.TrimPrefix(p, dir+"/"), true
	}
	if dir == "/" && strings.HasPrefix(p, "/") && p != "/" {
		return p[1:], true
	}
	return "", false
}

// subDest is the destination for files of subdirectory sub ("" or "x/")
// of what COPY . dest copies: always a directory (ending in "/").
func subDest(dest, sub string) string {
	if dest == "." || dest == "./" {
		if sub == "" {
			return "./"
		}
		return sub
	}
	return strings.TrimSuffix(dest, "/") + "/" + sub
}

// manifestList names the manifests for a fix title.
func manifestList(manifests []string, destDir string) string {
	var names []string
	for _, m := range manifests {
		rel, _ := relativeTo(destDir, m)
		names = append(names, "`"+strings.TrimSuffix(rel, "*")+"`")
	}
	return quotedJoin(names)
}

func quotedJoin(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// splitRun returns the edit that ends a RUN after the command last and
// starts a new RUN with the command next (NewText left to the caller):
// the operator between them must be && in a plain chain, with no comment
// line between.
func splitRun(run *parser.Instruction, last, next *parser.Call) (edit.Edit, bool) {
	s := last.Script
	if next.Script != s {
		return edit.Edit{}, false
	}
	ch, idx, ok := shellcmd.ChainOf(s, last.Stmt)
	if !ok || idx+1 >= len(ch.Leaves) || ch.Leaves[idx+1] != next.Stmt || ch.Ops[idx] != syntax.AndStmt {
		return edit.Edit{}, false
	}
	// The chain must be the whole command line: one statement.
	if len(s.AST.Stmts) != 1 {
		return edit.Edit{}, false
	}
	start := shellcmd.EndOffset(s, shellcmd.StmtEnd(ch.Leaves[idx]))
	end := s.Offset(ch.Leaves[idx+1].Pos())
	if shellcmd.CommentInRange(run.File, start, end) {
		return edit.Edit{}, false
	}
	return edit.Edit{Start: start, End: end}, true
}

// contextFreePrefix tells whether the commands before an install are all
// on the command line and read nothing of the context.
func contextFreePrefix(calls []runCall) bool {
	for _, rc := range calls {
		if rc.call.Script.Parent != nil || !contextFreeCommand(rc.cmd) {
			return false
		}
	}
	return true
}

// programWord is the program of a command as written (`./mvnw`,
// `/usr/local/bin/poetry`): the first literal word of the call whose base
// name is the command's name.
func programWord(rc runCall) string {
	for _, w := range rc.call.Args {
		if w.Literal && path.Base(w.Value) == rc.cmd.Name() {
			return w.Value
		}
	}
	return ""
}

// CopiesWholeContext tells whether a COPY/ADD copies the whole build
// context: a source of "." or "./" and no --from.
func CopiesWholeContext(in *parser.Instruction) bool {
	for _, s := range in.ContextSources() {
		if s == "." || s == "./" {
			return true
		}
	}
	return false
}

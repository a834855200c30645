package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:       "DF503",
	Name:     "cd-in-run",
	Severity: Warning,
	// A house style (WORKDIR over `cd`), not a defect: most `cd`s of real
	// Dockerfiles build in a tree the same RUN deletes, which WORKDIR
	// cannot express.
	OptIn:   true,
	Summary: "`cd` in RUN into a directory that WORKDIR could set",
	Aliases: []string{"DL3003", "DS-0013"},
	Check:   checkCdInRun,
})

func checkCdInRun(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Name != "run" || in.Trigger != nil {
			continue
		}
		calls := in.Calls()
		for i, c := range calls {
			if c.Name() != "cd" {
				continue
			}
			if dir, ok := workdirCouldSet(in, calls, i); ok {
				p.Report(c.Start(), c.End(), "use `WORKDIR "+dir+"` before this RUN instead of `cd`: later steps then read the directory from one place", nil)
				break
			}
		}
	}
}

// workdirCouldSet tells whether the `cd` at calls[i] could be a WORKDIR,
// and returns its directory. It could not (or dflint cannot tell) when:
//   - the cd runs in a subshell, a `$(…)` or an `sh -c` string: it is
//     scoped on purpose;
//   - it has no literal directory (`cd`, `cd -`, `cd "$(mktemp -d)"`);
//   - the directory is temporary, a mount of the RUN (a cache or bind
//     mount is not there for later steps), made or extracted earlier in
//     the same RUN, or deleted later in it: the build happens in a tree the
//     RUN throws away, which WORKDIR cannot do;
//   - the commands after it until the next cd only handle files there
//     (`cd /usr/local/bin && ln -s …`): a WORKDIR would move every later
//     step for one relative path;
//   - it goes back (`cd /`, `cd ..`), or dflint cannot tell that the
//     directory exists before the RUN (setUpBefore).
func workdirCouldSet(in *parser.Instruction, calls []*parser.Call, i int) (string, bool) {
	cd := calls[i]
	if cd.Script.Parent != nil || inSubshell(cd) {
		return "", false
	}
	dir, ok := cdTarget(cd)
	if !ok || dir == "/" || dir == ".." || isTempDir(dir) || underMount(in, dir) {
		return "", false
	}
	var before, after []*parser.Call
	for j, c := range calls {
		if c.Script != cd.Script {
			continue
		}
		if j < i {
			before = append(before, c)
		} else if j > i {
			after = append(after, c)
		}
	}
	if madeIn(before, dir) || deletedIn(after, dir) || onlyHandlesFiles(after) {
		return "", false
	}
	// The directory must be there before the RUN for a WORKDIR to go to
	// it: the cd comes first, or an earlier COPY, ADD or WORKDIR put it
	// there. Otherwise a command before the cd may have made it
	// (`docker-php-source extract; cd /usr/src/php`).
	if !firstCommand(before) && !setUpBefore(in, dir) {
		return "", false
	}
	return dir, true
}

// firstCommand tells whether the calls before a cd (of its script) only set
// shell options or variables (`set -eux; cd /app`).
func firstCommand(before []*parser.Call) bool {
	for _, c := range before {
		switch {
		case len(c.Args) == 0: // an assignment
		case c.Name() == "set" || c.Name() == "true" || c.Name() == ":":
		default:
			return false
		}
	}
	return true
}

// setUpBefore tells whether a COPY or ADD destination or a WORKDIR before
// the instruction, in its stage chain, is the directory or a parent of it.
// A relative directory is resolved against the RUN's WORKDIR.
func setUpBefore(in *parser.Instruction, dir string) bool {
	if in.Stage == nil {
		return false
	}
	wd, ok := shellcmd.WorkdirAt(in)
	if !ok {
		return false
	}
	dir = shellcmd.JoinDir(wd, dir)
	for x := range in.Stage.ChainInstructions() {
		if x == in {
			break
		}
		// A COPY or ADD puts a tree under its destination; a WORKDIR
		// makes only its own directory.
		var dest string
		tree := true
		switch c := x.Command.(type) {
		case *instructions.CopyCommand:
			dest = c.DestPath
		case *instructions.AddCommand:
			dest = c.DestPath
		case *instructions.WorkdirCommand:
			dest, tree = c.Path, false
		default:
			continue
		}
		d, ok := shellcmd.ExpandWord(x, dest)
		if !ok {
			continue
		}
		at, ok := shellcmd.WorkdirAt(x)
		if !ok {
			continue
		}
		d = shellcmd.JoinDir(at, d)
		if d == dir || tree && strings.HasPrefix(dir, d+"/") {
			return true
		}
	}
	return false
}

// cdTarget is cd's directory operand when it is one literal word.
func cdTarget(cd *parser.Call) (string, bool) {
	var operands []parser.Word
	for _, w := range cd.Args[1:] {
		if w.Literal && (w.Value == "-P" || w.Value == "-L" || w.Value == "-e" || w.Value == "--") {
			continue
		}
		operands = append(operands, w)
	}
	if len(operands) != 1 || !operands[0].Literal {
		return "", false
	}
	dir := operands[0].Value
	if dir == "" || dir == "-" || strings.HasPrefix(dir, "~") {
		return "", false
	}
	return path.Clean(dir), true
}

// inSubshell tells whether the call runs in a `( … )` subshell or a
// command or process substitution of its script.
func inSubshell(c *parser.Call) bool {
	pos := c.Expr.Pos().Offset()
	found := false
	syntax.Walk(c.Script.AST, func(n syntax.Node) bool {
		if found || n == nil {
			return false
		}
		if n.Pos().Offset() > pos || n.End().Offset() <= pos {
			return n.Pos().Offset() <= pos // skip nodes that cannot hold it
		}
		switch n.(type) {
		case *syntax.Subshell, *syntax.CmdSubst, *syntax.ProcSubst:
			found = true
			return false
		}
		return true
	})
	return found
}

// isTempDir tells whether a directory is a scratch directory that no later
// step should start in.
func isTempDir(dir string) bool {
	for _, t := range []string{"/tmp", "/var/tmp", "/dev/shm"} {
		if dir == t || strings.HasPrefix(dir, t+"/") {
			return true
		}
	}
	return false
}

// underMount tells whether the RUN mounts something (a cache, a bind of the
// context, a tmpfs) on the directory or a parent of it: later steps do not
// see it.
// Relative targets and directories are resolved against the RUN's
// WORKDIR (`--mount=type=tmpfs,target=.`).
func underMount(in *parser.Instruction, dir string) bool {
	wd, ok := shellcmd.WorkdirAt(in)
	if !ok {
		wd = "@unknown"
	}
	dir = shellcmd.JoinDir(wd, dir)
	for _, m := range shellcmd.RunMounts(in) {
		if m.Target == "" {
			continue
		}
		if t := shellcmd.JoinDir(wd, m.Target); t == dir || strings.HasPrefix(dir, t+"/") || t == "/" {
			return true
		}
	}
	return false
}

// madeIn tells whether one of the calls (those before the cd) makes the
// directory: `mkdir`, `git clone URL DIR`, an extraction into it
// (`tar -C DIR`, `unzip -d DIR`). A relative directory after any
// extraction or clone may be the archive's or the repository's: dflint
// cannot tell, and counts it as made.
func madeIn(calls []*parser.Call, dir string) bool {
	for _, c := range calls {
		name := c.Name()
		switch name {
		case "mkdir", "git", "tar", "unzip", "bsdtar", "7z":
		default:
			continue
		}
		if name != "mkdir" && !path.IsAbs(dir) {
			return true
		}
		for _, w := range c.Args[1:] {
			v := w.Value
			if !w.Literal {
				continue
			}
			if k, val, ok := strings.Cut(v, "="); ok && strings.HasPrefix(k, "--") {
				v = val // --directory=DIR
			}
			if v == "" || strings.HasPrefix(v, "-") {
				continue
			}
			if p := path.Clean(v); p == dir || name == "mkdir" && strings.HasPrefix(p, dir+"/") {
				return true
			}
		}
	}
	return false
}

// deletedIn tells whether one of the calls (those after the cd) removes the
// directory or a parent of it other than `/`.
func deletedIn(calls []*parser.Call, dir string) bool {
	for _, c := range calls {
		if c.Name() != "rm" && c.Name() != "rmdir" {
			continue
		}
		for _, w := range c.Args[1:] {
			if !w.Literal || strings.HasPrefix(w.Value, "-") {
				continue
			}
			p := path.Clean(w.Value)
			if p == "/" || p == "." {
				continue
			}
			if p == dir || strings.HasPrefix(dir, p+"/") {
				return true
			}
		}
	}
	return false
}

// fileHandlingCommands change or read files where they run and nothing
// else (curl and wget download there, `curl -LO`): after a `cd`, they are
// the relative-path shorthand of one step.
var fileHandlingCommands = shellcmd.Set("ln", "rm", "mv", "cp", "chmod", "chown", "chgrp", "mkdir",
	"touch", "ls", "cat", "sed", "patch", "tar", "unzip", "gunzip", "find", "echo", "printf",
	"sha256sum", "sha512sum", "md5sum", "install", "rmdir", "true", "curl", "wget")

// onlyHandlesFiles tells whether the calls up to the next `cd` (or the end)
// are all file handling.
func onlyHandlesFiles(after []*parser.Call) bool {
	n := 0
	for _, c := range after {
		name := c.Name()
		if name == "cd" {
			break
		}
		if name == "busybox" && len(c.Args) > 1 && c.Args[1].Literal {
			name = c.Args[1].Value // `busybox unzip -`
		}
		if !fileHandlingCommands[name] {
			return false
		}
		n++
	}
	return n > 0
}

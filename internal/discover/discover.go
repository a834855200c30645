// Package discover turns command-line arguments into the Dockerfiles to
// work on: files as given, directories walked for Dockerfile-like names, and
// "-" for standard input. It is shared by every command that reads
// Dockerfiles (lint, fix), so they agree on what a directory contains.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Stdin is the argument that stands for standard input.
const Stdin = "-"

// Target is one Dockerfile to read, or an argument that yielded none.
type Target struct {
	// Arg is the command-line argument this target came from.
	Arg string
	// Path is the file to read, or for standard input the name to report
	// it under (--stdin-filename).
	Path string
	// Stdin is set when the target is standard input.
	Stdin bool
	// Err is set when the argument could not be used: a missing path, a
	// directory without Dockerfiles, a walk error. Path is then the place
	// the error is about.
	Err error
}

// Options tune discovery.
type Options struct {
	// StdinFilename is the path standard input is reported under;
	// "Dockerfile" when empty.
	StdinFilename string
	// Symlinks says which symbolic links are followed; the zero value is
	// FollowInside.
	Symlinks SymlinkPolicy
	// Warn, when set, is told (once per message) what discovery could not
	// do but went on without: git could not say what .gitignore excludes
	// in a work tree, so its directory was walked whole.
	Warn func(string)
}

// SymlinkPolicy says which symbolic links discovery follows, for files
// named on the command line and files found in a directory alike. A link
// it refuses becomes a Target with Err, which names the link and never
// what it points to: the target's content is never read.
type SymlinkPolicy int

const (
	// FollowInside follows a link only when the file it leads to is
	// inside the root being linted: the git work tree that holds the
	// argument (the nearest directory above it with a .git), else the
	// directory named, else the directory of the file named. A pull
	// request can add a link named Dockerfile that points anywhere on the
	// CI runner; this is the default so that linting it reads nothing
	// outside the repository, while links within a repository still work.
	FollowInside SymlinkPolicy = iota
	// FollowAll follows every link to a regular file.
	FollowAll
	// FollowNone follows no link: a file named or found that is itself a
	// symbolic link is refused.
	FollowNone
)

// SymlinkPolicies are the names ParseSymlinkPolicy accepts, default first.
var SymlinkPolicies = []string{"inside", "all", "none"}

// ParseSymlinkPolicy reads a --follow-symlinks value.
func ParseSymlinkPolicy(s string) (SymlinkPolicy, error) {
	for i, name := range SymlinkPolicies {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return SymlinkPolicy(i), nil
		}
	}
	return FollowInside, fmt.Errorf("invalid --follow-symlinks %q: use %s", s, strings.Join(SymlinkPolicies, ", "))
}

func (p SymlinkPolicy) String() string {
	if p >= 0 && int(p) < len(SymlinkPolicies) {
		return SymlinkPolicies[p]
	}
	return fmt.Sprintf("SymlinkPolicy(%d)", int(p))
}

// skipDirs are directories that hold other people's files, not the
// project's Dockerfiles, and can be huge.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true}

// Targets expands the arguments in order: each argument's targets follow
// those of the argument before it, and a directory's files come in lexical
// path order, so output built from them is deterministic. A file reached
// twice is kept once, at its first place. Problems with one argument become
// a Target with Err and never stop the others.
func Targets(args []string, opts Options) []Target {
	stdinName := opts.StdinFilename
	if stdinName == "" {
		stdinName = "Dockerfile"
	}
	var out []Target
	roots := &rootFinder{gitRoots: map[string]string{}, realDirs: map[string]string{}}
	seen := map[string]bool{}
	add := func(t Target) {
		if t.Err == nil && !t.Stdin {
			key := filepath.Clean(t.Path)
			if seen[key] {
				return
			}
			seen[key] = true
		}
		out = append(out, t)
	}
	warned := map[string]bool{}
	warn := func(msg string) {
		if opts.Warn != nil && !warned[msg] {
			warned[msg] = true
			opts.Warn(msg)
		}
	}
	stdinUsed := false
	for _, arg := range args {
		if arg == Stdin {
			if stdinUsed {
				add(Target{Arg: arg, Path: stdinName, Err: errors.New("standard input (-) can be given only once")})
				continue
			}
			stdinUsed = true
			add(Target{Arg: arg, Path: stdinName, Stdin: true})
			continue
		}
		// One Lstat tells what an argument that is no link (nearly
		// every one) is and that it is no link: on a corpus of
		// thousands of files each stat counts (issue 21).
		link, err := os.Lstat(arg)
		info := link
		if err == nil && link.Mode()&fs.ModeSymlink != 0 {
			info, err = os.Stat(arg)
		}
		if err != nil {
			add(Target{Arg: arg, Path: arg, Err: statError(err)})
			continue
		}
		var tree *root
		if opts.Symlinks != FollowAll {
			if tree, err = roots.check(arg, link, info.IsDir(), opts.Symlinks); err != nil {
				add(Target{Arg: arg, Path: arg, Err: err})
				continue
			}
		}
		if !info.IsDir() {
			add(Target{Arg: arg, Path: arg})
			continue
		}
		for _, t := range walk(arg, opts.Symlinks, tree, roots, warn) {
			add(t)
		}
	}
	return out
}

// root is the tree a FollowInside run keeps to.
type root struct {
	// path is where it is, as found (absolute); real is that with every
	// symbolic link resolved, which the resolved files are compared with.
	path, real string
	// what names it in an error: "the git work tree" or "the directory".
	what string
}

// refuse is the error for a link that leads out of the root.
func (r *root) refuse() error {
	return fmt.Errorf("symbolic link to a file outside %s %s: not followed (--follow-symlinks=inside); name the file it leads to, or pass --follow-symlinks=all to follow links out of the tree", r.what, r.path)
}

// holds tells whether the file at path, links resolved, is inside r.
func (r *root) holds(path string) (bool, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false, err
	}
	if !filepath.IsAbs(real) {
		if real, err = filepath.Abs(real); err != nil {
			return false, err
		}
	}
	return r.contains(real), nil
}

// contains tells whether real (absolute, links resolved) is inside r.
func (r *root) contains(real string) bool {
	rel, err := filepath.Rel(r.real, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// rootFinder finds the roots of arguments, remembering the git work tree
// of each directory it has looked at.
type rootFinder struct {
	gitRoots map[string]string // absolute directory → its work tree, "" for none
	// realDirs caches filepath.EvalSymlinks of absolute directories: the
	// files of one directory (thousands, in a run over a corpus) share
	// it, and resolving each file's path anew cost a stat per path
	// component (12 % of a corpus lint's wall time).
	realDirs map[string]string
	// cwd is the working directory, read once: filepath.Abs reads it
	// for every path, with two stats (os.Getwd).
	cwd string
}

// abs is filepath.Abs(path) with the working directory read once.
func (f *rootFinder) abs(path string) (string, error) {
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	if f.cwd == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		f.cwd = wd
	}
	return filepath.Join(f.cwd, path), nil
}

// realDir is dir (absolute) with every link resolved, cached.
func (f *rootFinder) realDir(dir string) (string, error) {
	if real, ok := f.realDirs[dir]; ok {
		return real, nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	f.realDirs[dir] = real
	return real, nil
}

// realPath is path (absolute) with every link resolved: its directory's
// resolved path and its own name when it is no link itself, which costs
// one Lstat once the directory is known, or none when li is path's Lstat
// already.
func (f *rootFinder) realPath(path string, li fs.FileInfo) (string, error) {
	if li == nil {
		var err error
		if li, err = os.Lstat(path); err != nil {
			return "", err
		}
	}
	if li.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(path)
		if err != nil || filepath.IsAbs(real) {
			return real, err
		}
		return f.abs(real)
	}
	dir, err := f.realDir(filepath.Dir(path))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(path)), nil
}

// check applies a policy other than FollowAll to an argument that exists,
// and returns the root its directory walk keeps to (for FollowInside).
// Under FollowNone the argument itself may not be a link (links in the
// directories above it are the user's own doing); under FollowInside the
// argument, links resolved, must be inside its root: its git work tree,
// found by going up from where the argument is named (never from where a
// link leads), else the directory itself, else the file's directory.
//
// link is arg's Lstat.
func (f *rootFinder) check(arg string, link fs.FileInfo, isDir bool, policy SymlinkPolicy) (*root, error) {
	if policy == FollowNone {
		if link.Mode()&fs.ModeSymlink != 0 {
			return nil, errors.New("is a symbolic link: not followed (--follow-symlinks=none); name the file it leads to, or pass --follow-symlinks=inside or all")
		}
		return nil, nil
	}
	abs, err := f.abs(arg)
	if err != nil {
		return nil, err
	}
	dir := abs
	if !isDir {
		dir = filepath.Dir(abs)
	}
	r := &root{what: "the git work tree", path: f.gitRoot(dir)}
	if r.path == "" {
		r.what, r.path = "the directory", dir
	}
	if r.real, err = f.realDir(r.path); err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPath(err))
	}
	var real string
	if slices.Contains(strings.Split(filepath.ToSlash(arg), "/"), "..") {
		// The kernel resolves a link before the `..` after it;
		// filepath.Abs would drop both first. Resolve the path as named.
		real, err = filepath.EvalSymlinks(arg)
		if err == nil {
			real, err = f.abs(real)
		}
	} else {
		// arg's Lstat is abs's when Clean changes nothing: a trailing
		// slash, which Clean drops, makes Lstat follow a link.
		var li fs.FileInfo
		if filepath.Clean(arg) == arg {
			li = link
		}
		real, err = f.realPath(abs, li)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPath(err))
	}
	if !r.contains(real) {
		return nil, r.refuse()
	}
	return r, nil
}

// gitRoot is the nearest directory at or above dir (absolute) that holds a
// .git entry (a directory, or a file in a linked work tree or submodule),
// or "".
func (f *rootFinder) gitRoot(dir string) string {
	var seen []string
	found := ""
	for d := dir; ; d = filepath.Dir(d) {
		if r, ok := f.gitRoots[d]; ok {
			found = r
			break
		}
		seen = append(seen, d)
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			found = d
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	for _, d := range seen {
		f.gitRoots[d] = found
	}
	return found
}

// walk lists the Dockerfiles under dir; tree is where links must stay
// under FollowInside. Inside a git work tree it keeps to what git lists
// (gitListing): files and directories that .gitignore excludes are skipped
// (a tracked file never is), and so is a nested work tree that its parent
// ignores; each nested work tree (a submodule, a repository checked out
// inside another) follows its own listing.
func walk(dir string, policy SymlinkPolicy, tree *root, roots *rootFinder, warn func(string)) []Target {
	var out []Target
	found := false
	listing := func(at string) *gitListing {
		abs, err := filepath.Abs(at)
		if err != nil || roots.gitRoot(abs) == "" {
			return nil
		}
		l, err := listGit(abs)
		if err != nil {
			warn(fmt.Sprintf("%s: cannot tell what .gitignore excludes (%v): every Dockerfile under %s is linted; name files to choose", at, err, at))
			return nil
		}
		return l
	}
	scopes := []gitScope{{dir: dir, listing: listing(dir)}}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		for len(scopes) > 1 && !within(path, scopes[len(scopes)-1].dir) {
			scopes = scopes[:len(scopes)-1]
		}
		scope := scopes[len(scopes)-1]
		if err != nil {
			// An unreadable subdirectory is reported and skipped; the rest
			// of the tree is still walked.
			if path == dir {
				return err
			}
			out = append(out, Target{Arg: dir, Path: path, Err: fmt.Errorf("cannot read: %w", unwrapPath(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path == dir {
				return nil
			}
			if skipDirs[d.Name()] || scope.listing != nil && !scope.listing.hasDir(scope.rel(path)) {
				return fs.SkipDir
			}
			if _, err := os.Lstat(filepath.Join(path, ".git")); err == nil {
				scopes = append(scopes, gitScope{dir: path, listing: listing(path)})
			}
			return nil
		}
		if !IsDockerfileName(d.Name()) {
			return nil
		}
		if scope.listing != nil && !scope.listing.files[scope.rel(path)] {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			switch policy {
			case FollowNone:
				out = append(out, Target{Arg: dir, Path: path, Err: errors.New("is a symbolic link: not followed (--follow-symlinks=none); pass --follow-symlinks=inside or all to lint it")})
				return nil
			case FollowInside:
				if inside, err := tree.holds(path); err == nil && !inside {
					out = append(out, Target{Arg: dir, Path: path, Err: tree.refuse()})
					return nil
				}
				// A link that cannot be resolved is reported below.
			}
			// Follow a symlink only to a regular file: linked directories
			// could loop, and anything else is not a Dockerfile.
			info, err := os.Stat(path)
			if err != nil {
				// A Dockerfile the walk cannot read (a link that loops or
				// points nowhere) is reported: skipping it silently would
				// let a broken repository pass.
				out = append(out, Target{Arg: dir, Path: path, Err: fmt.Errorf("cannot read: %w", unwrapPath(err))})
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		found = true
		out = append(out, Target{Arg: dir, Path: path})
		return nil
	})
	if err != nil {
		return append(out, Target{Arg: dir, Path: dir, Err: fmt.Errorf("cannot read directory: %w", unwrapPath(err))})
	}
	if !found && len(out) == 0 {
		msg := "no Dockerfiles found in this directory (looked for Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile, ...); name a file to lint it under another name"
		if scopes[0].listing != nil {
			msg = "no Dockerfiles found in this directory (looked for Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile, ..., skipping what .gitignore excludes); name a file to lint it under another name or where .gitignore excludes it"
		}
		out = append(out, Target{Arg: dir, Path: dir, Err: errors.New(msg)})
	}
	return out
}

// statError words os.Stat's error for a user who typed the path.
func statError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file or directory")
	}
	if errors.Is(err, fs.ErrPermission) {
		return errors.New("permission denied")
	}
	return unwrapPath(err)
}

// unwrapPath drops the path from an *fs.PathError: the target already
// names it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

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
		info, err := os.Stat(arg)
		if err != nil {
			add(Target{Arg: arg, Path: arg, Err: statError(err)})
			continue
		}
		if !info.IsDir() {
			add(Target{Arg: arg, Path: arg})
			continue
		}
		for _, t := range walk(arg) {
			add(t)
		}
	}
	return out
}

// walk lists the Dockerfiles under dir.
func walk(dir string) []Target {
	var out []Target
	found := false
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
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
			if path != dir && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if !IsDockerfileName(d.Name()) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
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
		out = append(out, Target{Arg: dir, Path: dir, Err: errors.New("no Dockerfiles found in this directory (looked for Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile, ...); name a file to lint it under another name")})
	}
	return out
}

// IsDockerfileName tells whether a directory walk picks a file of this
// name: Dockerfile, Containerfile, Dockerfile.*, Containerfile.*,
// *.Dockerfile, *.dockerfile, *.containerfile, in any letter case, except
// BuildKit's per-Dockerfile ignore files (Dockerfile.dockerignore).
func IsDockerfileName(name string) bool {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".dockerignore") {
		return false
	}
	switch {
	case n == "dockerfile", n == "containerfile":
		return true
	case strings.HasPrefix(n, "dockerfile."), strings.HasPrefix(n, "containerfile."):
		return true
	case strings.HasSuffix(n, ".dockerfile"), strings.HasSuffix(n, ".containerfile"):
		return len(n) > len(".dockerfile") && !strings.HasPrefix(n, ".")
	}
	return false
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

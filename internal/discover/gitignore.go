package discover

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// gitListing is what git would show of a directory inside a work tree:
// the files `git ls-files --cached --others --exclude-standard` lists
// when run there (tracked files, and untracked ones that no .gitignore,
// .git/info/exclude or core.excludesFile excludes), as slash paths
// relative to that directory, and every directory on the way to one.
//
// Why git itself and not a gitignore library: what .gitignore excludes
// depends on every .gitignore from the work tree's root down, on
// .git/info/exclude, on the user's core.excludesFile, and on whether a
// file is tracked (a tracked file is never ignored); git's own answer has
// all of that right by definition, while the Go libraries match patterns
// of files they are given (go-git's gitignore, sabhiram/go-gitignore,
// whose last release is from 2021) and leave the rest to the caller. The
// price is a git process per work tree walked and needing git on PATH;
// without it the walk goes on as before and says so (Options.Warn).
//
// Only what a walk can use is kept: the files with a Dockerfile name, the
// nested work trees (a submodule, listed with mode 160000; an untracked
// repository, listed as "dir/"), and the directories on the way to them.
// A walk then enters no directory without one, which makes a walk of a
// large repository cheaper than before, not dearer.
type gitListing struct {
	files map[string]bool // Dockerfile names
	dirs  map[string]bool // directories that hold one, or a nested work tree
}

// gitLsFilesTimeout bounds one git ls-files: on a network file system or
// a huge monorepo it could take long, and discovery must not hang.
const gitLsFilesTimeout = time.Minute

// listGit runs git ls-files in dir (absolute).
func listGit(dir string) (*gitListing, error) {
	bin, err := exec.LookPath("git")
	if err != nil {
		return nil, errors.New("git is not installed or not on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), gitLsFilesTimeout)
	defer cancel()
	// --stage shows a tracked entry's mode (160000: a submodule); an
	// untracked one is its bare path.
	cmd := exec.CommandContext(ctx, bin, "-C", dir, "ls-files", "-z", "--stage", "--cached", "--others", "--exclude-standard")
	// A hook (pre-commit's, git's own) may run dflint with GIT_DIR or
	// GIT_INDEX_FILE set for the repository being committed; the work
	// tree around dir is the one to ask.
	cmd.Env = gitEnv(os.Environ())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git ls-files failed: %s", msg)
	}
	l := &gitListing{files: map[string]bool{}, dirs: map[string]bool{}}
	for _, entry := range bytes.Split(out, []byte{0}) {
		if len(entry) == 0 {
			continue
		}
		var p string
		workTree := false
		if stage, name, ok := bytes.Cut(entry, []byte{'\t'}); ok {
			// "MODE OBJECT STAGE\tPATH": tracked.
			p, workTree = string(name), bytes.HasPrefix(stage, []byte("160000 "))
		} else {
			// An untracked path; "dir/" is a repository inside.
			p = string(entry)
			if strings.HasSuffix(p, "/") {
				p, workTree = strings.TrimSuffix(p, "/"), true
			}
		}
		switch {
		case workTree:
			l.dirs[p] = true
		case IsDockerfileName(path.Base(p)):
			l.files[p] = true
		default:
			continue
		}
		for d := path.Dir(p); d != "." && !l.dirs[d]; d = path.Dir(d) {
			l.dirs[d] = true
		}
	}
	return l, nil
}

// gitEnv is environ without the variables that would point git at another
// repository than the one around the directory it runs in.
func gitEnv(environ []string) []string {
	out := environ[:0:0]
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_PREFIX":
			continue
		}
		out = append(out, kv)
	}
	return out
}

// hasDir tells whether the walk should enter rel (a directory): git lists
// a Dockerfile under it, or lists it as a nested work tree.
func (l *gitListing) hasDir(rel string) bool { return l.dirs[rel] }

// gitScope is the part of a directory walk that one listing governs: the
// walked directory, or a nested work tree below it. A nil listing filters
// nothing (outside any work tree, or git could not answer).
type gitScope struct {
	dir     string // as the walk names it
	listing *gitListing
}

// rel is path relative to the scope's directory, with slashes.
func (s gitScope) rel(p string) string {
	r, err := filepath.Rel(s.dir, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// within tells whether p is below dir (both as the walk names them).
func within(p, dir string) bool {
	return strings.HasPrefix(p, dir+string(filepath.Separator))
}

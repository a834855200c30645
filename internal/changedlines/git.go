package changedlines

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// FromRev returns the lines changed between the revision rev and the work
// tree (staged or not) in the git repositories that hold paths: git diff is
// run once in each such repository. Untracked files that git does not
// ignore are new files: all their lines are changed.
//
// It fails, saying what to do, when git is not installed, when a path is
// outside every git work tree, and when a repository does not know rev (in
// CI, usually a shallow clone: fetch the history the revision is in).
func FromRev(rev string, paths []string) (*Set, error) {
	if rev == "" {
		return nil, errors.New("--new-from-rev needs a revision (a commit, branch or tag, such as origin/main or HEAD~1)")
	}
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("--new-from-rev %q: a revision does not start with '-'", rev)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("--new-from-rev runs git, which is not installed or not on PATH: install git, or write the diff to a file and use --new-from-patch")
	}
	roots := map[string]bool{}
	var order []string
	byDir := map[string]string{}
	for _, p := range paths {
		dir := filepath.Dir(p)
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			dir = p
		}
		root, seen := byDir[dir]
		if !seen {
			var err error
			root, err = toplevel(dir)
			if err != nil {
				return nil, fmt.Errorf("--new-from-rev: %s is not inside a git work tree, so there is no change to compare it with: lint it without --new-from-rev, or give --new-from-patch a diff", p)
			}
			byDir[dir] = root
		}
		if !roots[root] {
			roots[root] = true
			order = append(order, root)
		}
	}
	set := &Set{files: map[string]Lines{}}
	for _, root := range order {
		if err := addRepoChanges(set, root, rev); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// toplevel is the root of the git work tree around dir.
func toplevel(dir string) (string, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// addRepoChanges adds what changed in one repository since rev.
func addRepoChanges(set *Set, root, rev string) error {
	if _, err := git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil {
		return fmt.Errorf("--new-from-rev: the git repository %s has no commit %q: check the name, or fetch it (a CI checkout is often shallow: fetch the base branch, or use fetch-depth: 0)", root, rev)
	}
	// Prefixes, renames, relative paths and external diff tools are set
	// explicitly, so that the user's git config cannot change the output
	// that ParsePatch reads.
	diff, err := git(root, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative",
		"--src-prefix=a/", "--dst-prefix=b/", "-M", "--unified=0", rev, "--")
	if err != nil {
		return fmt.Errorf("--new-from-rev: git diff %s failed in %s: %w", rev, root, err)
	}
	changed, err := ParsePatch(bytes.NewReader(diff), root)
	if err != nil {
		return fmt.Errorf("--new-from-rev: reading git diff %s in %s: %w", rev, root, err)
	}
	for k, ls := range changed.files {
		set.files[k] = ls
	}
	untracked, err := git(root, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return fmt.Errorf("--new-from-rev: git ls-files failed in %s: %w", root, err)
	}
	for _, name := range strings.Split(string(untracked), "\x00") {
		if name != "" {
			set.add(filepath.Join(root, filepath.FromSlash(name)), WholeFile)
		}
	}
	return nil
}

// git runs git in dir and returns its standard output; the error carries
// git's standard error.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%w: %s", err, msg)
		}
		return nil, err
	}
	return out, nil
}

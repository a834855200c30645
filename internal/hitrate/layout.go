//go:build devtools

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// layout puts the corpus's files under dir where their repositories have
// them, <owner>/<name>/<original path>, so that rules that look beside a
// Dockerfile (DF203 and BuildKit's CopyIgnoredFile for ignore files, DF202
// for go.mod) see the repository's folders: the corpus folder itself
// flattens each repository into one folder, where every Dockerfile of a
// repository would share the ignore files of all the others. Each
// repository's root gets an empty .git folder, which is where DF203 stops
// looking upwards, as it does in a checkout.
//
// With link, files are hard links to the corpus's when dir is on the same
// file system (copies otherwise): cheap, for a folder nothing writes to.
// A folder kept for people to work in gets copies, since an edit in place
// through a link would change the shared corpus. dir must be empty or
// absent.
func layout(corpus, dir string, entries []entry, link bool) error {
	if names, err := os.ReadDir(dir); err == nil && len(names) > 0 {
		return fmt.Errorf("%s is not empty: the layout goes in a folder of its own", dir)
	}
	roots := map[string]bool{}
	for _, e := range entries {
		if !roots[e.repo] {
			roots[e.repo] = true
			if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(e.repo), ".git"), 0o755); err != nil {
				return err
			}
		}
		dst := filepath.Join(dir, filepath.FromSlash(e.rel()))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		src := filepath.Join(corpus, filepath.FromSlash(e.file))
		if !link || os.Link(src, dst) != nil {
			if err := copyFile(src, dst); err != nil {
				return err
			}
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Package changedlines is the model of "the lines a change touched": for
// each file, the lines of the new version that the change added or modified,
// as sorted ranges. It reads them from a unified diff (--new-from-patch) or
// from git (--new-from-rev), so that lint can report only the findings on
// those lines, the way golangci-lint's --new-from-rev and
// --new-from-patch do.
//
// Only added lines count: a line that a change modified is, in a unified
// diff, a deleted line and an added one. A deletion alone changes no line of
// the new file, so it puts nothing in scope (golangci-lint's revgrep does
// the same).
package changedlines

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bluekeyes/go-gitdiff/gitdiff"
)

// Range is lines From through To of the new file, 1-based, inclusive.
type Range struct{ From, To int }

// WholeFile is the range of a file that is new in the change (or untracked):
// every line of it is changed.
var WholeFile = Range{From: 1, To: math.MaxInt}

// Lines are the changed lines of one file: sorted, not overlapping, not
// adjacent (touching ranges are merged).
type Lines []Range

// Touches tells whether any line from..to (inclusive) is changed. A range
// with to < from is taken as the single line from.
func (ls Lines) Touches(from, to int) bool {
	to = max(to, from)
	// The first range that ends at or after from.
	i := sort.Search(len(ls), func(i int) bool { return ls[i].To >= from })
	return i < len(ls) && ls[i].From <= to
}

// Contains tells whether the line is changed.
func (ls Lines) Contains(line int) bool { return ls.Touches(line, line) }

// normalize sorts the ranges and merges those that overlap or touch.
func normalize(rs []Range) Lines {
	sort.Slice(rs, func(i, j int) bool { return rs[i].From < rs[j].From })
	var out Lines
	for _, r := range rs {
		if n := len(out); n > 0 && r.From <= out[n-1].To+1 {
			out[n-1].To = max(out[n-1].To, r.To)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Set maps files, by absolute and cleaned path, to their changed lines. A
// file the change does not touch is not in the set.
type Set struct {
	files map[string]Lines
}

// Of returns the changed lines of a file (any path that names it: relative
// to the working directory or absolute), and whether the change touched
// the file at all.
func (s *Set) Of(path string) (Lines, bool) {
	if s == nil {
		return nil, false
	}
	ls, ok := s.files[key(path)]
	return ls, ok
}

// Len is how many files the change touched.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.files)
}

func (s *Set) add(path string, rs ...Range) {
	if s.files == nil {
		s.files = map[string]Lines{}
	}
	k := key(path)
	s.files[k] = normalize(append(append([]Range(nil), s.files[k]...), rs...))
}

// key is the path's identity in a Set: absolute, cleaned, and with the
// symbolic links of its directory resolved, so that /tmp/x and
// /private/tmp/x (macOS) or a path through a linked checkout meet.
func key(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	dir, base := filepath.Split(abs)
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(real, base)
	}
	return abs
}

// ParsePatch reads a unified diff (git's format, GitHub's
// application/vnd.github.diff, or diff -u's) and returns the added lines of
// every file in it, with the file paths resolved against root (the
// directory the diff's paths are relative to: the repository root for git
// and GitHub diffs).
//
// Paths: in a git diff ("diff --git" headers) git's a/ and b/ prefixes are
// dropped, as git apply does. In a diff without git headers, a new name that
// starts with "b/" while the old one starts with "a/" (or is /dev/null) is
// read the same way; any other name is taken as it is (patch -p0). Renamed
// and copied files count under their new name; deleted and binary files
// bring no lines.
func ParsePatch(r io.Reader, root string) (*Set, error) {
	text, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	files, _, err := gitdiff.Parse(strings.NewReader(string(text)))
	if err != nil {
		return nil, fmt.Errorf("not a unified diff that dflint can read: %w", err)
	}
	gitStyle := strings.HasPrefix(string(text), "diff --git ") || strings.Contains(string(text), "\ndiff --git ")
	dropB := !gitStyle && prefixedTraditional(string(text))
	set := &Set{files: map[string]Lines{}}
	for _, f := range files {
		if f.IsDelete || f.IsBinary {
			continue
		}
		name := f.NewName
		if dropB {
			name = strings.TrimPrefix(name, "b/")
		}
		if name == "" {
			continue
		}
		var rs []Range
		for _, frag := range f.TextFragments {
			line := int(frag.NewPosition)
			if frag.NewLines == 0 {
				continue // the fragment only deletes lines
			}
			for _, l := range frag.Lines {
				switch l.Op {
				case gitdiff.OpAdd:
					rs = append(rs, Range{line, line})
					line++
				case gitdiff.OpContext:
					line++
				}
			}
		}
		p := filepath.FromSlash(name)
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		// A file that is in the diff with no added line (only deletions,
		// a mode change) is still a changed file: it is in the set, with
		// no lines.
		set.add(p, rs...)
	}
	return set, nil
}

// prefixedTraditional tells whether a diff without git headers was
// written with a/ and b/ prefixes (diff -u a/x b/x, or git diff output with
// its "diff --git" lines cut off): every file header's old name starts with
// a/ (or is /dev/null) and its new name with b/ (or is /dev/null).
// go-gitdiff keeps the names of such headers as written. A file header is
// a "--- " line followed by a "+++ " line and a hunk header, so that a
// removed line that starts with "-- " is not taken for one.
func prefixedTraditional(text string) bool {
	lines := strings.Split(text, "\n")
	headers := 0
	for i := 0; i+2 < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "--- ") || !strings.HasPrefix(lines[i+1], "+++ ") || !strings.HasPrefix(lines[i+2], "@@ -") {
			continue
		}
		old, _, _ := strings.Cut(strings.TrimPrefix(lines[i], "--- "), "\t")
		nu, _, _ := strings.Cut(strings.TrimPrefix(lines[i+1], "+++ "), "\t")
		old, nu = strings.Trim(old, `"`), strings.Trim(nu, `"`)
		if (old != devNull && !strings.HasPrefix(old, "a/")) || (nu != devNull && !strings.HasPrefix(nu, "b/")) {
			return false
		}
		headers++
	}
	return headers > 0
}

const devNull = "/dev/null"

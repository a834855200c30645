package rewrite_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/dflint/dflint/internal/eol"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// TestCorpusWrittenImagesPublished fixes the corpus as a user does under
// each base family and checks every image reference a fix wrote into a
// FROM: a distroless or Chainguard image must be in hardened.json's
// published table (and still rebuilt), an official image's tag in
// internal/eol's table of the tags the official images build today when
// the file's own tag of that repository is in it (the slim variant of an
// old release is as old as the release: it exists, not rebuilt).
// References no table can judge are counted, not judged.
func TestCorpusWrittenImagesPublished(t *testing.T) {
	root := corpusDir(t)
	rels := corpusFiles(t, root)
	tags := eol.DefaultTags()
	for _, family := range images.BaseFamilies {
		eng, err := rules.NewEngine(rules.Options{BasePolicy: rewrite.BasePolicy{Family: family}})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		written := map[string]bool{}
		current := map[string]bool{} // written where the file's tag is current
		forEachFile(rels, func(rel string) {
			src, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				t.Error(err)
				return
			}
			res, err := rewrite.Fix(context.Background(), eng, rel, src, rewrite.Options{Unsafe: true})
			if err != nil || !res.Changed() {
				return
			}
			before := fromImages(parser.Parse(rel, src))
			currentRepos := map[string]bool{}
			for s := range before {
				if ref, err := parser.ParseImageRef(s); err == nil && tags.Published(ref.Name(), ref.Tag) {
					currentRepos[ref.Name()] = true
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for s := range fromImages(res.File) {
				if !before[s] {
					written[s] = true
					if ref, err := parser.ParseImageRef(s); err == nil && currentRepos[ref.Name()] {
						current[s] = true
					}
				}
			}
		})
		var bad, unjudged []string
		for s := range written {
			ref, err := parser.ParseImageRef(s)
			if err != nil {
				bad = append(bad, s+" (invalid)")
				continue
			}
			if pub, stale, known := images.HardenedPublished(ref); known {
				if !pub || stale {
					bad = append(bad, s)
				}
				continue
			}
			name := ref.Name()
			if tags.Knows(name) && ref.Digest == "" && current[s] {
				if !tags.Published(name, ref.Tag) {
					bad = append(bad, s)
				}
				continue
			}
			unjudged = append(unjudged, s)
		}
		sort.Strings(bad)
		sort.Strings(unjudged)
		t.Logf("%s: %d image references written, %d not in a table of published images: %v", family, len(written), len(unjudged), unjudged)
		for _, s := range bad {
			t.Errorf("%s: a fix wrote %s, which the tables say is not published (or no longer rebuilt)", family, s)
		}
	}
}

// fromImages is the set of image references the file's FROMs name.
func fromImages(f *parser.File) map[string]bool {
	m := map[string]bool{}
	for _, s := range f.Stages {
		if ref, ok := s.Image(); ok {
			m[ref.Original] = true
		}
	}
	return m
}

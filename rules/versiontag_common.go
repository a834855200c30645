package rules

// The online fix of DF101 and DF102: which version tag a floating tag
// (`latest`, or `latest-alpine` and the like) points to now. The registry
// lists the repository's tags; the version tags with the same variant
// suffix are tried newest first, and of those whose digest equals the
// floating tag's, the most specific one wins (3.13.1 over 3.13 over 3).

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dflint/dflint/parser"
)

// maxTagProbes bounds the digests looked up per floating tag: the newest
// version tags come first, and latest is nearly always among them.
const maxTagProbes = 48

var versionTagRe = lazyRegexp(`^v?(\d+(?:\.\d+)*)(.*)$`)

type versionTag struct {
	tag   string
	parts []int
}

// versionTagFor returns the most specific version tag whose digest is the
// one `floating` has now in ref's repository. ok is false offline, when a
// look-up fails, or when no version tag matches.
func versionTagFor(p *Pass, ref parser.ImageRef, floating string) (string, bool) {
	online := p.registry()
	if online == nil {
		return "", false
	}
	suffix := ""
	if rest, ok := strings.CutPrefix(strings.ToLower(floating), "latest"); ok {
		suffix = rest // "" or "-alpine"
	}
	repo := ref.Repository() // as people write it: messages name it so
	want, ok := online.digest(repo + ":" + floating)
	if !ok {
		return "", false
	}
	tags, ok := online.tags(repo)
	if !ok {
		return "", false
	}
	var cands []versionTag
	for _, t := range tags {
		m := versionTagRe().FindStringSubmatch(t)
		if m == nil || !strings.EqualFold(m[2], suffix) {
			continue
		}
		var parts []int
		for _, x := range strings.Split(m[1], ".") {
			n, err := strconv.Atoi(x)
			if err != nil {
				parts = nil
				break
			}
			parts = append(parts, n)
		}
		if parts != nil {
			cands = append(cands, versionTag{t, parts})
		}
	}
	// Newest first; of 3.13.1 and 3.13, the longer first.
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i].parts, cands[j].parts
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] > b[k]
			}
		}
		return len(a) > len(b)
	})
	const batch = 8
	best := -1
	for start := 0; start < len(cands) && start < maxTagProbes && best < 0; start += batch {
		end := min(start+batch, len(cands), maxTagProbes)
		match := make([]bool, end-start)
		var wg sync.WaitGroup
		for i := start; i < end; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, ok := online.digest(repo + ":" + cands[i].tag)
				match[i-start] = ok && d == want
			}()
		}
		wg.Wait()
		for i, ok := range match {
			c := cands[start+i]
			if ok && (best < 0 || len(c.parts) > len(cands[best].parts)) {
				best = start + i
			}
		}
	}
	if best < 0 {
		return "", false
	}
	return cands[best].tag, true
}

// versionTagFix is the fix DF101 and DF102 offer online: the floating tag
// replaced by the version tag it points to now.
func versionTagFix(p *Pass, s *parser.Stage, ref parser.ImageRef) *Fix {
	floating := ref.Tag
	if floating == "" {
		floating = "latest"
	}
	t, ok := locateRef(p.File, s)
	if !ok || t.full() != s.Base {
		return nil
	}
	tag, ok := versionTagFor(p, ref, floating)
	if !ok {
		return nil
	}
	e, ok := tagEdit(t, tag)
	if !ok {
		return nil
	}
	where := ""
	if t.Arg != nil {
		where = " (in the ARG default)"
	}
	return &Fix{
		Title:         fmt.Sprintf("Use `%s:%s`, the version `%s` points to now%s", ref.Repository(), tag, floating, where),
		Applicability: Unsafe,
		Edits:         []Edit{e},
	}
}

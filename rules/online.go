package rules

// What rules may ask an image registry, and how the engine asks it.
//
// Rules never talk to the network themselves: they ask the Registry in
// Options through their Pass, which is nil offline (the default: no
// look-up, no cache). The engine asks for every base image of a file at
// once, concurrently, before the checks run, so that the checks read
// answers the client already holds; the client (internal/registry) asks
// each question once per run however many files name the image. Failures
// become errors of the file (exit code 2), once each; answers the offline
// cache does not hold are simply missing, and the rules then offer no fix
// (unless Options.CacheMissIsError: for dflint pin, a missing answer is a
// pin not made). Optional look-ups, whose answers only add to a message
// (the size of a suggested image), fail into a note in that message.

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/containerd/platforms"
	imagereg "github.com/dflint/dflint/internal/registry"
	"github.com/dflint/dflint/parser"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// Registry answers what only an image registry knows. *registry.Client is
// one; tests use fakes.
type Registry interface {
	// Digest is the digest ref points to now (an index digest, or a
	// platform's image digest when the client is set to a platform).
	Digest(ctx context.Context, ref string) (string, error)
	// Tags lists a repository's tags.
	Tags(ctx context.Context, repo string) ([]string, error)
	// Image reads ref's image for a platform ("" for the default one).
	Image(ctx context.Context, ref, platform string) (imagereg.Image, error)
}

// lookups is one Lint call's view of the Registry: answers, and the errors
// to report with the file, each once.
type lookups struct {
	reg Registry
	ctx context.Context
	// missIsError records offline cache misses as errors too.
	missIsError bool

	mu   sync.Mutex
	errs []error
	seen map[string]bool
}

func newLookups(ctx context.Context, reg Registry, missIsError bool) *lookups {
	if reg == nil {
		return nil
	}
	return &lookups{reg: reg, ctx: ctx, missIsError: missIsError, seen: map[string]bool{}}
}

func (l *lookups) record(err error) {
	if err == nil || (errors.Is(err, imagereg.ErrNotCached) && !l.missIsError) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.seen[err.Error()] {
		l.seen[err.Error()] = true
		l.errs = append(l.errs, err)
	}
}

// digest is the digest ref points to now; ok is false offline, on a cache
// miss and on an error (recorded).
func (l *lookups) digest(ref string) (string, bool) {
	if l == nil {
		return "", false
	}
	d, err := l.reg.Digest(l.ctx, ref)
	l.record(err)
	return d, err == nil && d != ""
}

func (l *lookups) tags(repo string) ([]string, bool) {
	if l == nil {
		return nil, false
	}
	t, err := l.reg.Tags(l.ctx, repo)
	l.record(err)
	return t, err == nil
}

func (l *lookups) image(ref, platform string) (imagereg.Image, bool) {
	if l == nil {
		return imagereg.Image{}, false
	}
	img, err := l.reg.Image(l.ctx, ref, platform)
	l.record(err)
	return img, err == nil
}

// optionalImage is image for an answer the file can do without: its error
// is returned to the caller, never recorded as an error of the file.
func (l *lookups) optionalImage(ref, platform string) (imagereg.Image, error) {
	return l.reg.Image(l.ctx, ref, platform)
}

// imageConfig is the config of ref's image for a platform, for BuildKit's
// checks (buildkitcheck.ImageConfigs). It asks as BuildKit's resolver did,
// with the reference BuildKit normalised and the platform it resolves for;
// an error is not recorded here: the prefetch of the base images reports
// it once, and an image named only by COPY --from simply stays unknown.
func (l *lookups) imageConfig(ref string, platform ocispecs.Platform) ([]byte, bool) {
	img, err := l.reg.Image(l.ctx, ref, platforms.Format(platform))
	if err != nil || len(img.Config) == 0 {
		return nil, false
	}
	return img.Config, true
}

// registry returns the pass's view of the Registry; nil offline. Its
// methods are safe to call on nil.
func (p *Pass) registry() *lookups { return p.lookups }

// factsRules read image facts when online; the engine fetches the facts of
// every base up front when one of them (or BuildKit's checks) runs.
var factsRules = map[string]bool{"DF104": true, "DF105": true, "DF301": true, "DF601": true, "DF602": true, "DF603": true, "DF604": true, "DF605": true, "DF606": true, "DF607": true}

// prefetch asks for the digests (and, when wanted, the image facts) of the
// file's base images concurrently; the checks then find them answered.
func (l *lookups) prefetch(f *parser.File, facts bool) {
	if l == nil {
		return
	}
	var wg sync.WaitGroup
	seen := map[string]bool{}
	for _, s := range f.Stages {
		ref, ok := s.Image()
		if !ok {
			continue
		}
		key := ref.Original + "\x00" + stagePlatform(s)
		if seen[key] {
			continue
		}
		seen[key] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			if facts {
				l.image(ref.Original, stagePlatform(s))
			} else {
				l.digest(tagRef(ref))
			}
		}()
	}
	wg.Wait()
	// Concurrent askers record in any order; the report must not vary.
	l.mu.Lock()
	sort.Slice(l.errs, func(i, j int) bool { return l.errs[i].Error() < l.errs[j].Error() })
	l.mu.Unlock()
}

// stagePlatform is the FROM's --platform when it is a constant
// ("linux/arm64"), else the platform the file is linted for when
// --platform names one, else "" (the client's platform).
func stagePlatform(s *parser.Stage) string {
	if s.Platform == "" || strings.Contains(s.Platform, "$") {
		if s.From != nil && s.From.File != nil && s.From.File.Build.Platform.OS != "" {
			return platforms.Format(s.From.File.Build.Platform)
		}
		return ""
	}
	return s.Platform
}

// tagRef is the reference to ask about: the tag, without a digest that
// would answer itself.
func tagRef(ref parser.ImageRef) string {
	if ref.Digest == "" {
		return ref.Original // as written: messages then name it so
	}
	tag := ref.Tag
	if tag == "" {
		tag = "latest"
	}
	return ref.Repository() + ":" + tag
}

// imageFacts reads a stage's base image from the registry when online.
func imageFacts(p *Pass, s *parser.Stage) (imagereg.Image, bool) {
	ref, ok := s.Image()
	if !ok {
		return imagereg.Image{}, false
	}
	return p.registry().image(ref.Original, stagePlatform(s))
}

// sizeNote is the sentence DF104 and DF105 add when online: the
// compressed sizes of the stage's base and of the suggested image, as the
// registry states them. "" when either is unknown. The suggested image is
// an optional look-up: when the registry cannot describe it, the note says
// so, and the finding and the file's exit code stay what they would be
// offline.
func sizeNote(p *Pass, s *parser.Stage, suggested string) string {
	cur, ok := imageFacts(p, s)
	if !ok || cur.CompressedSize <= 0 {
		return ""
	}
	next, err := p.registry().optionalImage(suggested, stagePlatform(s))
	if errors.Is(err, imagereg.ErrNotCached) {
		return "" // offline, as for any answer the cache lacks
	}
	if err != nil {
		return fmt.Sprintf("sizes not shown: the registry did not describe `%s`", suggested)
	}
	if next.CompressedSize <= 0 {
		return ""
	}
	return fmt.Sprintf("%s is %s compressed; %s is %s", s.Base, formatSize(cur.CompressedSize), suggested, formatSize(next.CompressedSize))
}

// formatSize writes a byte count the way registries show sizes: decimal
// megabytes, with a decimal below 10 MB, kB below 1 MB.
func formatSize(n int64) string {
	switch {
	case n < 1_000_000:
		return fmt.Sprintf("%d kB", (n+500)/1000)
	case n < 10_000_000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%d MB", (n+500_000)/1_000_000)
}

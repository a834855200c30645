// Package registry asks container image registries what dflint's online
// rules need to know: the digest a tag points to now, the tags of a
// repository, and an image's configuration (user, entrypoint, environment,
// platform) and compressed size. It talks to registries through
// go-containerregistry, with credentials from the Docker configuration
// (authn.DefaultKeychain, never printed), timeouts, bounded retries, a cap
// on concurrent requests, registry mirrors used the way the Docker daemon's
// registry-mirrors are, and an on-disk cache (see cache.go).
//
// A Client answers each question once per run: however many Dockerfiles
// name python:3.12, its digest is looked up once, and concurrent askers wait
// for that one answer.
package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// DefaultPlatform is the platform whose image is read from a multi-platform
// index when neither the FROM nor the command line names one.
const DefaultPlatform = "linux/amd64"

// ErrNotCached is returned in offline mode for a question the cache cannot
// answer.
var ErrNotCached = errors.New("not in the registry cache")

// Options configure a Client. The zero value asks registries directly with
// the defaults below and caches nothing.
type Options struct {
	// Offline answers from the cache only and never opens a connection;
	// questions the cache cannot answer get ErrNotCached.
	Offline bool
	// Cache stores answers between runs; nil caches nothing.
	Cache *Cache
	// Refresh asks the registry again for tags and tag lists even when the
	// cache holds a fresh answer (`dflint pin --update`).
	Refresh bool
	// Mirrors maps a registry ("docker.io", "ghcr.io") to the mirrors that
	// serve it ("127.0.0.1:5000", "https://mirror.gcr.io"), tried in order.
	// See ParseMirror.
	Mirrors map[string][]string
	// Platform chooses the image of a multi-platform index: Digest returns
	// that image's digest instead of the index's, and Image reads it when
	// its caller names no platform. "" means the index digest, and
	// DefaultPlatform for Image.
	Platform string
	// Timeout bounds each question, retries included; 0 means 30s.
	Timeout time.Duration
	// Deadline, when set, bounds all the questions of a run: once it
	// passes, every question still open or still to come fails at once.
	// Clients that serve one run share it (one per config file).
	Deadline time.Time
	// Retries is how many times a request that failed on a temporary error
	// (a timeout, a reset connection, 429 or 5xx) is tried again; 0 means 2,
	// negative means none.
	Retries int
	// Concurrency caps the questions asked at the same time; 0 means 8.
	Concurrency int
	// Keychain finds credentials; nil means authn.DefaultKeychain (the
	// Docker config.json under $DOCKER_CONFIG or ~/.docker, with its
	// credential helpers).
	Keychain authn.Keychain
	// Transport carries the requests; nil means a transport with dial and
	// TLS handshake timeouts.
	Transport http.RoundTripper
}

// Image is what a registry says about one image (one platform's manifest).
type Image struct {
	// Digest is the manifest digest of this platform's image.
	Digest string `json:"digest"`
	// Platform is the image's own "os/arch[/variant]", from its config.
	// When an index has no image for the platform asked for, Image is its
	// first image, and Platform says which one it is.
	Platform string `json:"platform"`
	// User, Entrypoint, Cmd and Env are the image config's defaults.
	User       string   `json:"user,omitempty"`
	Entrypoint []string `json:"entrypoint,omitempty"`
	Cmd        []string `json:"cmd,omitempty"`
	Env        []string `json:"env,omitempty"`
	// CompressedSize is the sum of the layers' sizes in the manifest: what
	// a pull downloads.
	CompressedSize int64 `json:"compressed_size"`
	// Config is the raw image configuration, as BuildKit reads it.
	Config json.RawMessage `json:"config"`
}

// Client asks registries and remembers the answers for the whole run. It is
// safe for concurrent use.
type Client struct {
	opts     Options
	keychain authn.Keychain
	sem      chan struct{}
	mirrors  map[string][]mirror

	mu    sync.Mutex
	calls map[string]*call

	statsMu sync.Mutex
	stats   Stats
}

// Stats count what a client did, for the summary line of a run.
type Stats struct {
	Requests   int // questions that went to a registry
	CacheHits  int // questions the disk cache answered
	NotCached  int // offline questions the cache could not answer
	Failures   int // questions that ended in an error
	Registries map[string]bool
}

type call struct {
	done chan struct{}
	val  any
	err  error
}

// New makes a client. Mirrors that do not parse are errors.
func New(opts Options) (*Client, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.Retries == 0 {
		opts.Retries = 2
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.Keychain == nil {
		opts.Keychain = authn.DefaultKeychain
	}
	if opts.Transport == nil {
		opts.Transport = defaultTransport()
	}
	opts.Transport = capBodies(opts.Transport)
	if opts.Platform != "" {
		p, err := v1.ParsePlatform(opts.Platform)
		if err != nil {
			return nil, fmt.Errorf("invalid platform %q: use os/arch[/variant], e.g. linux/arm64", opts.Platform)
		}
		opts.Platform = p.String()
	}
	c := &Client{
		opts:     opts,
		keychain: opts.Keychain,
		sem:      make(chan struct{}, opts.Concurrency),
		mirrors:  map[string][]mirror{},
		calls:    map[string]*call{},
	}
	for reg, ms := range opts.Mirrors {
		key := registryKey(reg)
		for _, m := range ms {
			pm, err := parseMirrorHost(m)
			if err != nil {
				return nil, fmt.Errorf("registry mirror %s=%s: %w", reg, m, err)
			}
			c.mirrors[key] = append(c.mirrors[key], pm)
		}
	}
	return c, nil
}

// CacheDir is where the client's cache lives; "" without a cache.
func (c *Client) CacheDir() string {
	if c.opts.Cache == nil {
		return ""
	}
	return c.opts.Cache.Dir()
}

// Offline tells whether the client answers from its cache only.
func (c *Client) Offline() bool { return c.opts.Offline }

// Stats returns what the client has done so far.
func (c *Client) Stats() Stats {
	c.statsMu.Lock()
	defer c.statsMu.Unlock()
	s := c.stats
	s.Registries = map[string]bool{}
	for k := range c.stats.Registries {
		s.Registries[k] = true
	}
	return s
}

func (c *Client) count(f func(*Stats)) {
	c.statsMu.Lock()
	defer c.statsMu.Unlock()
	f(&c.stats)
}

// defaultTransport is go-containerregistry's transport with shorter dial
// and header timeouts: an unreachable registry must fail in seconds, not
// hang the lint.
func defaultTransport() http.RoundTripper {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// once runs f for key at most once per client; concurrent callers of the
// same key wait for the first one's answer. Errors are remembered too, so
// a registry that is down is asked once, not once per file.
func (c *Client) once(ctx context.Context, key string, f func() (any, error)) (any, error) {
	c.mu.Lock()
	if cl, ok := c.calls[key]; ok {
		c.mu.Unlock()
		select {
		case <-cl.done:
			return cl.val, cl.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	cl := &call{done: make(chan struct{})}
	c.calls[key] = cl
	c.mu.Unlock()
	cl.val, cl.err = f()
	close(cl.done)
	return cl.val, cl.err
}

// Digest returns the digest ref points to now: the index digest of a
// multi-platform image, or, when the client has a Platform, the digest of
// that platform's image. A reference that carries a digest is answered
// without asking (its tag, if any, is not checked against it).
func (c *Client) Digest(ctx context.Context, ref string) (string, error) {
	r, err := parseRef(ref)
	if err != nil {
		return "", err
	}
	if d, ok := r.(name.Digest); ok && c.opts.Platform == "" {
		return d.DigestStr(), nil
	}
	top, err := c.topDigest(ctx, r)
	if err != nil {
		return "", err
	}
	if c.opts.Platform == "" {
		return top, nil
	}
	img, err := c.imageAt(ctx, r.Context(), top, c.opts.Platform)
	if err != nil {
		return "", err
	}
	if img.Platform != c.opts.Platform && !platformSatisfies(img.Platform, c.opts.Platform) {
		return "", fmt.Errorf("%s has no image for %s (it has %s)", ref, c.opts.Platform, img.Platform)
	}
	return img.Digest, nil
}

// Tags lists the tags of a repository ("python", "ghcr.io/org/app"), sorted.
func (c *Client) Tags(ctx context.Context, repo string) ([]string, error) {
	r, err := name.NewRepository(repo, name.WeakValidation)
	if err != nil {
		return nil, fmt.Errorf("invalid repository %q: %w", repo, err)
	}
	key := "tags\x00" + r.Name()
	v, err := c.once(ctx, key, func() (any, error) {
		var tags []string
		if c.fromCache(key, true, &tags) {
			return tags, nil
		}
		err := c.ask(ctx, r.RegistryStr(), func(ctx context.Context, reg name.Registry, opts []remote.Option) error {
			var err error
			tags, err = listTags(ctx, repoOn(r, reg), opts)
			return err
		}, "list the tags of "+repo)
		if err != nil {
			return nil, err
		}
		sort.Strings(tags)
		c.toCache(key, tags)
		return tags, nil
	})
	if err != nil {
		return nil, err
	}
	return append([]string(nil), v.([]string)...), nil
}

// listTags reads a repository's tag list page by page, up to
// maxTagPages pages and maxTagListBytes: a registry whose Link: next never
// ends must not hold the run, nor fill its memory.
func listTags(ctx context.Context, repo name.Repository, opts []remote.Option) ([]string, error) {
	puller, err := remote.NewPuller(opts...)
	if err != nil {
		return nil, err
	}
	lister, err := puller.Lister(ctx, repo)
	if err != nil {
		return nil, err
	}
	var tags []string
	size := 0
	for pages := 0; lister.HasNext(); pages++ {
		if pages == maxTagPages {
			return nil, fmt.Errorf("%w: the tag list goes on past %d pages (%d tags so far); dflint stops there", ErrTooLarge, maxTagPages, len(tags))
		}
		page, err := lister.Next(ctx)
		if err != nil {
			return nil, err
		}
		for _, t := range page.Tags {
			size += len(t) + 16 // the string header each tag takes
			if size > maxTagListBytes {
				return nil, fmt.Errorf("%w: the tag list is over %d MiB (%d tags so far); dflint stops there", ErrTooLarge, maxTagListBytes>>20, len(tags))
			}
			tags = append(tags, t)
		}
	}
	return tags, nil
}

// Image returns the configuration and compressed size of ref's image for a
// platform ("" means the client's Platform, else DefaultPlatform). When ref
// is a multi-platform index without that platform, the index's first image
// is returned: Image.Platform says which it is.
func (c *Client) Image(ctx context.Context, ref, platform string) (Image, error) {
	r, err := parseRef(ref)
	if err != nil {
		return Image{}, err
	}
	if platform == "" {
		platform = c.opts.Platform
	}
	if platform == "" {
		platform = DefaultPlatform
	}
	p, err := v1.ParsePlatform(platform)
	if err != nil {
		return Image{}, fmt.Errorf("invalid platform %q: use os/arch[/variant]", platform)
	}
	top, err := c.topDigest(ctx, r)
	if err != nil {
		return Image{}, err
	}
	return c.imageAt(ctx, r.Context(), top, p.String())
}

// topDigest is the digest of what ref names: for a tag, what the registry
// (or a fresh cache entry) says now; for a digest, the digest itself.
func (c *Client) topDigest(ctx context.Context, r name.Reference) (string, error) {
	if d, ok := r.(name.Digest); ok {
		return d.DigestStr(), nil
	}
	key := "digest\x00" + r.Name()
	v, err := c.once(ctx, key, func() (any, error) {
		var d string
		if c.fromCache(key, true, &d) {
			return d, nil
		}
		err := c.ask(ctx, r.Context().RegistryStr(), func(ctx context.Context, reg name.Registry, opts []remote.Option) error {
			mr := onRegistry(r, reg)
			opts = append(opts, remote.WithContext(ctx))
			desc, err := remote.Head(mr, opts...)
			if err != nil {
				// Some registries refuse HEAD on manifests: GET them.
				var te *transport.Error
				if !errors.As(err, &te) || te.StatusCode == http.StatusNotFound || te.StatusCode == http.StatusUnauthorized {
					return err
				}
				g, gerr := remote.Get(mr, opts...)
				if gerr != nil {
					return gerr
				}
				d = g.Digest.String()
				return nil
			}
			d = desc.Digest.String()
			return nil
		}, "look up "+r.String())
		if err != nil {
			return nil, err
		}
		c.toCache(key, d)
		return d, nil
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// imageAt reads the image that repo@digest names for a platform. What a
// digest names never changes, so the answer is cached without expiry.
func (c *Client) imageAt(ctx context.Context, repo name.Repository, digest, platform string) (Image, error) {
	key := "image\x00" + repo.Name() + "@" + digest + "\x00" + platform
	v, err := c.once(ctx, key, func() (any, error) {
		var img Image
		if c.fromCache(key, false, &img) {
			return img, nil
		}
		want, _ := v1.ParsePlatform(platform)
		err := c.ask(ctx, repo.RegistryStr(), func(ctx context.Context, reg name.Registry, opts []remote.Option) error {
			mr := repoOn(repo, reg)
			opts = append(opts, remote.WithContext(ctx))
			desc, err := remote.Get(mr.Digest(digest), opts...)
			if err != nil {
				return err
			}
			var vi v1.Image
			if desc.MediaType.IsIndex() {
				idx, err := desc.ImageIndex()
				if err != nil {
					return err
				}
				child, err := pickChild(idx, *want)
				if err != nil {
					return err
				}
				if vi, err = idx.Image(child); err != nil {
					return err
				}
			} else if vi, err = desc.Image(); err != nil {
				return err
			}
			img, err = describe(vi)
			return err
		}, "read the image "+repo.String()+"@"+digest)
		if err != nil {
			return nil, err
		}
		c.toCache(key, img)
		return img, nil
	})
	if err != nil {
		return Image{}, err
	}
	return v.(Image), nil
}

// pickChild chooses the index entry for a platform, skipping attestation
// manifests; with no match, the first image (so that the caller can see,
// and BuildKit report, that the platform is missing).
func pickChild(idx v1.ImageIndex, want v1.Platform) (v1.Hash, error) {
	im, err := idx.IndexManifest()
	if err != nil {
		return v1.Hash{}, err
	}
	var first *v1.Descriptor
	for i := range im.Manifests {
		m := &im.Manifests[i]
		if !m.MediaType.IsImage() {
			continue
		}
		if m.Platform == nil {
			if first == nil {
				first = m
			}
			continue
		}
		if m.Platform.OS == "unknown" {
			continue // a BuildKit attestation manifest
		}
		if first == nil {
			first = m
		}
		if m.Platform.Satisfies(want) || platformSatisfies(m.Platform.String(), want.String()) {
			return m.Digest, nil
		}
	}
	if first == nil {
		return v1.Hash{}, errors.New("the index holds no image")
	}
	return first.Digest, nil
}

// platformSatisfies compares platforms, treating arm64 and arm64/v8 alike.
func platformSatisfies(have, want string) bool {
	norm := func(s string) string { return strings.TrimSuffix(s, "/v8") }
	return norm(have) == norm(want)
}

// describe reads what rules want from an image.
func describe(img v1.Image) (Image, error) {
	d, err := img.Digest()
	if err != nil {
		return Image{}, err
	}
	raw, err := img.RawConfigFile()
	if err != nil {
		return Image{}, err
	}
	var cfg v1.ConfigFile
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return Image{}, fmt.Errorf("the image config is not JSON: %w", err)
	}
	m, err := img.Manifest()
	if err != nil {
		return Image{}, err
	}
	var size int64
	for _, l := range m.Layers {
		size += l.Size
	}
	p := v1.Platform{OS: cfg.OS, Architecture: cfg.Architecture, Variant: cfg.Variant}
	return Image{
		Digest:         d.String(),
		Platform:       p.String(),
		User:           cfg.Config.User,
		Entrypoint:     cfg.Config.Entrypoint,
		Cmd:            cfg.Config.Cmd,
		Env:            cfg.Config.Env,
		CompressedSize: size,
		Config:         raw,
	}, nil
}

// ask runs one question against the registry, or its mirrors in order,
// within the timeout, the run's deadline and the concurrency cap, and turns
// failures into errors that say what to do.
func (c *Client) ask(ctx context.Context, registry string, do func(context.Context, name.Registry, []remote.Option) error, what string) error {
	if c.opts.Offline {
		c.count(func(s *Stats) { s.NotCached++ })
		return fmt.Errorf("cannot %s offline: %w", what, ErrNotCached)
	}
	if !c.opts.Deadline.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, c.opts.Deadline)
		defer cancel()
	}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		if c.outOfTime() {
			c.count(func(s *Stats) { s.Failures++ })
			return fmt.Errorf("cannot %s: %w", what, c.deadlineError())
		}
		return ctx.Err()
	}
	defer func() { <-c.sem }()

	type endpoint struct {
		reg   name.Registry
		label string
	}
	var endpoints []endpoint
	for _, m := range c.mirrors[registryKey(registry)] {
		reg, err := m.registry()
		if err != nil {
			return err
		}
		endpoints = append(endpoints, endpoint{reg, m.host + " (mirror of " + displayRegistry(registry) + ")"})
	}
	if len(endpoints) == 0 {
		reg, err := name.NewRegistry(registry, name.WeakValidation)
		if err != nil {
			return err
		}
		endpoints = append(endpoints, endpoint{reg, displayRegistry(registry)})
	}
	var errs []error
	for _, ep := range endpoints {
		if c.outOfTime() {
			errs = append(errs, c.deadlineError())
			break
		}
		c.count(func(s *Stats) {
			s.Requests++
			if s.Registries == nil {
				s.Registries = map[string]bool{}
			}
			s.Registries[ep.reg.RegistryStr()] = true
		})
		qctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
		err := do(qctx, ep.reg, c.remoteOptions(ep.reg))
		timedOut := qctx.Err() == context.DeadlineExceeded
		cancel()
		if err == nil {
			return nil
		}
		if timedOut && c.outOfTime() {
			errs = append(errs, fmt.Errorf("%s did not answer: %w", ep.label, c.deadlineError()))
			break
		}
		errs = append(errs, explain(err, ep.label, mayBePlainHTTP(ep.reg), timedOut, c.opts.Timeout))
		if ctx.Err() != nil {
			break
		}
	}
	c.count(func(s *Stats) { s.Failures++ })
	if len(errs) == 1 {
		return fmt.Errorf("cannot %s: %w", what, errs[0])
	}
	return fmt.Errorf("cannot %s: %w", what, errors.Join(errs...))
}

// ErrDeadline is wrapped by the errors of questions that the run's
// deadline (Options.Deadline) cut short or left unasked.
var ErrDeadline = errors.New("the registry time of this run is used up")

// outOfTime tells whether the run's deadline has passed.
func (c *Client) outOfTime() bool {
	return !c.opts.Deadline.IsZero() && !time.Now().Before(c.opts.Deadline)
}

func (c *Client) deadlineError() error {
	return fmt.Errorf("%w (--registry-timeout): raise it for a run with many images, or check the network, the proxy settings and --registry-mirror", ErrDeadline)
}

func (c *Client) remoteOptions(reg name.Registry) []remote.Option {
	steps := c.opts.Retries + 1
	if c.opts.Retries < 0 {
		steps = 1
	}
	return []remote.Option{
		c.authFor(reg),
		remote.WithTransport(c.opts.Transport),
		remote.WithUserAgent("dflint"),
		remote.WithRetryBackoff(remote.Backoff{Duration: 300 * time.Millisecond, Factor: 2, Jitter: 0.1, Steps: steps}),
	}
}

// explain turns go-containerregistry's errors into one line that names the
// registry and says what to do. Credentials never appear: requests carry
// them in headers, which no error prints. What the registry wrote (an
// error body) is cut and cleaned of control characters: it is someone
// else's text on its way to a terminal or a CI log. anonymous says that
// the registry was asked without credentials because it may be reached
// over plain HTTP.
func explain(err error, where string, anonymous, timedOut bool, timeout time.Duration) error {
	var te *transport.Error
	switch {
	case timedOut:
		return fmt.Errorf("%s did not answer within %s: check the network, the proxy settings and --registry-mirror", where, timeout)
	case errors.As(err, &te):
		switch te.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			if anonymous {
				return fmt.Errorf("%s refused access (HTTP %d): dflint sends no credentials to a registry it may reach over plain HTTP (an http:// mirror, localhost, a loopback or private address); serve it over HTTPS under a host name to use your `docker login`", where, te.StatusCode)
			}
			return fmt.Errorf("%s refused access (HTTP %d): log in with `docker login %s` (dflint uses the credentials of the Docker config, $DOCKER_CONFIG/config.json)", where, te.StatusCode, loginHost(where))
		case http.StatusNotFound:
			return fmt.Errorf("%s has no such image or tag (HTTP 404)", where)
		case http.StatusTooManyRequests:
			return fmt.Errorf("%s is rate-limiting requests (HTTP 429): log in, use a --registry-mirror, or try again later", where)
		}
		return &detailError{fmt.Sprintf("%s answered HTTP %d: %s", where, te.StatusCode, cleanDetail(te.Error())), err}
	case errors.Is(err, ErrTooLarge):
		return &detailError{fmt.Sprintf("%s: %s", where, cleanDetail(err.Error())), err}
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return &detailError{fmt.Sprintf("%s cannot be reached (%s): is the registry up, and is the host and port right?", where, cleanDetail(oe.Err.Error())), err}
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return &detailError{fmt.Sprintf("%s cannot be reached: no such host %q", where, cleanDetail(de.Name)), err}
	}
	return &detailError{fmt.Sprintf("%s: %s", where, cleanDetail(err.Error())), err}
}

func loginHost(where string) string {
	h, _, _ := strings.Cut(where, " ")
	return h
}

// parseRef parses a reference the way Docker does: "python" is
// index.docker.io/library/python:latest.
func parseRef(ref string) (name.Reference, error) {
	r, err := name.ParseReference(ref, name.WeakValidation)
	if err != nil {
		return nil, fmt.Errorf("invalid image reference %q: %w", ref, err)
	}
	return r, nil
}

// onRegistry is ref with its registry replaced by reg (a mirror's).
func onRegistry(r name.Reference, reg name.Registry) name.Reference {
	repo := repoOn(r.Context(), reg)
	if d, ok := r.(name.Digest); ok {
		return repo.Digest(d.DigestStr())
	}
	return repo.Tag(r.Identifier())
}

// registryKey normalises a registry name for the mirror table: Docker
// Hub's aliases are one registry.
// repoOn is repo on another registry (a mirror), keeping its full path:
// Docker Hub's implicit "library/" is spelled out, as mirrors serve it.
func repoOn(repo name.Repository, reg name.Registry) name.Repository {
	if reg.RegistryStr() == repo.RegistryStr() {
		return repo
	}
	r, err := name.NewRepository(repo.RepositoryStr(), name.WeakValidation)
	if err != nil {
		return repo
	}
	r.Registry = reg
	return r
}

func registryKey(reg string) string {
	switch strings.ToLower(reg) {
	case "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com":
		return name.DefaultRegistry
	}
	return strings.ToLower(reg)
}

func displayRegistry(reg string) string {
	if registryKey(reg) == name.DefaultRegistry {
		return "docker.io"
	}
	return reg
}

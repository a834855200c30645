package registry

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	ggcrregistry "github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// testRegistry is go-containerregistry's in-process registry on 127.0.0.1,
// counting the requests it serves.
type testRegistry struct {
	srv       *httptest.Server
	host      string
	manifests atomic.Int64 // GET and HEAD of /v2/<repo>/manifests/
	requests  atomic.Int64
}

func newTestRegistry(t *testing.T, wrap func(http.Handler) http.Handler) *testRegistry {
	t.Helper()
	tr := &testRegistry{}
	var h http.Handler = ggcrregistry.New(ggcrregistry.Logger(log.New(io.Discard, "", 0)))
	inner := h
	h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tr.requests.Add(1)
		if strings.Contains(r.URL.Path, "/manifests/") {
			tr.manifests.Add(1)
		}
		inner.ServeHTTP(w, r)
	})
	if wrap != nil {
		h = wrap(h)
	}
	tr.srv = httptest.NewServer(h)
	t.Cleanup(tr.srv.Close)
	tr.host = strings.TrimPrefix(tr.srv.URL, "http://")
	return tr
}

// image is a random image with the config fields the rules read.
func testImage(t *testing.T, size int64, layers int64, platform, user string) v1.Image {
	t.Helper()
	img, err := random.Image(size, layers)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	p, err := v1.ParsePlatform(platform)
	if err != nil {
		t.Fatal(err)
	}
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	cf.Config.User = user
	cf.Config.Entrypoint = []string{"/entry.sh"}
	cf.Config.Env = []string{"PATH=/usr/bin", "LANG=C.UTF-8"}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// testIndex is a multi-platform index of fresh random images.
func testIndex(t *testing.T, platforms ...string) (v1.ImageIndex, map[string]v1.Image) {
	t.Helper()
	var adds []mutate.IndexAddendum
	imgs := map[string]v1.Image{}
	for i, pl := range platforms {
		img := testImage(t, int64(1000*(i+1)), 2, pl, "")
		p, _ := v1.ParsePlatform(pl)
		adds = append(adds, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: p}})
		imgs[pl] = img
	}
	return mutate.AppendManifests(empty.Index, adds...), imgs
}

func push(t *testing.T, ref string, x any) {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	switch x := x.(type) {
	case v1.Image:
		err = remote.Write(r, x)
	case v1.ImageIndex:
		err = remote.WriteIndex(r, x)
	}
	if err != nil {
		t.Fatalf("push %s: %v", ref, err)
	}
}

func digestOf(t *testing.T, x interface{ Digest() (v1.Hash, error) }) string {
	t.Helper()
	d, err := x.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d.String()
}

func layerSum(t *testing.T, img v1.Image) int64 {
	m, err := img.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, l := range m.Layers {
		n += l.Size
	}
	return n
}

// failingTransport fails the test on any request: a client that must not
// touch the network gets it.
type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected network request: %s %s", r.Method, r.URL)
	return nil, errors.New("network is forbidden in this test")
}

func newClient(t *testing.T, opts Options) *Client {
	t.Helper()
	// No test reads the developer's Docker credentials.
	if os.Getenv("DOCKER_CONFIG") == "" {
		t.Setenv("DOCKER_CONFIG", t.TempDir())
	}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDigestIndexAndPlatform(t *testing.T) {
	reg := newTestRegistry(t, nil)
	idx, imgs := testIndex(t, "linux/amd64", "linux/arm64/v8")
	ref := reg.host + "/library/python:3.12"
	push(t, ref, idx)
	ctx := context.Background()

	got, err := newClient(t, Options{}).Digest(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if want := digestOf(t, idx); got != want {
		t.Errorf("Digest = %s, want the index digest %s", got, want)
	}
	got, err = newClient(t, Options{Platform: "linux/arm64"}).Digest(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if want := digestOf(t, imgs["linux/arm64/v8"]); got != want {
		t.Errorf("Digest(linux/arm64) = %s, want the arm64 image %s", got, want)
	}
	_, err = newClient(t, Options{Platform: "linux/s390x"}).Digest(ctx, ref)
	if err == nil || !strings.Contains(err.Error(), "no image for linux/s390x") {
		t.Errorf("Digest(linux/s390x) error = %v, want one that names the missing platform", err)
	}
}

func TestImageFacts(t *testing.T) {
	reg := newTestRegistry(t, nil)
	single := testImage(t, 3000, 3, "linux/amd64", "nonroot")
	push(t, reg.host+"/app:1", single)
	idx, imgs := testIndex(t, "linux/amd64", "linux/arm64/v8")
	push(t, reg.host+"/multi:2", idx)
	c := newClient(t, Options{})
	ctx := context.Background()

	got, err := c.Image(ctx, reg.host+"/app:1", "")
	if err != nil {
		t.Fatal(err)
	}
	if got.User != "nonroot" || got.Platform != "linux/amd64" || got.Entrypoint[0] != "/entry.sh" || len(got.Env) != 2 {
		t.Errorf("Image = %+v: config fields wrong", got)
	}
	if want := layerSum(t, single); got.CompressedSize != want || want == 0 {
		t.Errorf("CompressedSize = %d, want the layers' sum %d", got.CompressedSize, want)
	}
	if got.Digest != digestOf(t, single) || len(got.Config) == 0 {
		t.Errorf("Digest %s / config %d bytes: want the image's", got.Digest, len(got.Config))
	}

	arm, err := c.Image(ctx, reg.host+"/multi:2", "linux/arm64")
	if err != nil {
		t.Fatal(err)
	}
	if arm.Digest != digestOf(t, imgs["linux/arm64/v8"]) || arm.CompressedSize != layerSum(t, imgs["linux/arm64/v8"]) {
		t.Errorf("arm64 image = %s (%d bytes), want the arm64 entry", arm.Digest, arm.CompressedSize)
	}
	amd, err := c.Image(ctx, reg.host+"/multi:2", "")
	if err != nil {
		t.Fatal(err)
	}
	if amd.Digest != digestOf(t, imgs["linux/amd64"]) {
		t.Errorf("default platform image = %s, want linux/amd64's", amd.Digest)
	}
	other, err := c.Image(ctx, reg.host+"/multi:2", "windows/amd64")
	if err != nil {
		t.Fatal(err)
	}
	if other.Platform != "linux/amd64" {
		t.Errorf("missing platform: got %s, want the first image (linux/amd64) so callers see the mismatch", other.Platform)
	}
}

func TestTags(t *testing.T) {
	reg := newTestRegistry(t, nil)
	img := testImage(t, 100, 1, "linux/amd64", "")
	for _, tag := range []string{"latest", "3.20.1", "3.20", "3"} {
		push(t, reg.host+"/library/alpine:"+tag, img)
	}
	tags, err := newClient(t, Options{}).Tags(context.Background(), reg.host+"/library/alpine")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(tags, ","); got != "3,3.20,3.20.1,latest" {
		t.Errorf("Tags = %s", got)
	}
}

// However many files ask, each reference goes to the registry once.
func TestOncePerRun(t *testing.T) {
	reg := newTestRegistry(t, nil)
	push(t, reg.host+"/library/node:20", testImage(t, 100, 1, "linux/amd64", "node"))
	c := newClient(t, Options{})
	before := reg.manifests.Load()
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Digest(context.Background(), reg.host+"/library/node:20"); err != nil {
				t.Error(err)
			}
			if _, err := c.Image(context.Background(), reg.host+"/library/node:20", ""); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// One HEAD for the tag, one GET for the image's manifest.
	if n := reg.manifests.Load() - before; n != 2 {
		t.Errorf("%d manifest requests for 100 questions about one reference, want 2", n)
	}
}

// Docker Hub short names go through the mirror, with library/ added as the
// Docker daemon does.
func TestMirror(t *testing.T) {
	reg := newTestRegistry(t, nil)
	img := testImage(t, 100, 1, "linux/amd64", "")
	push(t, reg.host+"/library/alpine:3.20", img)
	for _, m := range []string{reg.host, "http://" + reg.host} {
		c := newClient(t, Options{Mirrors: map[string][]string{"docker.io": {m}}})
		got, err := c.Digest(context.Background(), "alpine:3.20")
		if err != nil {
			t.Fatalf("mirror %s: %v", m, err)
		}
		if got != digestOf(t, img) {
			t.Errorf("mirror %s: digest %s, want %s", m, got, digestOf(t, img))
		}
	}
	// A dead mirror first, then the live one: the second answers.
	dead := newTestRegistry(t, nil)
	dead.srv.Close()
	c := newClient(t, Options{Mirrors: map[string][]string{"index.docker.io": {dead.host, reg.host}}})
	if _, err := c.Digest(context.Background(), "docker.io/library/alpine:3.20"); err != nil {
		t.Errorf("second mirror not tried: %v", err)
	}
}

func TestParseMirror(t *testing.T) {
	for _, ok := range []string{"docker.io=127.0.0.1:5000", "docker.io=mirror.gcr.io", "docker.io=https://mirror.gcr.io", "ghcr.io=http://10.0.0.2:5000"} {
		if _, _, err := ParseMirror(ok); err != nil {
			t.Errorf("ParseMirror(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"127.0.0.1:5000", "docker.io=", "=host", "docker.io=ftp://x", "docker.io=http://host/path", "docker.io=a b"} {
		if _, _, err := ParseMirror(bad); err == nil {
			t.Errorf("ParseMirror(%q) accepted", bad)
		}
	}
}

// A registry that is down fails fast, with a message that names it.
func TestUnreachable(t *testing.T) {
	reg := newTestRegistry(t, nil)
	reg.srv.Close()
	c := newClient(t, Options{Mirrors: map[string][]string{"docker.io": {reg.host}}})
	start := time.Now()
	_, err := c.Digest(context.Background(), "python:3.12")
	if err == nil {
		t.Fatal("no error from a stopped registry")
	}
	if !strings.Contains(err.Error(), reg.host+" (mirror of docker.io) cannot be reached") {
		t.Errorf("error %q does not say which registry cannot be reached", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s to give up on a stopped registry", d)
	}
	// The failure is remembered: the second file does not wait again.
	start = time.Now()
	if _, err2 := c.Digest(context.Background(), "python:3.12"); err2 == nil || time.Since(start) > 50*time.Millisecond {
		t.Errorf("second look-up: %v after %s, want the remembered error at once", err2, time.Since(start))
	}
}

func TestTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	host := strings.TrimPrefix(srv.URL, "http://")
	c := newClient(t, Options{Timeout: 300 * time.Millisecond})
	start := time.Now()
	_, err := c.Digest(context.Background(), host+"/x:1")
	if err == nil || !strings.Contains(err.Error(), "did not answer within 300ms") {
		t.Errorf("error = %v, want a timeout message", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("gave up after %s", d)
	}
}

// Retries are bounded: a registry that keeps answering 503 is asked
// Retries+1 times.
func TestBoundedRetries(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/" {
			return
		}
		n.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	c := newClient(t, Options{Retries: 2})
	_, err := c.Tags(context.Background(), host+"/x")
	if err == nil || !strings.Contains(err.Error(), "HTTP 503") {
		t.Errorf("error = %v, want HTTP 503", err)
	}
	if n.Load() != 3 {
		t.Errorf("%d requests, want 3 (one try and two retries)", n.Load())
	}
}

// basicAuthOnly wraps a registry so that it asks for user:pass, and
// records the Authorization header of every request it gets.
func basicAuthOnly(user, pass string, seen *[]string, mu *sync.Mutex) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			*seen = append(*seen, r.Header.Get("Authorization"))
			mu.Unlock()
			u, p, ok := r.BasicAuth()
			if !ok || u != user || p != pass {
				w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
				http.Error(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`, http.StatusUnauthorized)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
}

// dockerConfig points DOCKER_CONFIG at a config.json with user:pass for host.
func dockerConfig(t *testing.T, host, user, pass string) {
	t.Helper()
	dir := t.TempDir()
	auth := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	cfg := fmt.Sprintf(`{"auths":{%q:{"auth":%q}}}`, host, auth)
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOCKER_CONFIG", dir)
}

// tlsRegistry is go-containerregistry's registry over TLS under the host
// name registry.example (its certificate's example.com would do too):
// the transport it returns trusts the certificate and dials the test
// server whatever host a request names, so nothing leaves the machine.
func tlsRegistry(t *testing.T, wrap func(http.Handler) http.Handler) (host string, tr http.RoundTripper) {
	t.Helper()
	h := wrap(ggcrregistry.New(ggcrregistry.Logger(log.New(io.Discard, "", 0))))
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	base := srv.Client().Transport.(*http.Transport).Clone()
	addr := srv.Listener.Addr().String()
	base.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	base.TLSClientConfig.ServerName = "example.com"
	return "registry.example", base
}

func TestAuth(t *testing.T) {
	const user, pass = "ci", "s3cret-p4ss"
	var mu sync.Mutex
	var seen []string
	host, tr := tlsRegistry(t, basicAuthOnly(user, pass, &seen, &mu))
	img := testImage(t, 100, 1, "linux/amd64", "")
	r, _ := name.ParseReference(host + "/private/app:1")
	if err := remote.Write(r, img, remote.WithTransport(tr), remote.WithAuth(&authn.Basic{Username: user, Password: pass})); err != nil {
		t.Fatal(err)
	}

	// No credentials: a clear refusal that says how to log in.
	_, err := newClient(t, Options{Transport: tr}).Digest(context.Background(), host+"/private/app:1")
	if err == nil || !strings.Contains(err.Error(), "docker login "+host) {
		t.Errorf("error = %v, want advice to docker login", err)
	}

	// Credentials in a Docker config.json: the same question succeeds.
	dockerConfig(t, host, user, pass)
	got, err := newClient(t, Options{Transport: tr}).Digest(context.Background(), host+"/private/app:1")
	if err != nil {
		t.Fatal(err)
	}
	if got != digestOf(t, img) {
		t.Errorf("digest %s, want %s", got, digestOf(t, img))
	}
	// Wrong password: refused, and the password is never printed.
	dockerConfig(t, host, user, "wrong-"+pass)
	_, err = newClient(t, Options{Transport: tr}).Digest(context.Background(), host+"/private/app:1")
	if err == nil || strings.Contains(err.Error(), pass) || strings.Contains(err.Error(), base64.StdEncoding.EncodeToString([]byte(user+":wrong-"+pass))) {
		t.Errorf("error = %v: want a refusal that does not show the credentials", err)
	}
}

// The keychain's credentials never travel over plain HTTP: not to a
// registry on a loopback address (which go-containerregistry reaches over
// HTTP when HTTPS fails), not to an http:// mirror, even when the Docker
// config holds credentials for exactly that host.
func TestNoCredentialsOverPlainHTTP(t *testing.T) {
	const user, pass = "ci", "s3cret-p4ss"
	var mu sync.Mutex
	var seen []string
	reg := newTestRegistry(t, basicAuthOnly(user, pass, &seen, &mu))
	r, _ := name.ParseReference(reg.host + "/library/app:1")
	if err := remote.Write(r, testImage(t, 100, 1, "linux/amd64", ""), remote.WithAuth(&authn.Basic{Username: user, Password: pass})); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	seen = nil
	mu.Unlock()
	dockerConfig(t, reg.host, user, pass)

	for _, q := range []struct {
		ref     string
		mirrors map[string][]string
	}{
		{reg.host + "/library/app:1", nil},
		{"app:1", map[string][]string{"docker.io": {"http://" + reg.host}}},
		{"app:1", map[string][]string{"docker.io": {reg.host}}},
	} {
		_, err := newClient(t, Options{Mirrors: q.mirrors, Retries: -1}).Digest(context.Background(), q.ref)
		if err == nil || !strings.Contains(err.Error(), "sends no credentials to a registry it may reach over plain HTTP") {
			t.Errorf("%s via %v: error = %v, want a refusal that says why no credentials were sent", q.ref, q.mirrors, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) == 0 {
		t.Fatal("the registry got no request")
	}
	for _, h := range seen {
		if h != "" {
			t.Errorf("a plain-HTTP request carried Authorization: %q", h)
		}
	}
}

// An HTTPS registry that holds the user's credentials redirects to plain
// HTTP on a host of its domain: the credentials do not follow. (net/http
// drops them; go-containerregistry keeps its own host on the scheme its
// ping found.) This holds without code of dflint's: the test keeps it so.
func TestNoCredentialsOnRedirectToPlainHTTP(t *testing.T) {
	const user, pass = "ci", "s3cret-p4ss"
	var mu sync.Mutex
	var seen, plainSeen []string
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		plainSeen = append(plainSeen, r.Header.Get("Authorization"))
		mu.Unlock()
		http.NotFound(w, r)
	}))
	defer plain.Close()
	redirect := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/manifests/") && r.Header.Get("Authorization") != "" {
				http.Redirect(w, r, "http://cdn.registry.example"+r.URL.Path, http.StatusTemporaryRedirect)
				return
			}
			basicAuthOnly(user, pass, &seen, &mu)(h).ServeHTTP(w, r)
		})
	}
	host, tr := tlsRegistry(t, redirect)
	// Plain HTTP to port 80 of the registry's host reaches the recording
	// server; everything else the TLS registry.
	tlsDial := tr.(*http.Transport).DialContext
	tr.(*http.Transport).DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if strings.HasSuffix(addr, ":80") {
			return (&net.Dialer{}).DialContext(ctx, network, plain.Listener.Addr().String())
		}
		return tlsDial(ctx, network, addr)
	}
	dockerConfig(t, host, user, pass)
	_, err := newClient(t, Options{Transport: tr, Retries: -1}).Digest(context.Background(), host+"/private/app:1")
	if err == nil {
		t.Error("the redirected look-up succeeded, want the plain server's 404")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(plainSeen) == 0 {
		t.Fatal("the redirect was not followed: the test proves nothing")
	}
	for _, h := range plainSeen {
		if h != "" {
			t.Errorf("the plain-HTTP request after the redirect carried Authorization: %q", h)
		}
	}
}

// BuildKit's checks (InvalidBaseImagePlatform) read the config of the
// image a platform's question lands on: an index without that platform
// answers with its first image, whose config says which platform it is.
func TestImageConfigOfAnotherPlatform(t *testing.T) {
	reg := newTestRegistry(t, nil)
	push(t, reg.host+"/armonly:1", testImage(t, 100, 1, "linux/arm64", ""))
	img, err := newClient(t, Options{}).Image(context.Background(), reg.host+"/armonly:1", "linux/amd64")
	if err != nil || !strings.Contains(string(img.Config), `"architecture":"arm64"`) {
		t.Errorf("image = %s, %v: want the arm64 config, so BuildKit's check sees the mismatch", img.Config, err)
	}
}

// No more than Concurrency questions are in flight at once.
func TestConcurrencyCap(t *testing.T) {
	var inflight, peak atomic.Int64
	reg := newTestRegistry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/manifests/") {
				n := inflight.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(20 * time.Millisecond)
				defer inflight.Add(-1)
			}
			h.ServeHTTP(w, r)
		})
	})
	img := testImage(t, 100, 1, "linux/amd64", "")
	for i := range 10 {
		push(t, fmt.Sprintf("%s/app:%d", reg.host, i), img)
	}
	peak.Store(0)
	c := newClient(t, Options{Concurrency: 2})
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Digest(context.Background(), fmt.Sprintf("%s/app:%d", reg.host, i)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p > 2 || p == 0 {
		t.Errorf("peak of %d requests in flight, want at most 2", p)
	}
}

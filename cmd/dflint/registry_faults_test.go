package main

// Registry faults met end to end, against servers on 127.0.0.1: a
// repository's config naming a plain-HTTP mirror, and a registry that
// never answers.

import (
	"bytes"
	"encoding/base64"
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
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	ggcrregistry "github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// runDflint runs dflint in-process and returns its exit code and output.
func runInProcess(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	code = run(args, ios)
	return code, out.String(), errOut.String()
}

// A repository's .dflint.yaml names an http:// mirror for which the
// user's Docker config holds credentials. Without --trust-config-mirrors
// the mirror gets no request at all; with it, it gets requests but never
// an Authorization header.
func TestConfigMirrorHTTPAndCredentials(t *testing.T) {
	const user, pass = "ci", "s3cret-p4ss"
	var mu sync.Mutex
	var requests, authorized int
	inner := ggcrregistry.New(ggcrregistry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests++
		if r.Header.Get("Authorization") != "" {
			authorized++
		}
		mu.Unlock()
		if u, p, ok := r.BasicAuth(); !ok || u != user || p != pass {
			w.Header().Set("WWW-Authenticate", `Basic realm="mirror"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	img, err := random.Image(100, 1)
	must(t, err)
	ref, err := name.ParseReference(host + "/acme/app:1")
	must(t, err)
	must(t, remote.Write(ref, img, remote.WithAuth(&authn.Basic{Username: user, Password: pass})))

	docker := t.TempDir()
	auth := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
	must(t, os.WriteFile(filepath.Join(docker, "config.json"), []byte(fmt.Sprintf(`{"auths":{%q:{"auth":%q}}}`, host, auth)), 0o600))
	t.Setenv("DOCKER_CONFIG", docker)
	t.Setenv("DFLINT_CACHE_DIR", t.TempDir())

	// The images come from 127.0.0.1:1, where nothing listens: no look-up
	// leaves the machine, whichever way it goes.
	repo := t.TempDir()
	must(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	must(t, os.WriteFile(filepath.Join(repo, ".dflint.yaml"), []byte(fmt.Sprintf("registry-mirrors:\n  127.0.0.1:1: http://%s\n", host)), 0o644))
	df := filepath.Join(repo, "Dockerfile")
	must(t, os.WriteFile(df, []byte("FROM 127.0.0.1:1/acme/app:1\n"), 0o644))
	mu.Lock()
	requests, authorized = 0, 0
	mu.Unlock()

	code, stdout, stderr := runInProcess("pin", "--check", "--fail-level", "none", df)
	if code != 2 || !strings.Contains(stderr, "registry-mirrors not used: mirrors from a config file found in the linted tree need --trust-config-mirrors") || !strings.Contains(stdout, "127.0.0.1:1 cannot be reached") {
		t.Errorf("without --trust-config-mirrors: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 2, the warning, and the look-up at the image's own registry", code, stdout, stderr)
	}
	mu.Lock()
	if requests != 0 {
		t.Errorf("without --trust-config-mirrors the repository's mirror got %d requests, want none", requests)
	}
	mu.Unlock()

	code, stdout, stderr = runInProcess("pin", "--check", "--trust-config-mirrors", "--fail-level", "none", df)
	if code != 2 || !strings.Contains(stdout, "sends no credentials to a registry it may reach over plain HTTP") || strings.Contains(stderr, "not used") {
		t.Errorf("with --trust-config-mirrors: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 2 and the refusal to send credentials", code, stdout, stderr)
	}
	mu.Lock()
	defer mu.Unlock()
	if requests == 0 {
		t.Error("with --trust-config-mirrors the mirror got no request")
	}
	if authorized != 0 {
		t.Errorf("%d of %d plain-HTTP requests carried an Authorization header", authorized, requests)
	}
}

// A registry that accepts connections and never answers holds dflint pin
// for --registry-timeout, not for 30 s per image (24 images: 91 s).
func TestPinHangingRegistryRunDeadline(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	var conns []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c) // held open, never answered
			mu.Unlock()
		}
	}()
	defer func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	}()
	t.Setenv("DFLINT_CACHE_DIR", t.TempDir())
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	dir := t.TempDir()
	const images = 24
	for i := range images {
		must(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.Dockerfile", i)), fmt.Appendf(nil, "FROM %s/img%d:1\n", l.Addr(), i), 0o644))
	}
	start := time.Now()
	code, stdout, stderr := runInProcess("pin", "--check", "--registry-timeout", "2s", "--fail-level", "none", dir)
	elapsed := time.Since(start)
	if elapsed > 10*time.Second {
		t.Errorf("pin of %d images at a hanging registry took %s with --registry-timeout 2s", images, elapsed)
	}
	if code != 2 {
		t.Errorf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if n := strings.Count(stdout, "the registry time of this run is used up (--registry-timeout)"); n != images {
		t.Errorf("%d files say the registry time is used up, want %d\nstdout:\n%s", n, images, stdout)
	}
}

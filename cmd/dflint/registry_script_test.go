package main

// Script commands for the registry scenarios in the repository's testdata/script/*.txtar:
// an in-process registry on 127.0.0.1 (go-containerregistry's) that
// scripts fill with random images, and a guard that proves a command
// opened no network connection.

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/go-containerregistry/pkg/name"
	ggcrregistry "github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/rogpeppe/go-internal/testscript"
)

// cmdRegistry drives a test registry:
//
//	registry start                 start it; $REGISTRY is its host:port
//	registry stop                  stop it (later requests are refused)
//	registry push REF [KEY=VALUE]… push a random image: platform=os/arch,
//	                               user=NAME, size=BYTES (per layer, 2 layers)
//	registry index REF PLATFORM…   push a multi-platform index
//	registry tag SRC DST           point DST at SRC's manifest
//	registry digest REF VAR        set $VAR to REF's digest
//	registry manifests N|reset     require N manifest requests from dflint
//	                               since the last check, or start counting
//
// REF may be a short name ("python:3.12"): it goes to library/python on the
// test registry, as a Docker Hub mirror serves it.
func cmdRegistry(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: registry start|stop|push|index|tag|digest …")
	}
	host := ts.Getenv("REGISTRY")
	ref := func(s string) name.Reference {
		r, err := name.ParseReference(s)
		if err != nil {
			ts.Fatalf("registry: %v", err)
		}
		repo := r.Context().RepositoryStr()
		out, err := name.ParseReference(host + "/" + repo + ":" + r.Identifier())
		if err != nil {
			ts.Fatalf("registry: %v", err)
		}
		return out
	}
	switch args[0] {
	case "start":
		inner := ggcrregistry.New(ggcrregistry.Logger(log.New(io.Discard, "", 0)))
		counter := new(atomic.Int64)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// dflint's requests carry its user agent; the script's own
			// pushes and look-ups do not count.
			if strings.Contains(r.URL.Path, "/manifests/") && strings.Contains(r.UserAgent(), "dflint") {
				counter.Add(1)
			}
			inner.ServeHTTP(w, r)
		}))
		scriptState.Store(stateKey{ts, "manifests"}, counter)
		ts.Defer(srv.Close)
		ts.Setenv("REGISTRY", strings.TrimPrefix(srv.URL, "http://"))
		scriptState.Store(stateKey{ts, "registry"}, srv)
		ts.Defer(func() { scriptState.Delete(stateKey{ts, "registry"}) })
	case "stop":
		v, _ := scriptState.Load(stateKey{ts, "registry"})
		srv, _ := v.(*httptest.Server)
		if srv == nil {
			ts.Fatalf("registry stop: not started")
		}
		srv.Close()
	case "push":
		if len(args) < 2 {
			ts.Fatalf("usage: registry push REF [platform=…] [user=…] [size=…]")
		}
		kv := map[string]string{"platform": "linux/amd64", "size": "1000"}
		for _, a := range args[2:] {
			k, v, _ := strings.Cut(a, "=")
			kv[k] = v
		}
		size, err := strconv.ParseInt(kv["size"], 10, 64)
		if err != nil {
			ts.Fatalf("registry push: size=%s", kv["size"])
		}
		img := scriptImage(ts, size, kv["platform"], kv["user"])
		if err := remote.Write(ref(args[1]), img); err != nil {
			ts.Fatalf("registry push: %v", err)
		}
	case "index":
		var adds []mutate.IndexAddendum
		for _, pl := range args[2:] {
			p, err := v1.ParsePlatform(pl)
			if err != nil {
				ts.Fatalf("registry index: %v", err)
			}
			adds = append(adds, mutate.IndexAddendum{Add: scriptImage(ts, 1000, pl, ""), Descriptor: v1.Descriptor{Platform: p}})
		}
		if err := remote.WriteIndex(ref(args[1]), mutate.AppendManifests(empty.Index, adds...)); err != nil {
			ts.Fatalf("registry index: %v", err)
		}
	case "tag":
		desc, err := remote.Get(ref(args[1]))
		if err != nil {
			ts.Fatalf("registry tag: %v", err)
		}
		dst := ref(args[2])
		if err := remote.Put(dst, desc); err != nil {
			ts.Fatalf("registry tag: %v", err)
		}
	case "digest":
		desc, err := remote.Head(ref(args[1]))
		if err != nil {
			ts.Fatalf("registry digest: %v", err)
		}
		ts.Setenv(args[2], desc.Digest.String())
	case "manifests":
		v, _ := scriptState.Load(stateKey{ts, "manifests"})
		n, _ := v.(*atomic.Int64)
		if n == nil || len(args) != 2 {
			ts.Fatalf("usage: registry start, then registry manifests N")
		}
		if args[1] == "reset" {
			n.Store(0)
			return
		}
		want, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil {
			ts.Fatalf("registry manifests: %q is not a number", args[1])
		}
		if got := n.Swap(0); got != want {
			ts.Fatalf("registry: %d manifest requests from dflint, want %d", got, want)
		}
	default:
		ts.Fatalf("registry: unknown subcommand %q", args[0])
	}
}

// scriptState holds what a script's commands started, per script.
var scriptState sync.Map

type stateKey struct {
	ts   *testscript.TestScript
	what string
}

func scriptImage(ts *testscript.TestScript, size int64, platform, user string) v1.Image {
	img, err := random.Image(size, 2)
	if err != nil {
		ts.Fatalf("registry: %v", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		ts.Fatalf("registry: %v", err)
	}
	cf = cf.DeepCopy()
	p, err := v1.ParsePlatform(platform)
	if err != nil {
		ts.Fatalf("registry: %v", err)
	}
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	cf.Config.User = user
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		ts.Fatalf("registry: %v", err)
	}
	return img
}

// cmdNetguard proves that a command opens no connection:
//
//	netguard start    listen on 127.0.0.1 and point HTTP(S)_PROXY and
//	                  ALL_PROXY at it, so that any request to a registry
//	                  (Docker Hub, ghcr.io, …) arrives there
//	netguard count N  require exactly N connections so far ("some": at
//	                  least one, for the control case)
func cmdNetguard(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: netguard start | netguard count N")
	}
	switch args[0] {
	case "start":
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			ts.Fatalf("netguard: %v", err)
		}
		n := new(atomic.Int64)
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				n.Add(1)
				c.Close()
			}
		}()
		ts.Defer(func() { l.Close() })
		scriptState.Store(stateKey{ts, "netguard"}, n)
		ts.Defer(func() { scriptState.Delete(stateKey{ts, "netguard"}) })
		proxy := "http://" + l.Addr().String()
		for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"} {
			ts.Setenv(k, proxy)
		}
		ts.Setenv("NO_PROXY", "")
		ts.Setenv("no_proxy", "")
	case "count":
		v, _ := scriptState.Load(stateKey{ts, "netguard"})
		n, _ := v.(*atomic.Int64)
		if n == nil || len(args) != 2 {
			ts.Fatalf("usage: netguard start first, then netguard count N")
		}
		if args[1] == "some" {
			if n.Load() == 0 {
				ts.Fatalf("netguard: no connection, want some")
			}
			return
		}
		want, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil {
			ts.Fatalf("netguard count: %q is not a number", args[1])
		}
		if got := n.Load(); got != want {
			ts.Fatalf("netguard: %d connections, want %d", got, want)
		}
	default:
		ts.Fatalf("netguard: unknown subcommand %q", args[0])
	}
}

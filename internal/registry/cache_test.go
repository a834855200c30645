package registry

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A tag moved between runs: the cache keeps the old answer while it is
// fresh, the registry is asked again once it is stale or when a refresh
// is asked for, and offline runs use whatever the cache holds.
func TestCacheTagMovedBetweenRuns(t *testing.T) {
	reg := newTestRegistry(t, nil)
	ref := reg.host + "/library/python:3.12"
	old := testImage(t, 100, 1, "linux/amd64", "")
	push(t, ref, old)
	dir := t.TempDir()
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	cache := func() *Cache {
		c := OpenCache(dir, time.Hour)
		c.now = func() time.Time { return now }
		return c
	}
	ctx := context.Background()

	run1 := newClient(t, Options{Cache: cache()})
	d1, err := run1.Digest(ctx, ref)
	if err != nil || d1 != digestOf(t, old) {
		t.Fatalf("run 1: %s, %v", d1, err)
	}
	if _, err := run1.Image(ctx, ref, ""); err != nil {
		t.Fatal(err)
	}

	moved := testImage(t, 200, 1, "linux/amd64", "")
	push(t, ref, moved)

	now = now.Add(30 * time.Minute)
	before := reg.requests.Load()
	run2 := newClient(t, Options{Cache: cache()})
	if d, _ := run2.Digest(ctx, ref); d != d1 {
		t.Errorf("within the TTL: %s, want the cached %s", d, d1)
	}
	if img, err := run2.Image(ctx, ref, ""); err != nil || img.Digest != d1 {
		t.Errorf("within the TTL: image %s, %v", img.Digest, err)
	}
	if n := reg.requests.Load() - before; n != 0 {
		t.Errorf("%d requests while the cache was fresh, want 0", n)
	}
	if s := run2.Stats(); s.CacheHits != 2 || s.Requests != 0 {
		t.Errorf("stats %+v, want 2 cache hits and no request", s)
	}

	run3 := newClient(t, Options{Cache: cache(), Refresh: true})
	if d, _ := run3.Digest(ctx, ref); d != digestOf(t, moved) {
		t.Errorf("refresh: %s, want the moved tag's %s", d, digestOf(t, moved))
	}

	now = now.Add(2 * time.Hour)
	reg.srv.Close() // offline runs must not need it
	off := newClient(t, Options{Cache: cache(), Offline: true, Transport: failingTransport{t}})
	if d, err := off.Digest(ctx, ref); err != nil || d != digestOf(t, moved) {
		t.Errorf("offline with a stale entry: %s, %v; want the cached answer", d, err)
	}
	_, err = off.Digest(ctx, reg.host+"/library/python:3.13")
	if !errors.Is(err, ErrNotCached) {
		t.Errorf("offline miss: %v, want ErrNotCached", err)
	}
	if s := off.Stats(); s.NotCached != 1 || s.Requests != 0 {
		t.Errorf("offline stats %+v", s)
	}
}

func TestCacheStaleAfterTTL(t *testing.T) {
	reg := newTestRegistry(t, nil)
	ref := reg.host + "/app:1"
	push(t, ref, testImage(t, 100, 1, "linux/amd64", ""))
	dir := t.TempDir()
	now := time.Now()
	c := OpenCache(dir, time.Minute)
	c.now = func() time.Time { return now }
	if _, err := newClient(t, Options{Cache: c}).Digest(context.Background(), ref); err != nil {
		t.Fatal(err)
	}
	moved := testImage(t, 100, 1, "linux/amd64", "")
	push(t, ref, moved)
	now = now.Add(2 * time.Minute)
	if d, _ := newClient(t, Options{Cache: c}).Digest(context.Background(), ref); d != digestOf(t, moved) {
		t.Errorf("after the TTL: %s, want the new digest %s", d, digestOf(t, moved))
	}
}

func TestCacheIgnoresDamagedEntries(t *testing.T) {
	dir := t.TempDir()
	c := OpenCache(dir, 0)
	if err := c.put("k", "v"); err != nil {
		t.Fatal(err)
	}
	var v string
	if ok, fresh := c.get("k", &v); !ok || !fresh || v != "v" {
		t.Fatalf("get = %v %v %q", ok, fresh, v)
	}
	os.WriteFile(c.path("k"), []byte("{not json"), 0o644)
	if ok, _ := c.get("k", &v); ok {
		t.Error("a damaged entry was used")
	}
	if ok, _ := c.get("other", &v); ok {
		t.Error("a missing entry was found")
	}
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv(CacheDirEnv, "/tmp/x")
	if d, _ := DefaultCacheDir(); d != "/tmp/x" {
		t.Errorf("DefaultCacheDir = %s with %s set", d, CacheDirEnv)
	}
	t.Setenv(CacheDirEnv, "")
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg")
	if d, _ := DefaultCacheDir(); d != filepath.Join("/tmp/xdg", "dflint", "registry") {
		t.Errorf("DefaultCacheDir = %s", d)
	}
}

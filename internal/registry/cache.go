package registry

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DefaultTTL is how long the cache trusts what a tag points to, and a
// repository's tag list. What a digest names never changes and is kept
// without expiry.
const DefaultTTL = 24 * time.Hour

// CacheDirEnv overrides where the cache lives.
const CacheDirEnv = "DFLINT_CACHE_DIR"

// Cache keeps registry answers on disk between runs, one small JSON file
// per answer, written atomically, so that concurrent runs never read half
// a file. A cache that cannot be written is not an error: the answer is
// still used for this run.
type Cache struct {
	dir string
	ttl time.Duration
	now func() time.Time
}

// DefaultCacheDir is $DFLINT_CACHE_DIR, else dflint/registry under the
// user's cache directory (~/.cache on Linux, ~/Library/Caches on macOS,
// %LocalAppData% on Windows).
func DefaultCacheDir() (string, error) {
	if d := os.Getenv(CacheDirEnv); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory (%v): set %s or --cache-dir", err, CacheDirEnv)
	}
	return filepath.Join(base, "dflint", "registry"), nil
}

// OpenCache uses dir for the cache; ttl <= 0 means DefaultTTL. The
// directory is created on the first write.
func OpenCache(dir string, ttl time.Duration) *Cache {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Cache{dir: dir, ttl: ttl, now: time.Now}
}

// Dir is where the cache lives.
func (c *Cache) Dir() string { return c.dir }

type cacheEntry struct {
	Key    string          `json:"key"`
	Stored time.Time       `json:"stored"`
	Value  json.RawMessage `json:"value"`
}

func (c *Cache) path(key string) string {
	h := sha256.Sum256([]byte(key))
	s := hex.EncodeToString(h[:])
	return filepath.Join(c.dir, "v1", s[:2], s+".json")
}

// get reads key into v. A mutable answer (what a tag points to) older
// than the TTL is stale: fresh is false, and ok tells whether it was found.
func (c *Cache) get(key string, v any) (ok, fresh bool) {
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return false, false
	}
	var e cacheEntry
	if json.Unmarshal(b, &e) != nil || e.Key != key || json.Unmarshal(e.Value, v) != nil {
		return false, false
	}
	return true, c.now().Sub(e.Stored) < c.ttl
}

func (c *Cache) put(key string, v any) error {
	val, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b, err := json.Marshal(cacheEntry{Key: key, Stored: c.now().UTC(), Value: val})
	if err != nil {
		return err
	}
	p := c.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// fromCache answers key from the disk cache when it can: offline, any
// entry will do; online, a mutable entry must be fresh (and Refresh must
// not be asked for).
func (c *Client) fromCache(key string, mutable bool, v any) bool {
	if c.opts.Cache == nil {
		return false
	}
	if mutable && c.opts.Refresh && !c.opts.Offline {
		return false
	}
	ok, fresh := c.opts.Cache.get(key, v)
	if !ok || (mutable && !fresh && !c.opts.Offline) {
		return false
	}
	c.count(func(s *Stats) { s.CacheHits++ })
	return true
}

func (c *Client) toCache(key string, v any) {
	if c.opts.Cache == nil || c.opts.Offline {
		return
	}
	_ = c.opts.Cache.put(key, v) // a read-only cache costs speed, not answers
}

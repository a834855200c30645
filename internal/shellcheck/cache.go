package shellcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// diskCache keeps ShellCheck's comments on disk, one small JSON file per
// script under DIR/v1/ab/abcd….json, named by the script's key (the
// SHA-256 of everything that determines the result). A file is written to
// a temporary name and renamed, so that concurrent runs never read half of
// one. A cache that cannot be read or written costs time, never answers.
//
// It is pruned by age: a run that writes to the cache removes, at most
// once a day, the entries not used for MaxAge (a hit renews an entry's
// time at most once a day). Deleting the directory is always safe.
type diskCache struct {
	dir       string
	now       func() time.Time
	pruneOnce sync.Once
}

// MaxAge is how long an entry no run used is kept: a ShellCheck upgrade
// or edited RUNs leave entries that nothing will read again.
const MaxAge = 30 * 24 * time.Hour

// renewAfter is how old an entry's time may get before a hit renews it.
const renewAfter = 24 * time.Hour

func openCache(dir string) *diskCache {
	return &diskCache{dir: filepath.Join(dir, "v1"), now: time.Now}
}

func (d *diskCache) path(key string) string {
	return filepath.Join(d.dir, key[:2], key+".json")
}

// get reads the comments of a script; nil, false when they are not
// cached.
func (d *diskCache) get(key string) ([]Comment, bool) {
	f, err := os.Open(d.path(key))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, false
	}
	cs := []Comment{}
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, false
	}
	if fi, err := f.Stat(); err == nil && d.now().Sub(fi.ModTime()) > renewAfter {
		now := d.now()
		_ = os.Chtimes(f.Name(), now, now) // keep it from the pruning
	}
	return cs, true
}

// put stores the comments of a script.
func (d *diskCache) put(key string, cs []Comment) {
	b, err := json.Marshal(cs)
	if err != nil {
		return
	}
	d.write(d.path(key), b)
	d.pruneOnce.Do(d.prune)
}

// write writes b to p atomically: a temporary file beside, renamed.
func (d *diskCache) write(p string, b []byte) {
	dir := filepath.Dir(p)
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if os.IsNotExist(err) {
		if os.MkdirAll(dir, 0o755) != nil {
			return
		}
		tmp, err = os.CreateTemp(dir, ".tmp-*")
	}
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), p) != nil {
		os.Remove(tmp.Name())
	}
}

// versionPath is where the version of a binary is kept, by binaryID.
func (d *diskCache) versionPath(id string) string {
	h := sha256.Sum256([]byte(id))
	return filepath.Join(d.dir, "version", hex.EncodeToString(h[:])+".json")
}

type versionEntry struct {
	Binary  string `json:"binary"`
	Version string `json:"version"`
}

func (d *diskCache) getVersion(id string) (string, bool) {
	b, err := os.ReadFile(d.versionPath(id))
	if err != nil {
		return "", false
	}
	var e versionEntry
	if json.Unmarshal(b, &e) != nil || e.Binary != id || e.Version == "" {
		return "", false
	}
	return e.Version, true
}

func (d *diskCache) putVersion(id, version string) {
	b, err := json.Marshal(versionEntry{Binary: id, Version: version})
	if err == nil {
		d.write(d.versionPath(id), b)
	}
}

// prune removes the entries not used for MaxAge, at most once a day (the
// time of the file "pruned" says when it last ran). Temporary files left
// by a run that was killed go after an hour.
func (d *diskCache) prune() {
	stamp := filepath.Join(d.dir, "pruned")
	now := d.now()
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < 24*time.Hour {
		return
	}
	d.write(stamp, []byte(now.UTC().Format(time.RFC3339)+"\n"))
	_ = filepath.WalkDir(d.dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || p == stamp {
			return nil
		}
		fi, err := e.Info()
		if err != nil {
			return nil
		}
		age := now.Sub(fi.ModTime())
		if age > MaxAge || strings.HasPrefix(e.Name(), ".tmp-") && age > time.Hour {
			os.Remove(p)
		}
		return nil
	})
}

// DefaultDir is where the cache lives unless told otherwise:
// $DFLINT_CACHE_DIR/shellcheck, else dflint/shellcheck in the user cache
// directory (~/.cache on Linux, ~/Library/Caches on macOS,
// %LocalAppData% on Windows).
func DefaultDir() (string, error) {
	if d := os.Getenv("DFLINT_CACHE_DIR"); d != "" {
		return filepath.Join(d, "shellcheck"), nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "dflint", "shellcheck"), nil
}

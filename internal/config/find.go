package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Finder finds and loads the config of each file. It remembers what it
// found per directory and loads each config file once, so that linting a
// thousand files under one .dflint.yaml reads it once. It is safe for
// concurrent use.
type Finder struct {
	// Explicit, when set, is the config for every file (--config).
	Explicit string
	// Disabled makes every file use the empty config (--no-config).
	Disabled bool
	// User are the user-level config files (UserConfigs), tried in order
	// for a file that no project config governs; the first that exists
	// counts.
	User []UserConfig

	mu      sync.Mutex
	found   map[string]string // absolute directory → config path ("" none)
	loaded  map[string]loadResult
	workDir string
	// user is the user-level config file found, "" for none; userKind
	// its format; userFound whether User has been looked through.
	user      string
	userKind  Kind
	userFound bool
}

type loadResult struct {
	cfg *Config
	err error
}

// For returns the config that governs path (a file, or the name standard
// input is reported under): the explicit one, else the nearest
// .dflint.yaml or .dflint.yml in path's directory or above it, up to the
// repository root (the first directory holding .git), else the nearest
// .hadolint.yaml or .hadolint.yml found the same way, else the empty
// config. Outside a repository the walk goes up to the filesystem root.
// A file that no project config governs gets the user-level config, when
// there is one (User).
func (f *Finder) For(path string) (*Config, error) {
	if f.Disabled {
		return &Config{}, nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.found == nil {
		f.found, f.loaded = map[string]string{}, map[string]loadResult{}
		f.workDir, _ = os.Getwd()
	}
	if f.Explicit != "" {
		// ignore-paths of an explicit config are relative to the working
		// directory: it governs the whole run, wherever it is kept.
		return f.load(f.Explicit, f.workDir)
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("cannot find the config of %s: %w", path, err)
	}
	cfgPath, err := f.find(dir)
	if err != nil {
		return nil, err
	}
	if cfgPath == "" {
		return f.userConfig()
	}
	return f.load(cfgPath, "")
}

// userConfig loads the first user-level config that exists. Its
// ignore-paths are relative to the working directory, as an explicit
// config's: it is kept away from the files it governs.
func (f *Finder) userConfig() (*Config, error) {
	if !f.userFound {
		f.userFound = true
		for _, u := range f.User {
			if st, err := os.Stat(u.Path); err == nil && !st.IsDir() {
				f.user, f.userKind = u.Path, u.Kind
				break
			}
		}
	}
	if f.user == "" {
		return &Config{}, nil
	}
	if r, ok := f.loaded[f.user]; ok {
		return r.cfg, r.err
	}
	cfg, err := LoadKind(f.user, f.user, f.workDir, f.userKind)
	if cfg != nil {
		cfg.UserLevel = true
	}
	f.loaded[f.user] = loadResult{cfg, err}
	return cfg, err
}

// UserConfig is a user-level config file and its format.
type UserConfig struct {
	Path string
	Kind Kind
}

// UserConfigs are the user-level config files, in the order they are
// tried: dflint's in $XDG_CONFIG_HOME (default ~/.config), then
// hadolint's, in the order hadolint looks for them (hadolint 2.15.1,
// src/Hadolint/Config/Configfile.hs findConfig, read 2026-12-07:
// $XDG_CONFIG_HOME/hadolint.yaml, ~/.hadolint/hadolint.yaml or
// config.yaml, ~/.hadolint.yaml, each also .yml). hadolint looks in the
// working directory first; dflint's walk up from each file covers that.
// getenv reads XDG_CONFIG_HOME; home is the user's home directory ("" when
// unknown: only an absolute XDG_CONFIG_HOME is then tried).
func UserConfigs(getenv func(string) string, home string) []UserConfig {
	xdg := getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(xdg) { // the XDG Base Directory spec: a relative path is invalid
		xdg = ""
		if home != "" {
			xdg = filepath.Join(home, ".config")
		}
	}
	var out []UserConfig
	add := func(kind Kind, dir string, names ...string) {
		if dir == "" {
			return
		}
		for _, n := range names {
			out = append(out, UserConfig{Path: filepath.Join(dir, n), Kind: kind})
		}
	}
	add(KindDflint, xdg, "dflint.yaml", "dflint.yml")
	add(KindHadolint, xdg, "hadolint.yaml", "hadolint.yml")
	if home != "" {
		add(KindHadolint, filepath.Join(home, ".hadolint"), "hadolint.yaml", "hadolint.yml", "config.yaml", "config.yml")
		add(KindHadolint, home, ".hadolint.yaml", ".hadolint.yml")
	}
	return out
}

// find walks up from dir. Both passes stop at the same place, so a
// .hadolint.yaml is read only where no .dflint.yaml could be.
func (f *Finder) find(dir string) (string, error) {
	if p, ok := f.found[dir]; ok {
		return p, nil
	}
	var dirs []string
	for d := dir; ; {
		dirs = append(dirs, d)
		if exists(filepath.Join(d, ".git")) {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	result := ""
	for _, names := range [][]string{DflintNames, HadolintNames} {
		for _, d := range dirs {
			p, err := f.inDir(d, names)
			if err != nil {
				return "", err
			}
			if p != "" {
				result = p
				break
			}
		}
		if result != "" {
			break
		}
	}
	f.found[dir] = result
	return result, nil
}

// inDir returns the one config file of names in d. Two (a .yaml and a .yml)
// are an error: which one counts would be a guess.
func (f *Finder) inDir(d string, names []string) (string, error) {
	var hits []string
	for _, n := range names {
		p := filepath.Join(d, n)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			hits = append(hits, p)
		}
	}
	switch len(hits) {
	case 0:
		return "", nil
	case 1:
		return hits[0], nil
	}
	return "", &Error{File: f.display(hits[1]), Msg: fmt.Sprintf("%s is here too: keep one of the two config files", filepath.Base(hits[0]))}
}

func (f *Finder) load(path, root string) (*Config, error) {
	if r, ok := f.loaded[path]; ok {
		return r.cfg, r.err
	}
	cfg, err := Load(path, f.display(path), root)
	f.loaded[path] = loadResult{cfg, err}
	return cfg, err
}

// display names a config file relative to the working directory when it
// is under it, so messages read like the paths the user typed.
func (f *Finder) display(path string) string {
	if !filepath.IsAbs(path) || f.workDir == "" {
		return path
	}
	rel, err := filepath.Rel(f.workDir, path)
	if err != nil || strings.HasPrefix(rel, ".."+string(filepath.Separator)) && strings.Count(rel, "..") > 2 {
		return path
	}
	return rel
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestUserConfigsOrder(t *testing.T) {
	env := func(xdg string) func(string) string {
		return func(k string) string {
			if k == "XDG_CONFIG_HOME" {
				return xdg
			}
			return ""
		}
	}
	got := UserConfigs(env(""), "/home/ann")
	want := []UserConfig{
		{"/home/ann/.config/dflint.yaml", KindDflint},
		{"/home/ann/.config/dflint.yml", KindDflint},
		{"/home/ann/.config/hadolint.yaml", KindHadolint},
		{"/home/ann/.config/hadolint.yml", KindHadolint},
		{"/home/ann/.hadolint/hadolint.yaml", KindHadolint},
		{"/home/ann/.hadolint/hadolint.yml", KindHadolint},
		{"/home/ann/.hadolint/config.yaml", KindHadolint},
		{"/home/ann/.hadolint/config.yml", KindHadolint},
		{"/home/ann/.hadolint.yaml", KindHadolint},
		{"/home/ann/.hadolint.yml", KindHadolint},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d paths, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	// An absolute XDG_CONFIG_HOME moves both tools' XDG files; a relative
	// one is invalid (XDG Base Directory spec) and ignored.
	if got := UserConfigs(env("/xdg"), "/home/ann"); got[0].Path != "/xdg/dflint.yaml" || got[2].Path != "/xdg/hadolint.yaml" {
		t.Errorf("XDG_CONFIG_HOME=/xdg: %v", got[:3])
	}
	if got := UserConfigs(env("rel"), "/home/ann"); got[0].Path != "/home/ann/.config/dflint.yaml" {
		t.Errorf("XDG_CONFIG_HOME=rel: %v", got[0])
	}
	// No home and no XDG_CONFIG_HOME: nothing to look at.
	if got := UserConfigs(env(""), ""); len(got) != 0 {
		t.Errorf("no home: %v", got)
	}
}

// TestFinderUserConfig: the user-level config governs files without a
// project config, is read once, and a project config beats it.
func TestFinderUserConfig(t *testing.T) {
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	proj := filepath.Join(dir, "proj")
	other := filepath.Join(dir, "other")
	for _, d := range []string{filepath.Join(home, ".hadolint"), filepath.Join(proj, ".git"), filepath.Join(other, ".git")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// ~/.hadolint/config.yaml has no "hadolint" in its name: read as
	// hadolint's format all the same (ignored:, not ignore:).
	write(filepath.Join(home, ".hadolint", "config.yaml"), "ignored: [DL3003]\n")
	write(filepath.Join(other, ".dflint.yaml"), "ignore: [DF502]\n")
	f := &Finder{User: UserConfigs(func(string) string { return "" }, home)}
	cfg, err := f.For(filepath.Join(proj, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.UserLevel || cfg.Kind != KindHadolint || len(cfg.Ignore) != 1 || cfg.Ignore[0] != "DL3003" {
		t.Errorf("user config = %+v", cfg)
	}
	if again, _ := f.For(filepath.Join(proj, "sub", "Dockerfile")); again != cfg {
		t.Errorf("the user config was loaded twice")
	}
	if cfg, _ := f.For(filepath.Join(other, "Dockerfile")); cfg.UserLevel || len(cfg.Ignore) != 1 || cfg.Ignore[0] != "DF502" {
		t.Errorf("project config = %+v", cfg)
	}
	f = &Finder{Disabled: true, User: f.User}
	if cfg, _ := f.For(filepath.Join(proj, "Dockerfile")); cfg.UserLevel || len(cfg.Ignore) != 0 {
		t.Errorf("--no-config read %+v", cfg)
	}
}

package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dflint/dflint/internal/registry"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/pflag"
)

// registryFlags say whether and how rules may ask image registries. The
// default is neither online nor offline: no look-up and no cache at all.
type registryFlags struct {
	Online  bool
	Offline bool
	// Mirrors are REGISTRY=HOST[:PORT] settings (--registry-mirror, and
	// `registry-mirrors:` in config files), tried in order per registry.
	Mirrors []string
	// ConfigMirrors are the mirrors of the configuration file
	// (`registry-mirrors:`, registry → hosts); a --registry-mirror for the
	// same registry replaces them.
	ConfigMirrors map[string][]string
	// TrustConfigMirrors lets the registry-mirrors of a config file found
	// in the linted tree take effect (--trust-config-mirrors). Without it
	// only the user's own choices count: --registry-mirror, and the
	// config named with --config.
	TrustConfigMirrors bool
	CacheDir           string
	CacheTTL           time.Duration
	Platform           string
	// Timeout bounds the registry time of the whole run
	// (--registry-timeout); 0 means no bound but each question's own.
	Timeout time.Duration

	// pin says the command is dflint pin: there a question the offline
	// cache cannot answer is a pin not made, an error of the file.
	pin bool
	// deadline is when the run's registry time ends, fixed by the first
	// apply so that the clients of every config share it.
	deadline time.Time
	// client is the client the run used, for its summary; nil offline.
	client *registry.Client
}

// defaultRegistryTimeout bounds a run's registry time: enough for a few
// hundred images at a healthy registry, and a hanging one fails the run
// in minutes, not in half a minute per image.
const defaultRegistryTimeout = 2 * time.Minute

func (r *registryFlags) register(f *pflag.FlagSet, pin bool) {
	r.pin = pin
	if pin {
		f.BoolVar(&r.Offline, "offline", false, "answer from the registry cache only (no network): pins what earlier online runs looked up")
	} else {
		f.BoolVar(&r.Online, "online", false, "ask image registries (and cache the answers): digests for DF103's fix, version tags for DF101/DF102, image config and sizes for DF301/DF104/DF105 and BuildKit's checks")
		f.BoolVar(&r.Offline, "offline", false, "like --online, but answer from the registry cache only, never the network")
	}
	f.StringArrayVar(&r.Mirrors, "registry-mirror", nil, "ask a mirror for a registry's images, like the Docker daemon's registry-mirrors: REGISTRY=HOST[:PORT], e.g. docker.io=mirror.example:5000 (repeatable; tried in order)")
	f.BoolVar(&r.TrustConfigMirrors, "trust-config-mirrors", false, "use the registry-mirrors of config files found in the linted tree (a repository's .dflint.yaml); without it only --registry-mirror and the file named with --config choose mirrors")
	f.DurationVar(&r.Timeout, "registry-timeout", defaultRegistryTimeout, "the longest all registry look-ups of the run may take together (each question also has its own 30s limit); 0 for no overall limit")
	f.StringVar(&r.CacheDir, "cache-dir", "", "where registry answers are cached (default $"+registry.CacheDirEnv+", else dflint/registry in the user cache directory)")
	f.DurationVar(&r.CacheTTL, "cache-ttl", registry.DefaultTTL, "how long a cached tag→digest answer or tag list is trusted online (what a digest names is cached for good)")
	if pin {
		f.StringVar(&r.Platform, "platform", "", "pin and read images for this platform (os/arch[/variant]) instead of pinning multi-platform images by their index digest")
	}
	// lint and fix take --platform as the build's (buildFlags), which
	// also sets Platform: one platform for the build and the registry.
}

// mirrorTable parses the mirror settings into registry.Options.Mirrors.
func (r *registryFlags) mirrorTable() (map[string][]string, error) {
	if len(r.Mirrors) == 0 && len(r.ConfigMirrors) == 0 {
		return nil, nil
	}
	flags := map[string][]string{}
	for _, m := range r.Mirrors {
		reg, host, err := registry.ParseMirror(m)
		if err != nil {
			return nil, err
		}
		flags[reg] = append(flags[reg], host)
	}
	out := map[string][]string{}
	for reg, hosts := range r.ConfigMirrors {
		for _, h := range hosts {
			if _, _, err := registry.ParseMirror(reg + "=" + h); err != nil {
				return nil, fmt.Errorf("registry-mirrors in the configuration: %w", err)
			}
		}
		out[reg] = append([]string(nil), hosts...)
	}
	for reg, hosts := range flags {
		out[reg] = hosts // the command line wins over the configuration
	}
	return out, nil
}

// apply sets up the registry client the flags ask for and hands it to the
// rules (their Registry, and BuildKit's image resolver). refresh asks the
// registry again for tags even when the cache is fresh (pin --update).
func (r *registryFlags) apply(opts *rules.Options, refresh bool) error {
	if r.Online && r.Offline {
		return errors.New("--online and --offline do not go together: --offline answers from the cache only")
	}
	if !r.Online && !r.Offline {
		if len(r.Mirrors) > 0 {
			// Mirrors from a configuration file are fine offline: they
			// wait for --online. Flags typed for this run are not.
			return errors.New("--registry-mirror and the other registry flags need --online (or --offline): by default dflint asks no registry")
		}
		return nil
	}
	mirrors, err := r.mirrorTable()
	if err != nil {
		return err
	}
	dir := r.CacheDir
	if dir == "" {
		if dir, err = registry.DefaultCacheDir(); err != nil {
			return err
		}
	}
	if r.CacheTTL < 0 {
		return fmt.Errorf("invalid --cache-ttl %s: use a duration such as 24h, or 0 to ask every time", r.CacheTTL)
	}
	if r.Timeout < 0 {
		return fmt.Errorf("invalid --registry-timeout %s: use a duration such as 5m, or 0 for no overall limit", r.Timeout)
	}
	if r.deadline.IsZero() && r.Timeout > 0 {
		r.deadline = time.Now().Add(r.Timeout)
	}
	cache := registry.OpenCache(dir, r.CacheTTL)
	c, err := registry.New(registry.Options{
		Offline:  r.Offline,
		Cache:    cache,
		Refresh:  refresh || r.CacheTTL == 0,
		Mirrors:  mirrors,
		Platform: r.Platform,
		Deadline: r.deadline,
	})
	if err != nil {
		return err
	}
	r.client = c
	opts.Registry = c
	opts.CacheMissIsError = r.pin
	return nil
}

// fillHint says how to fill the cache: pin is online unless told
// otherwise, the other commands are offline unless told otherwise.
func (r *registryFlags) fillHint() string {
	if r.pin {
		return "run dflint pin without --offline to fill it"
	}
	return "run once with --online to fill it"
}

// summarize tells, on stderr, what the cache could not answer offline, so
// that a run that offered fewer fixes than expected says why.
func (r *registryFlags) summarize(w io.Writer) {
	if r.client == nil {
		return
	}
	s := r.client.Stats()
	if r.Offline && s.NotCached > 0 {
		what := "1 look-up was"
		if s.NotCached != 1 {
			what = fmt.Sprintf("%d look-ups were", s.NotCached)
		}
		fmt.Fprintf(w, "dflint: --offline: %s not in the registry cache (%s); %s\n", what, r.client.CacheDir(), r.fillHint())
	}
}

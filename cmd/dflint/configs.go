package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/dflint/dflint/internal/config"
	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/visible"
	"github.com/dflint/dflint/rules"
)

// setup is what one config, merged with the command line, gives a file:
// the engine that lints it and the level that fails the run.
type setup struct {
	cfg       *config.Config
	engine    *rules.Engine
	failLevel rules.Severity
}

// setups builds one setup per config file and hands out the one for each
// file. Files under the same config share an engine.
type setups struct {
	flags  *ruleFlags
	base   rules.Options // what the flags say, before any config
	finder *config.Finder
	stderr io.Writer

	mu       sync.Mutex
	byConfig map[*config.Config]*setup
	noConfig *config.Config // the config of files that have none
}

// newSetups reads the flags and checks them (an unknown rule in --select,
// a bad --config) before any file is read: those are usage mistakes.
func (r *ruleFlags) setups(stderr io.Writer, command string, paths []string) (*setups, error) {
	base, err := r.baseOptions(stderr, command, paths)
	if err != nil {
		return nil, err
	}
	s := &setups{
		flags:    r,
		base:     base,
		finder:   &config.Finder{Explicit: r.ConfigFile, Disabled: r.NoConfig, User: userConfigs(r.getenv)},
		stderr:   stderr,
		byConfig: map[*config.Config]*setup{},
		noConfig: &config.Config{},
	}
	// The command line alone must make sense, whatever the configs say.
	if _, err := s.build(s.noConfig); err != nil {
		return nil, &usageError{err: err, command: command}
	}
	if r.ConfigFile != "" {
		if _, err := s.forPath(""); err != nil {
			return nil, &usageError{err: fmt.Errorf("--config: %w", err), command: command}
		}
	}
	return s, nil
}

// userConfigs are the user-level config files (config.UserConfigs) of
// the environment getenv reads (nil: the process's).
func userConfigs(getenv func(string) string) []config.UserConfig {
	if getenv == nil {
		getenv = os.Getenv
	}
	// What os.UserHomeDir reads, but through getenv, so that a test's
	// environment counts.
	home := getenv("HOME")
	if home == "" && runtime.GOOS == "windows" {
		home = getenv("USERPROFILE")
	}
	return config.UserConfigs(getenv, home)
}

// forPath returns the setup of a file (or of standard input's name).
func (s *setups) forPath(path string) (*setup, error) {
	cfg, err := s.finder.For(path)
	if err != nil {
		return nil, err
	}
	if cfg.Path == "" {
		cfg = s.noConfig
	}
	return s.build(cfg)
}

func (s *setups) build(cfg *config.Config) (*setup, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.byConfig[cfg]; ok {
		return st, nil
	}
	// A config's warnings are said once per run, not once per file.
	for _, w := range cfg.Warnings {
		fmt.Fprintf(s.stderr, "dflint: warning: %s\n", visible.String(w)) // the repository's text
	}
	fl := s.flags.configFlags()
	opts := cfg.RuleOptions(s.base, fl)
	if reg := s.flags.Registry; len(cfg.RegistryMirrors) > 0 && (reg.Online || reg.Offline) {
		if s.flags.ConfigFile == "" && !reg.TrustConfigMirrors {
			// A config found in the linted tree is the repository's,
			// maybe a fork's: its mirrors would see every look-up (and
			// could be anyone's host). The look-ups go where they would
			// without it.
			if reg.Online {
				or := "or name the file with --config, or give --registry-mirror"
				if reg.pin {
					or = "or give --registry-mirror" // pin has no --config
				}
				fmt.Fprintf(s.stderr, "dflint: warning: %s: registry-mirrors not used: mirrors from a config file found in the linted tree need --trust-config-mirrors (%s)\n", visible.String(cfg.Path), or)
			}
		} else {
			// A registry client of its own for the files under this
			// config, with its mirrors (a --registry-mirror for the same
			// registry replaces them).
			reg.ConfigMirrors = cfg.RegistryMirrors
			if err := reg.apply(&opts, s.flags.update); err != nil {
				return nil, err
			}
		}
	}
	engine, err := rules.NewEngine(opts)
	if err != nil {
		return nil, err
	}
	name := cfg.FailLevelOr(fl.FailLevel)
	if name == "" {
		name = s.flags.FailLevel // the flag's default
	}
	if name == "" {
		name = "warning" // a command without --fail-level (lsp)
	}
	level, err := parseFailLevel(name)
	if err != nil {
		return nil, err
	}
	st := &setup{cfg: cfg, engine: engine, failLevel: level}
	s.byConfig[cfg] = st
	return st, nil
}

// plan is the setup of each target, in target order, with the targets
// that a config's ignore-paths leave out already dropped. A config that
// cannot be read is an error of the files it governs: they are reported,
// and the other files are still linted.
type plan struct {
	targets []discover.Target
	setups  []*setup // nil where the target has an error
	errs    []error  // the target's config error, or nil
}

func (s *setups) plan(targets []discover.Target) *plan {
	p := &plan{}
	for _, t := range targets {
		var st *setup
		var err error
		if t.Err == nil {
			st, err = s.forPath(t.Path)
			if err == nil && !t.Stdin && st.cfg.IgnoresPath(t.Path) {
				continue
			}
		}
		p.targets = append(p.targets, t)
		p.setups = append(p.setups, st)
		p.errs = append(p.errs, err)
	}
	return p
}

// failLevels is the fail level of each target of the plan.
func (p *plan) failLevels(fallback rules.Severity) []rules.Severity {
	out := make([]rules.Severity, len(p.targets))
	for i, st := range p.setups {
		out[i] = fallback
		if st != nil {
			out[i] = st.failLevel
		}
	}
	return out
}

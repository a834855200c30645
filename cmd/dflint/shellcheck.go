package main

import (
	"fmt"
	"io"
	"os/exec"
	"strings"

	"github.com/dflint/dflint/rules"
	"github.com/spf13/pflag"
)

// shellCheckFlags are --shellcheck and where its results are cached.
type shellCheckFlags struct {
	Enabled bool
	// CacheDir is --shellcheck-cache: a directory, "off", or "" for the
	// default (rules.DefaultShellCheckCacheDir).
	CacheDir string
	// made is the ShellCheck of the run, made once so that every engine
	// (one per config) shares its processes.
	made *rules.ShellCheck
}

func (s *shellCheckFlags) register(f *pflag.FlagSet, help string) {
	f.BoolVar(&s.Enabled, "shellcheck", false, help)
	f.StringVar(&s.CacheDir, "shellcheck-cache", "", `where --shellcheck keeps its results, so that unchanged RUNs are not checked again: a directory, or "off" (default $DFLINT_CACHE_DIR/shellcheck, else dflint/shellcheck in the user cache directory)`)
}

// shellCheck is the run's ShellCheck, or nil when the flag is off or the
// binary is missing (said once, on stderr: the run goes on without it).
func (s *shellCheckFlags) shellCheck(stderr io.Writer) *rules.ShellCheck {
	if !s.Enabled {
		return nil
	}
	if s.made != nil {
		return s.made
	}
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		fmt.Fprintln(stderr, "dflint: --shellcheck: shellcheck is not installed or not on PATH (Debian/Ubuntu: apt-get install shellcheck); going on without it")
		s.Enabled = false
		return nil
	}
	dir := s.CacheDir
	switch {
	case strings.EqualFold(dir, "off"):
		dir = ""
	case dir == "":
		if dir, err = rules.DefaultShellCheckCacheDir(); err != nil {
			fmt.Fprintf(stderr, "dflint: --shellcheck: no cache directory (%v): checking every RUN (set --shellcheck-cache or $DFLINT_CACHE_DIR to cache)\n", err)
			dir = ""
		}
	}
	s.made = rules.NewShellCheck(bin, dir)
	return s.made
}

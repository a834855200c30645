// Package shellcheck runs the shellcheck binary on many scripts at once.
// Starting shellcheck costs about 40 ms of CPU, checking one RUN script a
// few; so the scripts of every file of a run are written to a private
// temporary directory and checked in batches, one process per batch, as
// many processes at a time as there are cores, and each result is kept on
// disk (cache.go) so that a script checked once is never checked again.
//
// The package knows nothing of Dockerfiles: what a script holds, which
// codes are reported and how positions map back are the rules' business
// (rules/shellcheck.go).
package shellcheck

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Script is one script to check.
type Script struct {
	// Text is the whole script as shellcheck reads it.
	Text string
	// Shell is its dialect, shellcheck's --shell: sh, bash, dash or ksh.
	// Scripts of one dialect share a process.
	Shell string
}

// Comment is one entry of `shellcheck --format=json1`: lines and columns
// are 1-based, columns count characters (a tab is one).
type Comment struct {
	Line      int    `json:"line"`
	EndLine   int    `json:"endLine"`
	Column    int    `json:"column"`
	EndColumn int    `json:"endColumn"`
	Level     string `json:"level"`
	Code      int    `json:"code"`
	Message   string `json:"message"`
}

// Result is what shellcheck said about one script, or why it could not
// say.
type Result struct {
	Comments []Comment
	Err      error
}

// Options configure a Checker.
type Options struct {
	// Bin is the shellcheck binary.
	Bin string
	// Args are given to every run (the rules' --exclude); they are part
	// of the cache key.
	Args []string
	// CacheDir is where results are kept between runs ("" for nowhere).
	CacheDir string
	// Procs is how many shellcheck processes may run at once; 0 means one
	// per core (GOMAXPROCS).
	Procs int
	// MaxBatch is the most scripts one process checks; 0 means
	// DefaultMaxBatch.
	MaxBatch int
}

// DefaultMaxBatch bounds a batch: at 200 scripts the start of the process
// is a twentieth of its work (measured 2026-12-07 with ShellCheck 0.9.0:
// 43 ms of CPU to start, 3.5 ms per short RUN script), and the last
// batch of a run still ends within about a second.
const DefaultMaxBatch = 200

// fixedArgs are given to every run. --norc: a .shellcheckrc found around
// the temporary directory or in the home directory would change results
// without changing the cache key, and a Dockerfile cannot carry one
// (hadolint reads none either).
var fixedArgs = []string{"--format=json1", "--norc"}

// Stats count what a Checker did, for tests and benchmarks.
type Stats struct {
	Processes int // shellcheck runs that checked scripts (not --version)
	Checked   int // scripts checked by those runs
	CacheHits int // scripts answered from the disk cache
}

// Checker checks scripts for any number of goroutines at once. Requests
// wait in one queue; whenever a process slot is free, the next batch is
// all that waits (up to MaxBatch scripts of one dialect). So while the
// processes are busy, the requests of many files pile up and go together,
// and a lone request (an editor's file) starts at once. Scripts with the
// same text, dialect and options that are waiting or being checked are
// checked once.
type Checker struct {
	opts  Options
	cache *diskCache

	versionMu sync.Mutex
	version   string // "" until known

	mu      sync.Mutex
	queue   []*job          // waiting for a process, oldest first
	pending map[string]*job // queued or running, by key
	running int             // processes started and not finished
	stats   Stats
}

// job is one distinct script on its way through a process.
type job struct {
	key     string
	script  Script
	waiters int // Check calls that still want the result
	queued  bool
	batch   *batch // while running
	done    chan struct{}
	result  Result // set before done is closed
}

// batch is the jobs of one process; the process is killed when no one
// waits for any of them any more (an editor's text that changed).
type batch struct {
	jobs   []*job
	cancel context.CancelFunc
}

// New makes a Checker.
func New(opts Options) *Checker {
	if opts.Procs <= 0 {
		opts.Procs = runtime.GOMAXPROCS(0)
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = DefaultMaxBatch
	}
	c := &Checker{opts: opts, pending: map[string]*job{}}
	if opts.CacheDir != "" {
		c.cache = openCache(opts.CacheDir)
	}
	return c
}

// Requesters is how many callers should have requests in hand at once for
// the batches to fill: two batches' worth per process (one running, one
// piling up) at eight scripts per caller. A file has fewer (the corpus:
// 7,008 scripts in 2,759 files, 2,769 of them distinct, 2026-12-07), so
// batches stay below MaxBatch: a cold corpus run started 177 processes,
// their start-up about a seventh of its CPU. More files in flight would
// hold more parse trees in memory for what is left to gain.
func (c *Checker) Requesters() int {
	return max(1, 2*c.opts.Procs*c.opts.MaxBatch/8)
}

// Stats returns what the Checker did so far.
func (c *Checker) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}

// Check returns the result of each script, in order, once all are known.
// When ctx ends first it returns ctx's error, and the scripts no one else
// waits for are dropped (their process killed).
func (c *Checker) Check(ctx context.Context, scripts []Script) ([]Result, error) {
	results := make([]Result, len(scripts))
	if len(scripts) == 0 {
		return results, ctx.Err()
	}
	version := ""
	if c.cache != nil {
		v, err := c.shellcheckVersion(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			for i := range results {
				results[i].Err = err
			}
			return results, nil
		}
		version = v
	}
	jobs := make([]*job, len(scripts))
	keys := make([]string, len(scripts))
	hits := 0
	for i, s := range scripts {
		keys[i] = c.key(version, s)
		if c.cache != nil {
			if cs, ok := c.cache.get(keys[i]); ok {
				results[i].Comments = cs
				hits++
			}
		}
	}
	c.mu.Lock()
	c.stats.CacheHits += hits
	for i, s := range scripts {
		if results[i].Comments != nil {
			continue
		}
		j := c.pending[keys[i]]
		if j == nil {
			j = &job{key: keys[i], script: s, queued: true, done: make(chan struct{})}
			c.pending[j.key] = j
			c.queue = append(c.queue, j)
		}
		j.waiters++
		jobs[i] = j
	}
	c.dispatchLocked()
	c.mu.Unlock()

	for i, j := range jobs {
		if j == nil {
			continue
		}
		select {
		case <-j.done:
			results[i] = j.result
		case <-ctx.Done():
			c.abandon(jobs[i:])
			return nil, ctx.Err()
		}
	}
	return results, nil
}

// abandon says that a Check call no longer waits for jobs.
func (c *Checker) abandon(jobs []*job) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, j := range jobs {
		if j == nil {
			continue
		}
		j.waiters--
		if j.waiters > 0 {
			continue
		}
		if j.queued {
			j.queued = false
			c.queue = slices.DeleteFunc(c.queue, func(x *job) bool { return x == j })
			delete(c.pending, j.key)
		} else if b := j.batch; b != nil && !slices.ContainsFunc(b.jobs, func(x *job) bool { return x.waiters > 0 }) {
			b.cancel()
		}
	}
}

// dispatchLocked starts a process for the waiting scripts while a slot is
// free; c.mu is held.
func (c *Checker) dispatchLocked() {
	for c.running < c.opts.Procs && len(c.queue) > 0 {
		shell := c.queue[0].script.Shell
		var take []*job
		rest := c.queue[:0]
		for _, j := range c.queue {
			if len(take) < c.opts.MaxBatch && j.script.Shell == shell {
				take = append(take, j)
			} else {
				rest = append(rest, j)
			}
		}
		clear(c.queue[len(rest):])
		c.queue = rest
		ctx, cancel := context.WithCancel(context.Background())
		b := &batch{jobs: take, cancel: cancel}
		for _, j := range take {
			j.queued, j.batch = false, b
		}
		c.running++
		go c.run(ctx, b)
	}
}

// run checks one batch and hands each job its result.
func (c *Checker) run(ctx context.Context, b *batch) {
	defer b.cancel()
	results := c.checkSplitting(ctx, b.jobs)
	if c.cache != nil {
		for i, j := range b.jobs {
			if results[i].Err == nil {
				c.cache.put(j.key, results[i].Comments)
			}
		}
	}
	c.mu.Lock()
	for i, j := range b.jobs {
		if ctx.Err() != nil && j.waiters > 0 {
			// Killed because no one waited, and then someone asked
			// again: check it again.
			j.queued, j.batch = true, nil
			c.queue = append(c.queue, j)
			continue
		}
		j.result = results[i]
		delete(c.pending, j.key)
		close(j.done)
	}
	c.running--
	c.dispatchLocked()
	c.mu.Unlock()
}

// checkSplitting runs shellcheck on jobs. When the run fails, it checks
// each half again, down to single scripts, so that one script that makes
// shellcheck fail (or crash) costs only its own result, and the error
// names it.
func (c *Checker) checkSplitting(ctx context.Context, jobs []*job) []Result {
	results, err := c.runProcess(ctx, jobs)
	if err == nil {
		return results
	}
	results = make([]Result, len(jobs))
	if len(jobs) == 1 || ctx.Err() != nil {
		for i := range results {
			results[i].Err = err
		}
		return results
	}
	half := len(jobs) / 2
	copy(results, c.checkSplitting(ctx, jobs[:half]))
	copy(results[half:], c.checkSplitting(ctx, jobs[half:]))
	return results
}

// runProcess checks jobs with one shellcheck process: one file per
// script in a private temporary directory, each comment mapped back by
// its file name.
func (c *Checker) runProcess(ctx context.Context, jobs []*job) ([]Result, error) {
	dir, err := os.MkdirTemp("", "dflint-shellcheck-")
	if err != nil {
		return nil, fmt.Errorf("cannot make a directory for shellcheck's scripts: %w", err)
	}
	defer os.RemoveAll(dir)
	args := append(append(append([]string(nil), fixedArgs...), "--shell="+jobs[0].script.Shell), c.opts.Args...)
	args = append(args, "--")
	index := make(map[string]int, len(jobs))
	for i, j := range jobs {
		name := strconv.Itoa(i) + ".sh"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(j.script.Text), 0o600); err != nil {
			return nil, fmt.Errorf("cannot write a script for shellcheck: %w", err)
		}
		index[name] = i
		args = append(args, name)
	}
	cmd := exec.CommandContext(ctx, c.opts.Bin, args...)
	cmd.Dir = dir
	// A killed process whose children hold its output open must not hold
	// the slot.
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	c.mu.Lock()
	c.stats.Processes++
	c.stats.Checked += len(jobs)
	c.mu.Unlock()
	err = cmd.Run()
	// shellcheck exits 1 when it has comments; anything else is a failure
	// (2: a file it could not read, 3 and 4: bad options, or a signal).
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s failed: %v%s", filepath.Base(c.opts.Bin), err, stderrTail(stderr.Bytes()))
	}
	var doc struct {
		Comments []struct {
			File string `json:"file"`
			Comment
		} `json:"comments"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		return nil, fmt.Errorf("cannot read %s's output (is it ShellCheck 0.7 or newer, which has --format=json1?): %v%s", filepath.Base(c.opts.Bin), err, stderrTail(stderr.Bytes()))
	}
	results := make([]Result, len(jobs))
	for i := range results {
		results[i].Comments = []Comment{} // checked: nil would mean "not known"
	}
	for _, x := range doc.Comments {
		i, ok := index[x.File]
		if !ok {
			return nil, fmt.Errorf("%s reported on %q, which it was not given", filepath.Base(c.opts.Bin), x.File)
		}
		results[i].Comments = append(results[i].Comments, x.Comment)
	}
	return results, nil
}

// stderrTail is the end of a process's standard error, to quote in an
// error.
func stderrTail(b []byte) string {
	s := strings.TrimSpace(string(b))
	if s == "" {
		return ""
	}
	if len(s) > 500 {
		s = "…" + s[len(s)-500:]
	}
	return ": " + s
}

// key is what determines a result: the script's text and dialect, the
// options and ShellCheck's version ("" without a cache: then the key
// only finds scripts checked at the same time).
func (c *Checker) key(version string, s Script) string {
	h := sha256.New()
	field := func(v string) { fmt.Fprintf(h, "%d:%s;", len(v), v) }
	field("dflint shellcheck cache 1")
	field(version)
	field(s.Shell)
	for _, a := range fixedArgs {
		field(a)
	}
	for _, a := range c.opts.Args {
		field(a)
	}
	field(s.Text)
	return hex.EncodeToString(h.Sum(nil))
}

// shellcheckVersion is `shellcheck --version`'s version. It is asked once
// per binary: the answer is kept in the cache by the binary's path, size
// and modification time, so that a run whose scripts are all cached starts
// no process at all.
func (c *Checker) shellcheckVersion(ctx context.Context) (string, error) {
	c.versionMu.Lock()
	defer c.versionMu.Unlock()
	if c.version != "" {
		return c.version, nil
	}
	id, err := binaryID(c.opts.Bin)
	if err != nil {
		return "", fmt.Errorf("cannot find shellcheck: %w", err)
	}
	if v, ok := c.cache.getVersion(id); ok {
		c.version = v
		return v, nil
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, c.opts.Bin, "--version")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fmt.Errorf("%s --version failed: %v%s", c.opts.Bin, err, stderrTail(stderr.Bytes()))
	}
	v := parseVersion(stdout.String())
	if v == "" {
		return "", fmt.Errorf("%s --version does not say its version (is it ShellCheck?): %q", c.opts.Bin, strings.TrimSpace(stdout.String()))
	}
	c.cache.putVersion(id, v)
	c.version = v
	return v, nil
}

// parseVersion reads the "version: 0.9.0" line of `shellcheck --version`.
func parseVersion(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "version:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// binaryID names a binary by what changes when it is replaced: its real
// path, size and modification time.
func binaryID(bin string) (string, error) {
	p, err := filepath.EvalSymlinks(bin)
	if err != nil {
		return "", err
	}
	if p, err = filepath.Abs(p); err != nil {
		return "", err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() {
		return "", errors.New(p + " is not a file")
	}
	return fmt.Sprintf("%s\x00%d\x00%d", p, fi.Size(), fi.ModTime().UnixNano()), nil
}

//go:build unix && devtools

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// shellcheckHeading starts the section of `--shellcheck` on the corpus.
const shellcheckHeading = "## ShellCheck on the corpus\n"

// shellcheckSection times `dflint lint --shellcheck` on the corpus as a
// whole process: cold (each run with an empty cache of its own, so every
// RUN goes to shellcheck) and warm (the cache filled by a first run that is
// not counted), next to plain, the same lint without ShellCheck. CPU time
// is dflint's and its shellcheck processes' (wait4 counts the children a
// process waited for).
func shellcheckSection(bin, dir string, files []string, runs int, plain timing) (string, error) {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("%s\n", shellcheckHeading)
	sc, err := exec.LookPath("shellcheck")
	if err != nil {
		w("Not measured: shellcheck is not installed (apt-get install shellcheck).\n\n")
		return b.String(), nil
	}
	version := "unknown version"
	if out, err := exec.Command(sc, "--version").Output(); err == nil {
		for _, l := range strings.Split(string(out), "\n") {
			if v, ok := strings.CutPrefix(l, "version: "); ok {
				version = "ShellCheck " + strings.TrimSpace(v)
			}
		}
	}
	lint := func(cache string) []string {
		return append([]string{"lint", "--fail-level", "none", "--format", "json", "--shellcheck", "--shellcheck-cache", cache}, files...)
	}
	coldRuns := max(1, runs/2) // each checks every RUN: minutes of CPU
	fmt.Fprintf(os.Stderr, "--shellcheck cold (%d runs)...\n", coldRuns)
	var walls, cpus []time.Duration
	var cold timing
	for i := range coldRuns {
		t, err := timeProcess(bin, lint(filepath.Join(dir, fmt.Sprintf("shellcheck-cold-%d", i))), 1)
		if err != nil {
			return "", err
		}
		walls, cpus = append(walls, t.wallMin), append(cpus, t.cpuMedian)
		cold.maxRSS = max(cold.maxRSS, t.maxRSS)
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	cold.wallMin, cold.wallMedian, cold.cpuMedian = walls[0], walls[len(walls)/2], cpus[len(cpus)/2]
	fmt.Fprintf(os.Stderr, "--shellcheck warm (%d runs)...\n", runs)
	warmCache := filepath.Join(dir, "shellcheck-warm")
	if _, err := timeProcess(bin, lint(warmCache), 1); err != nil { // fills the cache
		return "", err
	}
	warm, err := timeProcess(bin, lint(warmCache), runs)
	if err != nil {
		return "", err
	}
	w("`dflint lint --shellcheck` on the %d corpus files with %s: every RUN script goes to `shellcheck` in batches, as many\n", len(files), version)
	w("processes at once as cores, and each result is cached on disk (`internal/shellcheck`). Cold: %s, each with an empty cache\n", plural(coldRuns, "run"))
	w("of its own. Warm: %s with the cache a first run filled, so no shellcheck process starts. CPU time counts dflint's\n", plural(runs, "run"))
	w("shellcheck processes too. The ratio is to the same lint without `--shellcheck`.\n\n")
	w("| run | wall min | wall median | CPU median | peak RSS | CPU ÷ without ShellCheck |\n|---|---:|---:|---:|---:|---:|\n")
	row := func(name string, t timing) {
		ratio := "1.00"
		if plain.cpuMedian > 0 {
			ratio = fmt.Sprintf("%.2f", float64(t.cpuMedian)/float64(plain.cpuMedian))
		}
		w("| %s | %s | %s | %s | %.0f MB | %s |\n", name, sec(t.wallMin), sec(t.wallMedian), sec(t.cpuMedian), float64(t.maxRSS)/1e6, ratio)
	}
	row("`--shellcheck`, cold cache", cold)
	row("`--shellcheck`, warm cache", warm)
	row("without `--shellcheck`", plain)
	w("\nTargets (issue 21): cold under half of what one process per RUN took (452 s wall, 346 s CPU in the issue), warm under\ntwice the lint without ShellCheck.\n\n")
	return b.String(), nil
}

// printShellCheckSection prints the section measured on the first n
// corpus files, to try it out without the rest of `make bench`.
func printShellCheckSection(corpus string, n, runs int) error {
	corpus, files, err := corpusFiles(corpus)
	if err != nil {
		return err
	}
	files = files[:min(n, len(files))]
	tmp, err := os.MkdirTemp("", "dflint-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin, err := buildDflint(tmp)
	if err != nil {
		return err
	}
	plain, err := timeProcess(bin, append([]string{"lint", "--fail-level", "none", "--format", "json"}, files...), runs)
	if err != nil {
		return err
	}
	section, err := shellcheckSection(bin, tmp, files, runs, plain)
	if err != nil {
		return err
	}
	fmt.Print(section)
	return nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

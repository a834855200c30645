//go:build unix && devtools

package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// vsBuildKitBench is the Go benchmark that runs the corpus lint and
// BuildKit's DockerfileLint in one process, alternating
// (internal/bench/buildkit_test.go).
const vsBuildKitBench = "BenchmarkCorpusVsBuildKit"

// vsBuildKitHeading starts the section; -buildkit-only prints the section
// alone.
const vsBuildKitHeading = "## The corpus lint next to BuildKit's DockerfileLint\n"

// vsBuildKitSection writes the comparison from the benchmark's metrics
// (the results of `go test -bench`), or says that the benchmark did not
// run.
func vsBuildKitSection(results []benchResult, files int) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("%s\n", vsBuildKitHeading)
	var m map[string]float64
	for _, r := range results {
		if r.name == vsBuildKitBench {
			m = r.metrics
		}
	}
	if m == nil {
		w("`%s` did not run (no corpus?).\n\n", vsBuildKitBench)
		return b.String()
	}
	w("`%s`: one Go process runs both on the %d corpus files, alternating which goes first; medians over\n", vsBuildKitBench, files)
	w("the passes, the ratios taken pass by pass. dflint is `dflint lint --format json` after start-up (read, parse, every default\n")
	w("rule and BuildKit's checks on GOMAXPROCS workers, the JSON report) under its batch GC policy; DockerfileLint is what\n")
	w("`docker build --check` runs (`dockerfile2llb.DockerfileLint`, one file after the other, Go's default GC, every base image\n")
	w("resolved offline to an empty config). CPU is user+sys of the process.\n\n")
	w("| run | wall per pass | CPU per pass | allocations per pass |\n|---|---:|---:|---:|\n")
	w("| dflint | %s | %s | %s |\n", sec(time.Duration(m["dflint-ns"])), sec(time.Duration(m["dflint-cpu-ns"])), num(m["dflint-allocs"], "%.0f"))
	w("| DockerfileLint | %s | %s | %s |\n", sec(time.Duration(m["buildkit-ns"])), sec(time.Duration(m["buildkit-cpu-ns"])), num(m["buildkit-allocs"], "%.0f"))
	w("| **dflint ÷ DockerfileLint** | **%.2f×** | **%.2f×** | |\n\n", m["wall-ratio"], m["cpu-ratio"])
	w("Target (issue 21, on 2 cores): at most 0.7× DockerfileLint's wall time and 1.0× its CPU. Wall ratios mean something only\n")
	w("on an idle machine (see the load average above); the CPU ratio holds under load.\n\n")
	return b.String()
}

// vsBuildKitOnly runs the one benchmark and prints its section, for
// checking it without the rest of `make bench`.
func vsBuildKitOnly(corpus, benchtime string) error {
	corpus, files, err := corpusFiles(corpus)
	if err != nil {
		return err
	}
	loadBefore := loadAvg()
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "^"+vsBuildKitBench+"$", "-benchtime", benchtime, "./internal/bench")
	cmd.Env = append(os.Environ(), "DFLINT_CORPUS="+corpus)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go test -bench: %w\n%s", err, out)
	}
	fmt.Printf("Measured %s, commit %s, -benchtime %s. Load average before: %s; after: %s.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), commit(), benchtime, loadBefore, loadAvg())
	fmt.Print(vsBuildKitSection(parseBench(out), len(files)))
	return nil
}

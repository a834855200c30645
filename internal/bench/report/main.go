//go:build unix && devtools

// Command report runs dflint's benchmarks and writes docs/benchmarks.md:
// the Go benchmarks of package bench (parse, lint and fix of the corpus,
// one large synthetic file, many small files, adversarial shapes) and
// whole-process timings of `dflint lint` on the corpus, on one typical file
// and on each adversarial shape at 1 MiB, with the machine they ran on.
// `make bench` runs it from the repository root:
//
//	go run -tags devtools ./internal/bench/report [-corpus ../shared/corpus] [-out docs/benchmarks.md] [-benchtime 3x] [-runs 5]
//	go run -tags devtools ./internal/bench/report -shapes-only [-runs 5]   # only the shapes' section (and the notes)
//	go run -tags devtools ./internal/bench/report -buildkit-only [-benchtime 3x]   # print only the comparison with BuildKit's DockerfileLint
//	go run -tags devtools ./internal/bench/report -shellcheck-only 100 [-runs 3]   # the --shellcheck section on 100 files, printed
package main

import (
	"bytes"
	_ "embed"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/dflint/dflint/internal/bench"
)

// notes is the hand-written part of the page: what was changed for speed
// and why, with the numbers measured then. It is kept beside this program
// so that regenerating the page keeps it.
//
//go:embed notes.md
var notes string

func main() {
	corpus := flag.String("corpus", "", "the corpus folder with MANIFEST.tsv (default ../shared/corpus or $DFLINT_CORPUS)")
	out := flag.String("out", "docs/benchmarks.md", "where to write the page")
	benchtime := flag.String("benchtime", "3x", "go test -benchtime for the Go benchmarks")
	runs := flag.Int("runs", 5, "how many times each whole-process timing runs (one-file timings run four times as often)")
	shapesOnly := flag.Bool("shapes-only", false, "measure only the adversarial shapes and replace that section of -out (and the notes), keeping the rest of the page")
	buildkitOnly := flag.Bool("buildkit-only", false, "run only the corpus lint next to BuildKit's DockerfileLint and print that section (the page is not written)")
	shellcheckOnly := flag.Int("shellcheck-only", 0, "print only the --shellcheck section, measured on the first N corpus files, to standard output (to try it out)")
	flag.Parse()
	var err error
	switch {
	case *buildkitOnly:
		err = vsBuildKitOnly(*corpus, *benchtime)
	case *shellcheckOnly > 0:
		err = printShellCheckSection(*corpus, *shellcheckOnly, *runs)
	case *shapesOnly:
		err = updateShapes(*out, *runs)
	default:
		err = run(*corpus, *out, *benchtime, *runs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench report:", err)
		os.Exit(2)
	}
}

func run(corpus, out, benchtime string, runs int) error {
	corpus, files, err := corpusFiles(corpus)
	if err != nil {
		return err
	}
	loadBefore := loadAvg()
	started := time.Now()

	fmt.Fprintln(os.Stderr, "go test -bench (this takes a few minutes)...")
	// The comparison with DockerfileLint runs in a process of its own: it
	// sets the batch collector's memory limit, and after the other
	// benchmarks the test process's heap is not what a dflint run starts
	// with (one make bench measured dflint at twice its CPU that way).
	var benchOut []byte
	for _, sel := range [][]string{{"-bench", ".", "-skip", "^" + vsBuildKitBench + "$"}, {"-bench", "^" + vsBuildKitBench + "$"}} {
		args := append([]string{"test", "-run", "^$"}, sel...)
		cmd := exec.Command("go", append(args, "-benchmem", "-benchtime", benchtime, "./internal/bench")...)
		cmd.Env = append(os.Environ(), "DFLINT_CORPUS="+corpus)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("go test -bench: %w\n%s", err, out)
		}
		benchOut = append(benchOut, out...)
	}
	results := parseBench(benchOut)

	tmp, err := os.MkdirTemp("", "dflint-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin, err := buildDflint(tmp)
	if err != nil {
		return err
	}
	typical, typicalLines, err := medianFile(files)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "whole-process timings...")
	args := append([]string{"lint", "--fail-level", "none", "--format", "json"}, files...)
	corpusRun, err := timeProcess(bin, args, runs)
	if err != nil {
		return err
	}
	corpusNoBK, err := timeProcess(bin, append([]string{"lint", "--no-buildkit", "--fail-level", "none", "--format", "json"}, files...), runs)
	if err != nil {
		return err
	}
	oneRun, err := timeProcess(bin, []string{"lint", "--fail-level", "none", typical}, 4*runs)
	if err != nil {
		return err
	}
	versionRun, err := timeProcess(bin, []string{"version"}, 4*runs)
	if err != nil {
		return err
	}
	shapes, err := shapesSection(bin, tmp, runs)
	if err != nil {
		return err
	}
	shellcheck, err := shellcheckSection(bin, tmp, files, runs, corpusRun)
	if err != nil {
		return err
	}
	loadAfter := loadAvg()

	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("# Benchmarks\n\n")
	w("<!-- Generated by `make bench` (go run -tags devtools ./internal/bench/report); the notes at the end come from internal/bench/report/notes.md. -->\n\n")
	w("Measured %s on %d CPU cores (%s), GOMAXPROCS %d, %s, %s/%s, commit %s.\n",
		started.UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU(), cpuModel(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, commit())
	w("Load average before: %s; after: %s.", loadBefore, loadAfter)
	w(" A load above the core count means other jobs shared the CPU: wall times are then\ninflated and noisy, while CPU times (`cpu-ns/…`, user+sys) still measure dflint's own work.\n\n")
	w("The corpus is %d real-world Dockerfiles (`../shared/corpus`, read in place).\n\n", len(files))

	w("## Whole process\n\n")
	w("`dflint lint` as a user runs it, the binary built by `go build`; %d runs each (one file: %d), minimum and median wall time, median CPU time (user+sys), largest peak RSS.\n\n", runs, 4*runs)
	w("| run | wall min | wall median | CPU median | peak RSS |\n|---|---:|---:|---:|---:|\n")
	row := func(name string, t timing) {
		w("| %s | %s | %s | %s | %.0f MB |\n", name, sec(t.wallMin), sec(t.wallMedian), sec(t.cpuMedian), float64(t.maxRSS)/1e6)
	}
	row(fmt.Sprintf("corpus, %d files, all default rules and BuildKit's checks", len(files)), corpusRun)
	row(fmt.Sprintf("corpus, %d files, `--no-buildkit`", len(files)), corpusNoBK)
	row(fmt.Sprintf("one typical file (the median corpus file, %d lines)", typicalLines), oneRun)
	row("`dflint version` (process start-up alone)", versionRun)
	w("\nTargets (issue 8, on 2 cores): corpus under 1.5 s wall, one file under 30 ms from start to exit, peak memory under 150 MB.\n\n")

	w("%s", vsBuildKitSection(results, len(files)))
	w("%s", shapes)
	w("%s", shellcheck)

	w("## Go benchmarks\n\n")
	w("`go test -run '^$' -bench . -skip '^%s$' -benchmem -benchtime %s ./internal/bench`, then `%s` alone in a process of its own. Files are processed on GOMAXPROCS workers, as `dflint lint` does.\n\n", vsBuildKitBench, benchtime, vsBuildKitBench)
	w("| benchmark | wall per op | files/s | CPU per unit | wall per unit | allocs per op |\n|---|---:|---:|---:|---:|---:|\n")
	for _, r := range results {
		w("| %s | %s | %s | %s | %s | %s |\n", r.name, sec(time.Duration(r.metrics["ns/op"])), num(r.metrics["files/s"], "%.0f"),
			perUnit(r, "cpu-ns/file", "cpu-ns/line"), perUnit(r, "ns/line"), num(r.metrics["allocs/op"], "%.0f"))
	}
	w("\n`BenchmarkCorpusRules` is the rules' own share of `BenchmarkCorpusLint`: dflint's rules alone (BuildKit's checks off) on files\nread and parsed, shell trees included, outside the timed part.\n")
	w("\nScaling: CPU per line for the synthetic file and CPU per file for the generated trees should stay flat as the size grows\n(`BenchmarkLargeFile` at 1,000 and 5,000 lines, `BenchmarkManyFiles` at 1,000 and 10,000 files, generated in a temporary directory).\n\n")
	w("```\n%s```\n\n", strings.Join(benchLines(benchOut), "\n")+"\n")

	w("## Reproduce\n\n")
	w("```sh\nmake bench                     # all of the above, rewrites this page (about 5 minutes on an idle 2-core machine)\ngo test -run '^$' -bench CorpusLint -benchtime 5x ./internal/bench   # one benchmark\ngo test -run '^$' -bench CorpusLint -benchtime 3x -cpuprofile cpu.out ./internal/bench && go tool pprof -top internal/bench/bench.test cpu.out\n```\n\n")
	w("Run it on an idle machine for wall times worth comparing (check `uptime`: the load average should be well under the core count);\non a shared machine compare the CPU columns, and compare runs of two commits on the same machine, not against these numbers.\n\n")
	w("%s", notes)

	return os.WriteFile(out, []byte(b.String()), 0o644)
}

// shapesHeading starts the section of the adversarial shapes, which
// -shapes-only replaces in place.
const shapesHeading = "## Adversarial shapes at 1 MiB\n"

// shapesSection writes each of bench.Shapes at 1 MiB into dir and times
// `dflint lint` on it as a whole process: CPU time (user+sys, which other
// jobs on the machine do not inflate) and peak RSS, the memory the kernel
// gave the process (Go heap, stacks and runtime together).
func shapesSection(bin, dir string, runs int) (string, error) {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("%s\n", shapesHeading)
	w("A hostile file is at most 1 MiB (larger ones are refused), so the time and memory one file can take are those of the worst\n")
	w("1 MiB file. Each shape repeats one construct up to 1 MiB (`internal/bench/shapes.go`); `dflint lint --format json` runs on it\n")
	w("as a whole process, %d runs each: median CPU time (user+sys) and wall time, largest peak RSS (whole-process max RSS from\n", runs)
	w("`getrusage`). `TestShapesLintLinearly` checks that the work grows linearly with each shape's size, by counting, not timing.\n\n")
	w("| shape | what | repeats | CPU median | wall median | peak RSS |\n|---|---|---:|---:|---:|---:|\n")
	for _, s := range bench.Shapes {
		src, units := s.Generate(bench.ShapeSize)
		p := filepath.Join(dir, s.Name+".Dockerfile")
		if err := os.WriteFile(p, src, 0o644); err != nil {
			return "", err
		}
		fmt.Fprintf(os.Stderr, "shape %s...\n", s.Name)
		t, err := timeProcess(bin, []string{"lint", "--no-config", "--fail-level", "none", "--format", "json", p}, runs)
		if err != nil {
			return "", err
		}
		w("| %s | %s | %d | %s | %s | %.0f MB |\n", s.Name, s.What, units, sec(t.cpuMedian), sec(t.wallMedian), float64(t.maxRSS)/1e6)
	}
	w("\n")
	return b.String(), nil
}

// updateShapes measures only the shapes and replaces their section of the
// page at out (or adds it before the Go benchmarks) and the notes at its
// end, keeping the rest.
func updateShapes(out string, runs int) error {
	page, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "dflint-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin, err := buildDflint(tmp)
	if err != nil {
		return err
	}
	section, err := shapesSection(bin, tmp, runs)
	if err != nil {
		return err
	}
	section += fmt.Sprintf("Shapes measured %s, commit %s, load average %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), commit(), loadAvg())
	text := string(page)
	start := strings.Index(text, shapesHeading)
	end := strings.Index(text, "## Go benchmarks\n")
	switch {
	case start >= 0 && end > start:
		text = text[:start] + section + text[end:]
	case end >= 0:
		text = text[:end] + section + text[end:]
	default:
		return fmt.Errorf("%s has no %q heading to put the shapes before", out, "## Go benchmarks")
	}
	// The notes end the page: bring them up to date too.
	first, _, _ := strings.Cut(notes, "\n")
	if i := strings.Index(text, first+"\n"); i >= 0 {
		text = text[:i] + notes
	}
	return os.WriteFile(out, []byte(text), 0o644)
}

type benchResult struct {
	name    string
	metrics map[string]float64
}

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func benchLines(out []byte) []string {
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "Benchmark") {
			lines = append(lines, l)
		}
	}
	return lines
}

func parseBench(out []byte) []benchResult {
	var res []benchResult
	for _, l := range benchLines(out) {
		m := benchLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		r := benchResult{name: m[1], metrics: map[string]float64{}}
		f := strings.Fields(m[2])
		for i := 0; i+1 < len(f); i += 2 {
			var v float64
			fmt.Sscan(f[i], &v)
			r.metrics[f[i+1]] = v
		}
		res = append(res, r)
	}
	return res
}

func perUnit(r benchResult, units ...string) string {
	for _, u := range units {
		if v, ok := r.metrics[u]; ok {
			unit := u[strings.LastIndexByte(u, '/')+1:]
			return fmt.Sprintf("%s/%s", sec(time.Duration(v)), unit)
		}
	}
	return ""
}

func num(v float64, format string) string {
	if v == 0 {
		return ""
	}
	return fmt.Sprintf(format, v)
}

func sec(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	default:
		return fmt.Sprintf("%.1f µs", float64(d)/1e3)
	}
}

type timing struct {
	wallMin, wallMedian, cpuMedian time.Duration
	maxRSS                         int64 // bytes
}

// timeProcess runs bin with args n times and measures each run.
func timeProcess(bin string, args []string, n int) (timing, error) {
	var walls, cpus []time.Duration
	var t timing
	for range n {
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if cmd.ProcessState == nil {
			return t, fmt.Errorf("%s: %v", bin, err)
		}
		if code := cmd.ProcessState.ExitCode(); code != 0 && code != 1 && code != 2 {
			return t, fmt.Errorf("dflint %s: exit %d: %s", args[0], code, stderr.String())
		}
		walls = append(walls, wall)
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			t.maxRSS = max(t.maxRSS, ru.Maxrss*1024) // kilobytes on Linux
		}
	}
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	t.wallMin, t.wallMedian, t.cpuMedian = walls[0], walls[len(walls)/2], cpus[len(cpus)/2]
	return t, nil
}

// medianFile is the corpus file of median size: "one typical file".
func medianFile(files []string) (string, int, error) {
	type sized struct {
		path string
		size int64
	}
	var s []sized
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			return "", 0, err
		}
		s = append(s, sized{f, fi.Size()})
	}
	sort.Slice(s, func(i, j int) bool { return s[i].size < s[j].size })
	p := s[len(s)/2].path
	b, err := os.ReadFile(p)
	return p, bytes.Count(b, []byte("\n")), err
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func commit() string {
	b, err := exec.Command("git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(b))
}

// buildDflint builds the dflint binary the whole-process timings run, into
// dir, and returns its path.
func buildDflint(dir string) (string, error) {
	bin := filepath.Join(dir, "dflint")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/dflint").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, b)
	}
	return bin, nil
}

// corpusFiles lists the corpus's Dockerfiles: those under dir, or under
// bench.CorpusDir when dir is "" (the returned dir says which).
func corpusFiles(dir string) (string, []string, error) {
	if dir == "" {
		var err error
		if dir, err = bench.CorpusDir(); err != nil {
			return "", nil, err
		}
	}
	files, err := bench.CorpusFiles(dir)
	if err != nil {
		return "", nil, fmt.Errorf("reading the corpus: %w (put the shared corpus beside the repository, or pass -corpus)", err)
	}
	return dir, files, nil
}

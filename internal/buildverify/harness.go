package buildverify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// A Case is a build context with a Dockerfile, and what its fix is allowed
// and expected to change. Cases are txtar files (testdata/cases/*.txtar):
// the comment holds "key: value" lines, the files are the build context.
//
//	command: pin              the dflint command that fixes (default: fix)
//	fix: --unsafe-fixes --base-family chainguard   its flags; $REGISTRY is
//	                          the local registry's host:port, $CACHE a
//	                          fresh directory (for pin's --cache-dir)
//	fixes: DF201 DF301        rules whose fixes must apply (and leave nothing)
//	expect: user size         differences the fix is meant to make: the user
//	                          becomes non-root; the image gets smaller
//	allow: cmd env workdir    config fields that may differ (a split moves
//	                          the binary and drops the toolchain's env)
//	run: 15s                  how long the command runs before it is judged
//	                          (default 30s)
//	                          (a server that is still up then counts as
//	                          "running", and both images must agree)
//	split: proposed           what DF201 must do with the Dockerfile: propose
//	                          a split (proposed), report it without one
//	                          (refused), or not report it (none); the
//	                          evaluation set (split-*.txtar) states it, and
//	                          TestSplitPlans checks it without building
//	build: skip <why>         the case is checked by TestSplitPlans only,
//	                          never built (no .NET SDK in Debian, a build
//	                          that needs the network, nothing fixed)
//	full: true                built only with DFLINT_VERIFY_FULL=1 (make
//	                          verify-builds FULL=1), to keep CI's budget
type Case struct {
	Name    string
	Files   map[string][]byte
	Command string
	Fix     []string
	Fixes   []string
	Expect  map[string]bool
	Allow   map[string]bool
	RunFor  time.Duration
	// Split is the DF201 outcome the case states ("" when it states
	// none): proposed, refused or none.
	Split string
	// NoBuild says why the case is not built ("" when it is).
	NoBuild string
	// Full marks a case built only in the full run.
	Full bool
}

// LoadCase reads a txtar case.
func LoadCase(path string) (*Case, error) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	c := &Case{
		Name:    strings.TrimSuffix(filepath.Base(path), ".txtar"),
		Command: "fix",
		Files:   map[string][]byte{},
		Expect:  map[string]bool{},
		Allow:   map[string]bool{},
		RunFor:  30 * time.Second,
	}
	for i, line := range strings.Split(string(ar.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want \"key: value\"", path, i+1)
		}
		words := strings.Fields(value)
		switch strings.TrimSpace(key) {
		case "command":
			if len(words) != 1 || (words[0] != "fix" && words[0] != "pin") {
				return nil, fmt.Errorf("%s:%d: command is fix or pin", path, i+1)
			}
			c.Command = words[0]
		case "fix":
			c.Fix = words
		case "fixes":
			c.Fixes = words
		case "expect":
			for _, w := range words {
				if w != "user" && w != "size" {
					return nil, fmt.Errorf("%s:%d: expect takes user and size, not %q", path, i+1, w)
				}
				c.Expect[w] = true
			}
		case "allow":
			for _, w := range words {
				if !slices.Contains(configFields, w) {
					return nil, fmt.Errorf("%s:%d: allow takes %s, not %q", path, i+1, strings.Join(configFields, ", "), w)
				}
				c.Allow[w] = true
			}
		case "run":
			d, err := time.ParseDuration(strings.TrimSpace(value))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
			}
			c.RunFor = d
		case "split":
			if len(words) != 1 || !slices.Contains(splitOutcomes, words[0]) {
				return nil, fmt.Errorf("%s:%d: split is one of %s", path, i+1, strings.Join(splitOutcomes, ", "))
			}
			c.Split = words[0]
		case "build":
			if len(words) < 2 || words[0] != "skip" {
				return nil, fmt.Errorf("%s:%d: want \"build: skip <why>\"", path, i+1)
			}
			c.NoBuild = strings.Join(words[1:], " ")
		case "full":
			if len(words) != 1 || words[0] != "true" {
				return nil, fmt.Errorf("%s:%d: want \"full: true\"", path, i+1)
			}
			c.Full = true
		default:
			return nil, fmt.Errorf("%s:%d: unknown key %q", path, i+1, key)
		}
	}
	for _, f := range ar.Files {
		c.Files[f.Name] = f.Data
	}
	if c.Files["Dockerfile"] == nil {
		return nil, fmt.Errorf("%s: no Dockerfile", path)
	}
	if c.Split == "proposed" && !slices.Contains(c.Fixes, "DF201") && c.NoBuild == "" {
		return nil, fmt.Errorf("%s: a built case with split: proposed must say fixes: DF201", path)
	}
	if why := Unsupported(c.Files["Dockerfile"]); why != "" {
		return nil, fmt.Errorf("%s: buildah 1.28 cannot build this Dockerfile (%s): keep the case out of the harness", path, why)
	}
	return c, nil
}

// splitOutcomes are what DF201 can do with a Dockerfile (Case.Split).
var splitOutcomes = []string{"proposed", "refused", "none"}

// configFields are the image config fields compared; "cmd" is the
// effective command, Entrypoint followed by Cmd.
var configFields = []string{"user", "cmd", "workdir", "ports", "env"}

// Image is what one build gave.
type Image struct {
	ID        string
	BuildTime time.Duration
	Size      int64 // bytes, as `buildah images` counts them
	Config    ImageConfig
	Run       RunResult
}

// ImageConfig is the part of the OCI config the comparison looks at.
type ImageConfig struct {
	User    string
	Command []string // Entrypoint then Cmd
	Workdir string
	Ports   []string
	Env     []string
}

// RunResult is how the image's command behaved within the case's time.
type RunResult struct {
	// Running is set when the command was still running at the deadline.
	Running  bool
	ExitCode int
	Output   string
}

func (r RunResult) String() string {
	if r.Running {
		return "still running"
	}
	return fmt.Sprintf("exit %d", r.ExitCode)
}

// Result is a verified case: both images, and what differed that should
// not have (empty when the fix passed).
type Result struct {
	Case            *Case
	Original, Fixed Image
	FixedDockerfile []byte
	Problems        []string
}

// Verify fixes the case with the dflint binary, builds and runs both
// Dockerfiles, and compares them.
func (e *Env) Verify(ctx context.Context, dflint string, c *Case) (*Result, error) {
	dir, err := e.writeContext(c)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	original := c.Files["Dockerfile"]
	fixArgs := []string{c.Command, "--fail-level", "none"}
	for _, arg := range c.Fix {
		arg = strings.ReplaceAll(arg, "$REGISTRY", e.registry.Addr)
		arg = strings.ReplaceAll(arg, "$CACHE", filepath.Join(dir, ".dflint-cache"))
		fixArgs = append(fixArgs, arg)
	}
	fixArgs = append(fixArgs, "-")
	cmd := exec.CommandContext(ctx, dflint, fixArgs...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(string(original))
	fixed, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("dflint %s: %w", strings.Join(fixArgs, " "), exitDetail(err))
	}
	if why := Unsupported(fixed); why != "" {
		return nil, fmt.Errorf("the fixed Dockerfile uses what buildah 1.28 cannot build (%s):\n%s", why, fixed)
	}
	if err := e.checkFixesApplied(ctx, dflint, dir, c, original, fixed); err != nil {
		return nil, err
	}
	return e.Compare(ctx, c, fixed)
}

// Compare builds and runs the case's Dockerfile and the given fixed text,
// and compares them. It is Verify without dflint: tests use it to show
// that a broken rewrite is caught.
func (e *Env) Compare(ctx context.Context, c *Case, fixed []byte) (*Result, error) {
	dir, err := e.writeContext(c)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile.fixed"), fixed, 0o644); err != nil {
		return nil, err
	}
	res := &Result{Case: c, FixedDockerfile: fixed}
	res.Original, err = e.buildAndRun(ctx, dir, "Dockerfile", c)
	if err != nil {
		return nil, fmt.Errorf("the original Dockerfile: %w", err)
	}
	res.Fixed, err = e.buildAndRun(ctx, dir, "Dockerfile.fixed", c)
	if err != nil {
		res.Problems = append(res.Problems, "the fixed Dockerfile: "+err.Error())
		return res, nil
	}
	res.Problems = compare(c, res.Original, res.Fixed)
	return res, nil
}

// checkFixesApplied holds the case to its purpose: the original must have
// a finding of each named rule, and the fixed file none.
func (e *Env) checkFixesApplied(ctx context.Context, dflint, dir string, c *Case, original, fixed []byte) error {
	if len(c.Fixes) == 0 {
		if string(fixed) == string(original) {
			return fmt.Errorf("dflint %s %s changed nothing: the case tests no fix", c.Command, strings.Join(c.Fix, " "))
		}
		return nil
	}
	// The named rules are selected: an opt-in rule (DF103, whose fix `pin`
	// applies) reports only when asked for.
	flags := append(policyFlags(c.Fix), "--select", strings.Join(c.Fixes, ","))
	before, err := lintRules(ctx, dflint, dir, original, flags)
	if err != nil {
		return err
	}
	after, err := lintRules(ctx, dflint, dir, fixed, flags)
	if err != nil {
		return err
	}
	for _, id := range c.Fixes {
		if !before[id] {
			return fmt.Errorf("the original has no %s finding: the case does not test its fix", id)
		}
		if after[id] {
			return fmt.Errorf("the fixed Dockerfile still has a %s finding:\n%s", id, fixed)
		}
	}
	return nil
}

// policyFlags are the flags of a case's fix that change what lint reports:
// a rule such as DF201 finds a hardened split only under --base-family.
func policyFlags(fix []string) []string {
	var out []string
	for i, a := range fix {
		switch {
		case a == "--base-family" && i+1 < len(fix):
			out = append(out, a, fix[i+1])
		case strings.HasPrefix(a, "--base-family="):
			out = append(out, a)
		}
	}
	return out
}

// lintRules is the set of rules with a finding on the Dockerfile text.
func lintRules(ctx context.Context, dflint, dir string, text []byte, flags []string) (map[string]bool, error) {
	findings, err := lintFindings(ctx, dflint, dir, text, flags)
	if err != nil {
		return nil, err
	}
	rules := map[string]bool{}
	for _, f := range findings {
		rules[f.Rule] = true
	}
	return rules, nil
}

// finding is what the harness reads of a finding of `dflint lint --format
// json`.
type finding struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// lintFindings lints the Dockerfile text (standard input, in the context
// dir) with the flags.
func lintFindings(ctx context.Context, dflint, dir string, text []byte, flags []string) ([]finding, error) {
	args := append(append([]string{"lint", "--format", "json", "--fail-level", "none"}, flags...), "-")
	out, err := runDflint(ctx, dflint, dir, text, args...)
	if err != nil {
		return nil, err
	}
	var report struct {
		Findings []finding `json:"findings"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		return nil, fmt.Errorf("dflint lint --format json: %w", err)
	}
	return report.Findings, nil
}

// runDflint runs dflint in dir with stdin and returns its output.
func runDflint(ctx context.Context, dflint, dir string, stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, dflint, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(string(stdin))
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("dflint %s: %w", strings.Join(args, " "), exitDetail(err))
	}
	return out, nil
}

func (e *Env) writeContext(c *Case) (string, error) { return writeCaseFiles(e.Dir, c) }

// writeCaseFiles writes the case's build context into a new directory
// under parent (the system's temporary directory when "").
func writeCaseFiles(parent string, c *Case) (string, error) {
	dir, err := os.MkdirTemp(parent, c.Name+"-")
	if err != nil {
		return "", err
	}
	for name, data := range c.Files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(name, ".sh") {
			mode = 0o755
		}
		if err := os.WriteFile(p, data, mode); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// buildAndRun builds one Dockerfile of the context and runs its command.
func (e *Env) buildAndRun(ctx context.Context, dir, dockerfile string, c *Case) (Image, error) {
	var img Image
	idFile := filepath.Join(dir, dockerfile+".iid")
	start := time.Now()
	err := e.run(ctx, dir, "buildah", "bud", "--quiet", "--network", "none", "--layers=false",
		"--iidfile", idFile, "-f", dockerfile, ".")
	img.BuildTime = time.Since(start)
	if err != nil {
		return img, fmt.Errorf("build failed: %w", err)
	}
	id, err := os.ReadFile(idFile)
	if err != nil {
		return img, err
	}
	img.ID = strings.TrimPrefix(strings.TrimSpace(string(id)), "sha256:")
	if img.Config, img.Size, err = e.inspect(ctx, img.ID); err != nil {
		return img, err
	}
	img.Run, err = e.runImage(ctx, img.ID, c.RunFor)
	return img, err
}

func (e *Env) inspect(ctx context.Context, id string) (ImageConfig, int64, error) {
	out, err := e.output(ctx, "", "buildah", "inspect", "--type", "image", id)
	if err != nil {
		return ImageConfig{}, 0, err
	}
	var info struct {
		OCIv1 struct {
			Config struct {
				User         string
				Entrypoint   []string
				Cmd          []string
				WorkingDir   string
				ExposedPorts map[string]struct{}
				Env          []string
			} `json:"config"`
		}
	}
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		return ImageConfig{}, 0, fmt.Errorf("buildah inspect: %w", err)
	}
	cfg := info.OCIv1.Config
	ic := ImageConfig{User: cfg.User, Workdir: cfg.WorkingDir, Env: append([]string(nil), cfg.Env...)}
	ic.Command = append(append(ic.Command, cfg.Entrypoint...), cfg.Cmd...)
	for p := range cfg.ExposedPorts {
		ic.Ports = append(ic.Ports, p)
	}
	sort.Strings(ic.Ports)
	sort.Strings(ic.Env)
	// podman reads the same storage and prints the size in bytes
	// (buildah's own listing rounds it for people).
	sizeOut, err := e.output(ctx, "", "podman", "image", "inspect", "--format", "{{.Size}}", id)
	if err != nil {
		return ic, 0, err
	}
	size, err := strconv.ParseInt(strings.TrimSpace(sizeOut), 10, 64)
	if err != nil {
		return ic, 0, fmt.Errorf("podman image inspect %s: cannot read the size %q", id, sizeOut)
	}
	return ic, size, nil
}

// runImage runs the image's command with no network and the ulimits
// podman needs here, for at most d; a command still running then is
// stopped and reported as running. The container is created first, outside
// the clock: with the vfs driver that copies the whole image, which can
// take longer than the command itself.
func (e *Env) runImage(ctx context.Context, id string, d time.Duration) (RunResult, error) {
	name := "dflint-verify-" + id[:12]
	_ = e.run(ctx, "", "podman", "rm", "--force", "--time", "0", name)
	if err := e.run(ctx, "", "podman", "create", "--name", name, "--network", "none",
		"--ulimit", "nofile=20000:20000", "--ulimit", "nproc=32768:32768", id); err != nil {
		return RunResult{}, err
	}
	defer e.run(context.Background(), "", "podman", "rm", "--force", "--time", "0", name)
	runCtx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	cmd := exec.CommandContext(runCtx, "podman", "start", "--attach", name)
	cmd.Env = e.environ
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	res := RunResult{Output: string(out)}
	var ee *exec.ExitError
	switch {
	case runCtx.Err() != nil && ctx.Err() == nil:
		res.Running = true
	case err == nil:
	case errors.As(err, &ee):
		res.ExitCode = ee.ExitCode()
	default:
		return res, fmt.Errorf("podman start: %w", err)
	}
	return res, nil
}

// compare lists the differences between the images that the case does not
// expect or allow.
func compare(c *Case, before, after Image) []string {
	var problems []string
	if before.Run.Running != after.Run.Running || before.Run.ExitCode != after.Run.ExitCode {
		problems = append(problems, fmt.Sprintf("the command behaves differently: %s before, %s after", before.Run, after.Run))
	}
	if normalizeOutput(before.Run.Output) != normalizeOutput(after.Run.Output) {
		problems = append(problems, fmt.Sprintf("the command's output differs:\nbefore:\n%s\nafter:\n%s", before.Run.Output, after.Run.Output))
	}
	if c.Expect["user"] {
		if !isRoot(before.Config.User) {
			problems = append(problems, fmt.Sprintf("expected a root image before the fix, got user %q", before.Config.User))
		}
		if isRoot(after.Config.User) {
			problems = append(problems, fmt.Sprintf("the fixed image still runs as root (user %q)", after.Config.User))
		}
	} else if !c.Allow["user"] && before.Config.User != after.Config.User {
		problems = append(problems, fmt.Sprintf("user changed: %q → %q", before.Config.User, after.Config.User))
	}
	if c.Expect["size"] && after.Size >= before.Size {
		problems = append(problems, fmt.Sprintf("the fixed image is not smaller: %s → %s", MB(before.Size), MB(after.Size)))
	}
	check := func(field string, a, b any) {
		if !c.Allow[field] && !reflect.DeepEqual(a, b) {
			problems = append(problems, fmt.Sprintf("%s changed: %v → %v", field, a, b))
		}
	}
	check("cmd", before.Config.Command, after.Config.Command)
	check("workdir", before.Config.Workdir, after.Config.Workdir)
	check("ports", before.Config.Ports, after.Config.Ports)
	check("env", before.Config.Env, after.Config.Env)
	return problems
}

// normalizeOutput drops what differs between any two runs: the cases'
// programs print no addresses, but podman's own errors name the container
// by its ID, which is new each run; line ends and trailing blanks are
// folded too. Terminal colours go: whether a program colours its output
// when it is not on a terminal can hang on a library the stand-in's
// system Python has and a virtualenv does not (Debian's click pulls in
// colorama, which strips Werkzeug's colours; Flask from PyPI does not).
func normalizeOutput(s string) string {
	s = containerID.ReplaceAllString(s, "<container>")
	s = ansiColour.ReplaceAllString(s, "")
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

var containerID = regexp.MustCompile(`\b[0-9a-f]{64}\b`)

// ansiColour is an SGR escape sequence (colour, bold).
var ansiColour = regexp.MustCompile("\x1b\\[[0-9;]*m")

func isRoot(user string) bool {
	name, _, _ := strings.Cut(user, ":")
	return name == "" || name == "root" || name == "0"
}

// MB formats a byte count in megabytes with one decimal.
func MB(n int64) string { return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + " MB" }

func exitDetail(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, lastLines(string(ee.Stderr), 10))
	}
	return err
}

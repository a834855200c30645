package rules

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dflint/dflint/internal/shellcheck"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// ShellCheck runs the real `shellcheck` binary on the shell of each RUN
// (the command line, and heredoc bodies run as scripts) and reports its
// SCxxxx findings at their Dockerfile positions. It is opt-in (--shellcheck)
// because it needs the binary, and checking costs a few milliseconds per
// RUN the first time (results are then cached).
//
// The script is given to shellcheck with a shebang for the stage's SHELL
// (sh or bash) and with the ARG and ENV names the stage declares, so that
// `$VERSION` from `ARG VERSION` is not reported as unassigned.

// dockerProxyArgs are the build arguments every build has without an ARG
// instruction (Docker's predefined ARGs: docs.docker.com/reference/dockerfile/#predefined-args,
// read 2026-12-07). A RUN may use them, so they are declared to shellcheck
// like the stage's own ARGs (hadolint declares the same names but the
// all_proxy pair).
var dockerProxyArgs = []string{
	"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
	"NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
}

// shellcheckExcluded are the codes never reported, as hadolint excludes
// them (src/Hadolint/Shell.hs, read 2026-12-07): each can only be silenced
// by a shellcheck directive comment or a command-line flag, and neither can
// be written inside a Dockerfile RUN.
var shellcheckExcluded = []int{
	1090, // `source "$file"`: a file shellcheck cannot find (needs `# shellcheck source=`)
	1091, // `. /etc/os-release`: a file not given to shellcheck (needs -x)
	2187, // ash is checked as dash (a SHELL of /bin/ash)
}

// shellcheckRules holds one Rule per SC code met, so that findings, ignore
// comments (`# hadolint ignore=SC2086`) and --ignore name them like others.
var shellcheckRules sync.Map // "SC2086" → *Rule

func shellcheckRule(code int) *Rule {
	id := fmt.Sprintf("SC%d", code)
	if r, ok := shellcheckRules.Load(id); ok {
		return r.(*Rule)
	}
	r, _ := shellcheckRules.LoadOrStore(id, &Rule{
		ID:       id,
		Name:     "shellcheck",
		Severity: Warning,
		Summary:  "ShellCheck " + id,
		URL:      "https://www.shellcheck.net/wiki/" + id,
	})
	return r.(*Rule)
}

// shellcheckCode reads "SC2086" (any case) as 2086.
func shellcheckCode(key string) (int, bool) {
	if len(key) < 3 || !strings.EqualFold(key[:2], "SC") {
		return 0, false
	}
	n := 0
	for _, r := range key[2:] {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

var scSeverity = map[string]Severity{"error": Error, "warning": Warning, "info": Info, "style": Style}

// ShellCheck runs the shellcheck binary for the engines of a run. One is
// shared by every engine of the run (each config has its own), so that the
// scripts of all files go to shellcheck together, in batches
// (internal/shellcheck), and are cached on disk.
type ShellCheck struct {
	checker *shellcheck.Checker
}

// NewShellCheck runs the shellcheck binary at bin, keeping results under
// cacheDir ("" for no cache; see shellcheck.DefaultDir).
func NewShellCheck(bin, cacheDir string) *ShellCheck {
	return &ShellCheck{checker: shellcheck.New(shellcheck.Options{
		Bin:      bin,
		Args:     []string{"--exclude=" + shellcheckExclude},
		CacheDir: cacheDir,
	})}
}

// DefaultShellCheckCacheDir is where ShellCheck's results are cached
// unless told otherwise: $DFLINT_CACHE_DIR/shellcheck, else
// dflint/shellcheck in the user cache directory.
func DefaultShellCheckCacheDir() (string, error) { return shellcheck.DefaultDir() }

// LintWorkers is how many files to lint at once so that ShellCheck's
// batches fill: a file waiting for ShellCheck costs no CPU, and while
// shellcheck processes run, the scripts of the files linted meanwhile pile
// up for the next batch.
func (sc *ShellCheck) LintWorkers() int {
	return max(runtime.GOMAXPROCS(0), sc.checker.Requesters())
}

// Stats tells how many processes ran and how many scripts the cache
// answered.
func (sc *ShellCheck) Stats() shellcheck.Stats { return sc.checker.Stats() }

// scScript is one RUN script as given to shellcheck: the header we write
// (shebang and variables), then the script.
type scScript struct {
	in          *parser.Instruction
	s           *parser.Script
	headerLines int
}

// shellcheckScripts are the scripts of f that ShellCheck checks, and what
// shellcheck is given for each.
func shellcheckScripts(f *parser.File) ([]scScript, []shellcheck.Script) {
	var items []scScript
	var scripts []shellcheck.Script
	for _, in := range f.Instructions {
		x := in
		if in.Trigger != nil {
			x = in.Trigger
		}
		if _, ok := x.Command.(*instructions.RunCommand); !ok {
			continue
		}
		if shellcmd.IsWindowsInstruction(in) {
			// A Windows image runs RUN with cmd unless SHELL says
			// otherwise (hadolint needs a `# hadolint shell=` comment).
			continue
		}
		for _, s := range in.Scripts() {
			if s.Parent != nil || s.AST == nil {
				continue
			}
			dialect := "sh"
			if len(in.Shell) > 0 && strings.Contains(path.Base(in.Shell[0]), "bash") {
				dialect = "bash"
			}
			var header strings.Builder
			fmt.Fprintf(&header, "#!/bin/%s\n", dialect)
			for _, name := range scriptNames(in) {
				// Assigned (so not SC2154, "referenced but not assigned") with a
				// value shellcheck cannot know (so SC2086 still asks for quotes),
				// and exported (so not SC2034, "unused").
				fmt.Fprintf(&header, "export %s=\"$%s\"\n", name, name)
			}
			items = append(items, scScript{in: in, s: s, headerLines: strings.Count(header.String(), "\n")})
			scripts = append(scripts, shellcheck.Script{Text: header.String() + s.Source, Shell: dialect})
		}
	}
	return items, scripts
}

// runShellCheck checks the RUN scripts of a file (shellcheckScripts). A script shellcheck failed
// on is an error that names its RUN; the other scripts' findings stay.
func runShellCheck(ctx context.Context, sc *ShellCheck, items []scScript, scripts []shellcheck.Script) ([]Finding, []error) {
	if len(scripts) == 0 {
		return nil, nil
	}
	results, err := sc.checker.Check(ctx, scripts)
	if err != nil {
		return nil, []error{err}
	}
	var out []Finding
	var errs []error
	for i, res := range results {
		if res.Err != nil {
			errs = append(errs, fmt.Errorf("shellcheck failed on the RUN at line %d, so it has no SC findings: %w", items[i].in.StartLine, res.Err))
			continue
		}
		out = append(out, shellcheckFindings(items[i], res.Comments)...)
	}
	return out, errs
}

// shellcheckFindings maps shellcheck's comments on one script to findings
// at their Dockerfile positions.
func shellcheckFindings(it scScript, comments []shellcheck.Comment) []Finding {
	s := it.s
	lines := scriptLineStarts(s.Source)
	var out []Finding
	for _, c := range comments {
		line := c.Line - it.headerLines
		if line < 1 || line > len(lines) {
			continue // about the header we wrote
		}
		r := shellcheckRule(c.Code)
		start := s.OffsetAt(scColumnToIndex(s.Source, lines, line, c.Column))
		end := start
		if el := c.EndLine - it.headerLines; el >= 1 && el <= len(lines) {
			end = s.OffsetAt(scColumnToIndex(s.Source, lines, el, c.EndColumn))
		}
		fd := Finding{Rule: r, Start: start, End: max(start, end), Message: c.Message}
		if sev, ok := scSeverity[c.Level]; ok {
			fd.Severity = sev
		}
		out = append(out, fd)
	}
	return out
}

// shellcheckExclude is shellcheckExcluded as shellcheck's --exclude value.
var shellcheckExclude = func() string {
	codes := make([]string, len(shellcheckExcluded))
	for i, c := range shellcheckExcluded {
		codes[i] = fmt.Sprintf("SC%d", c)
	}
	return strings.Join(codes, ",")
}()

// scriptNames are the variable names a RUN's script starts with: Docker's
// predefined proxy ARGs and the names the stage declares, sorted, each once.
func scriptNames(in *parser.Instruction) []string {
	names := append(declaredNames(in), dockerProxyArgs...)
	sort.Strings(names)
	return slices.Compact(names)
}

// declaredNames are the ARG and ENV names visible to a RUN: the stage's,
// its base stages', and the global ARGs it redeclares, sorted.
func declaredNames(in *parser.Instruction) []string {
	seen := map[string]bool{}
	if in.Stage != nil {
		for _, st := range in.Stage.Chain() {
			for _, x := range st.Instructions {
				if x.Index >= in.Index {
					break
				}
				addDefined(seen, x)
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		if isShellName(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

func isShellName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func scriptLineStarts(src string) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// scColumnToIndex turns shellcheck's 1-based column (in characters; its
// JSON output counts a tab as one) into a byte index of src.
func scColumnToIndex(src string, lines []int, line, col int) int {
	i := lines[line-1]
	for n := 1; n < col && i < len(src) && src[i] != '\n'; n++ {
		_, size := utf8.DecodeRuneInString(src[i:])
		i += size
	}
	return i
}

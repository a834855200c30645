package integrations

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// reviewdogVersion is the reviewdog the test runs: the action's default
// (TestReviewdogPostsReview checks that they agree).
const reviewdogVersion = "v0.21.0"

// reviewdogBinary is reviewdog reviewdogVersion built from the Go module
// proxy with go install, kept in the user's cache directory across runs
// (the build itself is in Go's build cache too). Without the module proxy
// the test skips, but fails under CI.
func reviewdogBinary(t *testing.T) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Skipf("no user cache directory for reviewdog's build: %v", err)
	}
	dir := filepath.Join(cache, "dflint-test", "reviewdog-"+reviewdogVersion)
	bin := filepath.Join(dir, "reviewdog")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	cmd := exec.Command("go", "install", "github.com/reviewdog/reviewdog/cmd/reviewdog@"+reviewdogVersion)
	cmd.Dir = t.TempDir() // outside dflint's module: reviewdog's own go.mod decides
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("go install reviewdog@%s: %v\n%s", reviewdogVersion, err, out)
		}
		t.Skipf("reviewdog %s could not be built from the Go module proxy: %v\n%s", reviewdogVersion, err, out)
	}
	return bin
}

// fakeGitHub answers the GitHub REST API calls that action/lint.sh (through
// gh) and reviewdog's github-pr-review and github-pr-annotations reporters
// make for pull request 7 of acme/app, from 127.0.0.1, and records the
// review and comments posted.
type fakeGitHub struct {
	srv           *httptest.Server
	diff          string   // the pull request's diff
	files         []string // the files it changes
	forbidReviews bool     // answer posts with 403, as to a read-only token

	mu         sync.Mutex
	reviews    []postedReview
	comments   []string // bodies of file-level comments
	unexpected []string
}

type postedReview struct {
	CommitID string `json:"commit_id"`
	Event    string `json:"event"`
	Body     string `json:"body"`
	Comments []struct {
		Path      string `json:"path"`
		Line      int    `json:"line"`
		StartLine int    `json:"start_line"`
		Side      string `json:"side"`
		Body      string `json:"body"`
	} `json:"comments"`
}

func newFakeGitHub(t *testing.T) *fakeGitHub {
	g := &fakeGitHub{}
	const pr = "/repos/acme/app/pulls/7"
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		defer g.mu.Unlock()
		body, _ := io.ReadAll(r.Body)
		forbidden := func() {
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"message": "Resource not accessible by integration"}`)
		}
		switch route := r.Method + " " + r.URL.Path; route {
		case "GET " + pr:
			if strings.Contains(r.Header.Get("Accept"), "diff") {
				io.WriteString(w, g.diff)
				return
			}
			io.WriteString(w, `{"number": 7}`)
		case "GET " + pr + "/files":
			var files []map[string]string
			for _, f := range g.files {
				files = append(files, map[string]string{"filename": f, "status": "modified"})
			}
			json.NewEncoder(w).Encode(files)
		case "GET " + pr + "/comments":
			io.WriteString(w, "[]")
		case "GET /repos/acme/app":
			io.WriteString(w, `{"html_url": "https://github.com/acme/app"}`)
		case "POST " + pr + "/reviews":
			if g.forbidReviews {
				forbidden()
				return
			}
			var rv postedReview
			if err := json.Unmarshal(body, &rv); err != nil {
				g.unexpected = append(g.unexpected, route+": "+err.Error())
			}
			g.reviews = append(g.reviews, rv)
			io.WriteString(w, `{"id": 1}`)
		case "POST " + pr + "/comments":
			if g.forbidReviews {
				forbidden()
				return
			}
			var c struct{ Body string }
			json.Unmarshal(body, &c)
			g.comments = append(g.comments, c.Body)
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"id": 2}`)
		default:
			g.unexpected = append(g.unexpected, route)
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(g.srv.Close)
	return g
}

// ghStandIn is `gh api [--paginate] [-H HEADER] PATH` answered by the fake
// API (gh itself speaks only HTTPS to a GitHub host).
const ghStandIn = `#!/bin/sh
header=
while [ $# -gt 0 ]; do
  case "$1" in
    api | --paginate) shift ;;
    -H) header="$2"; shift 2 ;;
    *) path="$1"; shift ;;
  esac
done
exec curl -sf -H "${header:-Accept: application/json}" "$FAKE_GITHUB_API/$path"
`

// The pull request: it bumps the base image (line 1), adds an apt-get RUN
// that two rules fix differently (line 3) and turns the CMD into a shell
// form (line 7). Line 4 has a finding with a fix that the pull request does
// not touch, and DF301's fix (with unsafe-fixes) reaches from line 1 into
// unchanged lines.
const (
	baseDockerfile = "FROM python:3.10\nWORKDIR /app\nRUN pip install flask==3.0.3\nCOPY . /app\nEXPOSE 8000\nCMD [\"gunicorn\", \"app:app\"]\n"
	headDockerfile = "FROM python:3.11\nWORKDIR /app\nRUN apt-get update && apt-get install curl\nRUN pip install flask==3.0.3\nCOPY . /app\nEXPOSE 8000\nCMD flask run\n"
)

type suggestion struct {
	path       string
	start, end int // lines of the head file it replaces
	text       string
}

// suggestions are the suggested changes of a review's comments: each
// ```suggestion block (the fence may be longer) with the comment's lines.
func (rv postedReview) suggestions() []suggestion {
	var out []suggestion
	for _, c := range rv.Comments {
		start := c.StartLine
		if start == 0 {
			start = c.Line
		}
		lines := strings.Split(c.Body, "\n")
		for i := 0; i < len(lines); i++ {
			fence, ok := strings.CutSuffix(lines[i], "suggestion")
			if !ok || len(fence) < 3 || strings.Trim(fence, "`") != "" {
				continue
			}
			var text []string
			for i++; i < len(lines) && lines[i] != fence; i++ {
				text = append(text, lines[i])
			}
			out = append(out, suggestion{c.Path, start, c.Line, strings.Join(text, "\n")})
		}
	}
	return out
}

// changedLines are the lines of the new files that a unified diff adds.
func changedLines(diff string) map[string]map[int]bool {
	hunk := regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@`)
	out := map[string]map[int]bool{}
	var file string
	line := 0
	for _, l := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "+++ b/"):
			file = strings.TrimPrefix(l, "+++ b/")
			out[file] = map[int]bool{}
		case hunk.MatchString(l):
			line, _ = strconv.Atoi(hunk.FindStringSubmatch(l)[1])
		case strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++"):
			out[file][line] = true
			line++
		case strings.HasPrefix(l, " "):
			line++
		}
	}
	return out
}

// patch is the suggestion as a unified diff that replaces lines start..end
// of the head file, with up to three lines of context from cur, the file as
// it is now: the head file itself, or the head file with the suggestions
// below this one applied (bottom up, the lines above keep their numbers). A
// suggestion another one already changed does not apply.
func (s suggestion) patch(head, cur []string) string {
	from := max(s.start-3, 1)
	to := min(s.end+3, len(cur))
	var b strings.Builder
	newLines := strings.Split(s.text, "\n")
	oldCount := (s.start - from) + (s.end - s.start + 1) + max(to-s.end, 0)
	newCount := oldCount - (s.end - s.start + 1) + len(newLines)
	fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n@@ -%d,%d +%d,%d @@\n", s.path, s.path, from, oldCount, from, newCount)
	for i := from; i < s.start; i++ {
		b.WriteString(" " + cur[i-1] + "\n")
	}
	for i := s.start; i <= s.end; i++ {
		b.WriteString("-" + head[i-1] + "\n")
	}
	for _, l := range newLines {
		b.WriteString("+" + l + "\n")
	}
	for i := s.end + 1; i <= to; i++ {
		b.WriteString(" " + cur[i-1] + "\n")
	}
	return b.String()
}

// The action's script with real reviewdog against a fake GitHub API, on a
// scratch repository whose pull request changes three lines of a
// Dockerfile: the review has one suggestion per line range, each inside the
// pull request's changed lines and applicable with git apply, nothing on
// the lines it does not change, and the job fails on the findings shown. A
// pull request from a fork, and a token whose review post gets 403, get
// annotations instead.
func TestReviewdogPostsReview(t *testing.T) {
	if testing.Short() {
		t.Skip("builds reviewdog and dflint; skipped with -short")
	}
	git := needTool(t, "git", "git")
	needTool(t, "jq", "jq")
	needTool(t, "curl", "curl")
	if a, _ := readAction(t); a.Inputs["reviewdog-version"].Default != reviewdogVersion {
		t.Errorf("the action runs reviewdog %s, this test %s: keep them equal", a.Inputs["reviewdog-version"].Default, reviewdogVersion)
	}
	reviewdog := reviewdogBinary(t)

	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "dflint"), "./cmd/dflint")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build dflint: %v\n%s", err, out)
	}
	if err := os.Symlink(reviewdog, filepath.Join(bin, "reviewdog")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "gh"), []byte(ghStandIn), 0o755); err != nil {
		t.Fatal(err)
	}

	// The scratch repository: main, then the pull request's commit.
	repo := filepath.Join(tmp, "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	gitRun := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(git, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	dockerfile := filepath.Join(repo, "Dockerfile")
	gitRun("init", "-q", "-b", "main")
	if err := os.WriteFile(dockerfile, []byte(baseDockerfile), 0o644); err != nil {
		t.Fatal(err)
	}
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "base")
	gitRun("checkout", "-q", "-b", "pr")
	if err := os.WriteFile(dockerfile, []byte(headDockerfile), 0o644); err != nil {
		t.Fatal(err)
	}
	gitRun("commit", "-q", "-am", "pr")
	headSHA := strings.TrimSpace(gitRun("rev-parse", "HEAD"))

	api := newFakeGitHub(t)
	api.diff = gitRun("diff", "main", "pr")
	api.files = []string{"Dockerfile"}
	changed := changedLines(api.diff)["Dockerfile"]
	if len(changed) != 3 || !changed[1] || !changed[3] || !changed[7] {
		t.Fatalf("the pull request changes lines %v, want 1, 3 and 7", changed)
	}

	// run is the action's script on the pull request, from repository
	// headRepo (acme/app, or a fork).
	run := func(t *testing.T, headRepo, unsafeFixes string) (stdout string, code int) {
		t.Helper()
		event := filepath.Join(tmp, "event.json")
		ev := fmt.Sprintf(`{"pull_request": {"number": 7, "head": {"sha": %q, "ref": "pr", "repo": {"full_name": %q}}},
			"repository": {"owner": {"login": "acme"}, "name": "app"}}`, headSHA, headRepo)
		if err := os.WriteFile(event, []byte(ev), 0o644); err != nil {
			t.Fatal(err)
		}
		runnerTemp := t.TempDir()
		cmd := exec.Command("bash", filepath.Join(repoRoot(t), "action", "lint.sh"))
		cmd.Dir = repo
		cmd.Env = append(os.Environ(),
			"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"RUNNER_TEMP="+runnerTemp, "GITHUB_ACTIONS=true", "GITHUB_EVENT_NAME=pull_request",
			"GITHUB_EVENT_PATH="+event, "GITHUB_REPOSITORY=acme/app", "GITHUB_ACTOR=someone",
			"GITHUB_API="+api.srv.URL+"/", "GITHUB_API_URL=", "FAKE_GITHUB_API="+api.srv.URL,
			"GH_TOKEN=fake", "REVIEWDOG_GITHUB_API_TOKEN=fake",
			"PR_NUMBER=7", "PR_HEAD_REPO="+headRepo,
			"INPUT_REPORTER=github-pr-review", "INPUT_FILTER_MODE=added", "INPUT_UNSAFE_FIXES="+unsafeFixes,
			"INPUT_PATHS=", "INPUT_FAIL_LEVEL=", "INPUT_LEVEL=", "INPUT_BASE_FAMILY=", "INPUT_ARGS=",
			"GIT_CONFIG_GLOBAL=/dev/null")
		var out, errOut strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		t.Logf("action/lint.sh exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
		return out.String(), code
	}

	// review runs the action and checks the review it posts; suggested are
	// the lines that must have a suggestion.
	review := func(t *testing.T, unsafeFixes string, suggested ...int) {
		api.mu.Lock()
		api.reviews = nil
		api.mu.Unlock()
		_, code := run(t, "acme/app", unsafeFixes)
		// DF501 on line 7 (a warning) fails the job: a finding the review shows.
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		api.mu.Lock()
		defer api.mu.Unlock()
		if len(api.unexpected) > 0 {
			t.Errorf("calls the fake API does not know: %v", api.unexpected)
		}
		if len(api.reviews) != 1 {
			t.Fatalf("%d reviews posted, want 1", len(api.reviews))
		}
		rv := api.reviews[0]
		for _, c := range rv.Comments {
			t.Logf("review comment on %s:%d-%d:\n%s", c.Path, c.StartLine, c.Line, c.Body)
		}
		if rv.CommitID != headSHA || rv.Event != "COMMENT" {
			t.Errorf("review on %s as %s, want %s as COMMENT", rv.CommitID, rv.Event, headSHA)
		}
		for _, c := range rv.Comments {
			if strings.Contains(c.Body, "reviewdog suggestion error") {
				t.Errorf("comment on %s:%d-%d has a suggestion GitHub cannot post:\n%s", c.Path, c.StartLine, c.Line, c.Body)
			}
			// Nothing on lines the pull request does not change: DF421
			// (line 4) and DF203 (line 5) stay out of the review.
			if strings.Contains(c.Body, "DF421") || strings.Contains(c.Body, "DF203") {
				t.Errorf("a comment about a line the pull request does not change, on %s:%d-%d:\n%s", c.Path, c.StartLine, c.Line, c.Body)
			}
		}
		for _, body := range api.comments {
			if strings.Contains(body, "DF421") || strings.Contains(body, "DF203") {
				t.Errorf("a file comment about a line the pull request does not change:\n%s", body)
			}
		}

		sugs := rv.suggestions()
		if len(sugs) == 0 {
			t.Fatal("the review suggests no change")
		}
		head := strings.Split(strings.TrimSuffix(headDockerfile, "\n"), "\n")
		for i, s := range sugs {
			if s.path != "Dockerfile" || s.start < 1 || s.end < s.start || s.end > len(head) {
				t.Errorf("suggestion %d on %s:%d-%d: not lines of the file", i, s.path, s.start, s.end)
				continue
			}
			for l := s.start; l <= s.end; l++ {
				if !changed[l] {
					t.Errorf("suggestion on lines %d-%d reaches line %d, which the pull request does not change:\n%s", s.start, s.end, l, s.text)
				}
			}
			for j, o := range sugs[:i] {
				if o.path == s.path && o.start <= s.end && s.start <= o.end {
					t.Errorf("suggestions %d (lines %d-%d) and %d (lines %d-%d) overlap: accepting one undoes the other:\n%s\n---\n%s",
						j, o.start, o.end, i, s.start, s.end, o.text, s.text)
				}
			}
		}
		// Line 3's suggestion does what both DF401 (-y) and DF403 (remove the
		// apt lists) ask.
		for _, l := range suggested {
			n := 0
			for _, s := range sugs {
				if s.start <= l && l <= s.end {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d suggestions on line %d, want 1", n, l)
			}
		}
		for _, s := range sugs {
			if s.start == 3 && (!strings.Contains(s.text, " -y ") || !strings.Contains(s.text, "rm -rf /var/lib/apt/lists/*")) {
				t.Errorf("line 3's suggestion does not merge DF401's and DF403's fixes: %q", s.text)
			}
		}

		// Each suggestion is a patch git apply takes on the pull request's
		// file; applied together (bottom up), the file still parses.
		for i, s := range sugs {
			p := filepath.Join(tmp, fmt.Sprintf("suggestion-%d.patch", i))
			if err := os.WriteFile(p, []byte(s.patch(head, head)), 0o644); err != nil {
				t.Fatal(err)
			}
			check := exec.Command(git, "apply", "--check", p)
			check.Dir = repo
			if out, err := check.CombinedOutput(); err != nil {
				t.Errorf("suggestion %d (lines %d-%d) does not apply: %v\n%s\n%s", i, s.start, s.end, err, out, s.patch(head, head))
			}
		}
		applied := append([]suggestion(nil), sugs...)
		for i := len(applied) - 1; i >= 0; i-- {
			// Bottom up, so that the lines above stay where they were.
			top := 0
			for j := range applied[:i+1] {
				if applied[j].start > applied[top].start {
					top = j
				}
			}
			applied[top], applied[i] = applied[i], applied[top]
			b, err := os.ReadFile(dockerfile)
			if err != nil {
				t.Fatal(err)
			}
			cur := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			p := filepath.Join(tmp, "one.patch")
			if err := os.WriteFile(p, []byte(applied[i].patch(head, cur)), 0o644); err != nil {
				t.Fatal(err)
			}
			apply := exec.Command(git, "apply", p)
			apply.Dir = repo
			if out, err := apply.CombinedOutput(); err != nil {
				t.Errorf("suggestions applied together: lines %d-%d: %v\n%s", applied[i].start, applied[i].end, err, out)
			}
		}
		lint := exec.Command(filepath.Join(bin, "dflint"), "lint", "--fail-level", "none", "Dockerfile")
		lint.Dir = repo
		if out, err := lint.CombinedOutput(); err != nil {
			t.Errorf("after every suggestion, dflint lint: %v\n%s", err, out)
		}
		gitRun("checkout", "-q", "--", "Dockerfile")
	}

	// Safe fixes: line 3's apt-get gets one suggestion with both fixes,
	// line 7's CMD one.
	t.Run("review", func(t *testing.T) { review(t, "false", 3, 7) })
	// With unsafe fixes, DF104's new base image on line 1 too; DF301's fix
	// reaches lines the pull request does not change, so it is a comment
	// with a diff, not a suggestion.
	t.Run("review with unsafe fixes", func(t *testing.T) { review(t, "true", 1, 7) })

	// An annotation is ::warning PARAMS::MESSAGE, PARAMS key=value pairs in
	// any order (reviewdog's toolkit writes them from a map).
	annotations := regexp.MustCompile(`(?m)^::warning ([^:]*)::`)
	checkAnnotations := func(t *testing.T, stdout string) {
		t.Helper()
		lines := map[int]bool{}
		for _, m := range annotations.FindAllStringSubmatch(stdout, -1) {
			params := map[string]string{}
			for _, kv := range strings.Split(m[1], ",") {
				k, v, _ := strings.Cut(kv, "=")
				params[k] = v
			}
			if params["file"] != "Dockerfile" {
				t.Errorf("an annotation on %q, want Dockerfile: %s", params["file"], m[0])
				continue
			}
			l, _ := strconv.Atoi(params["line"])
			lines[l] = true
		}
		for _, l := range []int{1, 3, 7} {
			if !lines[l] {
				t.Errorf("no annotation on changed line %d", l)
			}
		}
		for l := range lines {
			if !changed[l] {
				t.Errorf("an annotation on line %d, which the pull request does not change", l)
			}
		}
	}

	t.Run("fork", func(t *testing.T) {
		api.mu.Lock()
		posted := len(api.reviews)
		api.mu.Unlock()
		stdout, code := run(t, "someone/app", "false")
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if !strings.Contains(stdout, "annotations instead (github-pr-annotations)") {
			t.Error("the log does not say why there are annotations rather than a review")
		}
		checkAnnotations(t, stdout)
		api.mu.Lock()
		defer api.mu.Unlock()
		if len(api.reviews) != posted {
			t.Error("a review was posted for a fork's pull request")
		}
	})

	t.Run("read-only token", func(t *testing.T) {
		api.mu.Lock()
		api.forbidReviews = true
		api.mu.Unlock()
		stdout, code := run(t, "acme/app", "false")
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if !strings.Contains(stdout, "could not post a review with this token") {
			t.Error("the log does not say the review post was refused")
		}
		checkAnnotations(t, stdout)
	})
}

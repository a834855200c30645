//go:build unix

package shellcheck

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeShellCheck writes a stand-in for shellcheck: each run appends a line
// to the file runs ("version" or the number of scripts); it answers
// --version like ShellCheck, and for each script file reports one comment
// whose message is the script's last line and whose code is the --shell
// given (1 for sh, 2 for bash), so that a test sees which script a comment
// was mapped to. A script holding FAIL makes the whole run fail, and one
// holding SLOW makes it sleep first.
func fakeShellCheck(t *testing.T) (bin, runs string) {
	t.Helper()
	dir := t.TempDir()
	bin, runs = filepath.Join(dir, "shellcheck"), filepath.Join(dir, "runs")
	script := `#!/bin/sh
if [ "$1" = --version ]; then
	echo version >> '` + runs + `'
	printf 'ShellCheck - shell script analysis tool\nversion: 0.9.0\n'
	exit 0
fi
code=0; files=""; n=0
for a; do
	case "$a" in
	--shell=sh) code=1 ;;
	--shell=bash) code=2 ;;
	--) ;;
	-*) ;;
	*) files="$files $a"; n=$((n+1)) ;;
	esac
done
echo "$n" >> '` + runs + `'
if grep -q SLOW $files; then sleep 1; fi
if grep -q FAIL $files; then echo "shellcheck: internal error" >&2; exit 3; fi
printf '{"comments":['
sep=""
for f in $files; do
	msg=$(tail -n 1 "$f")
	printf '%s{"file":"%s","line":1,"endLine":1,"column":1,"endColumn":2,"level":"info","code":%s,"message":"%s"}' "$sep" "$f" "$code" "$msg"
	sep=,
done
printf ']}\n'
exit 1
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, runs
}

// runLog is what the fake wrote to its runs file: one entry per process.
func runLog(t *testing.T, runs string) []string {
	t.Helper()
	b, err := os.ReadFile(runs)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

func scripts(shell string, msgs ...string) []Script {
	out := make([]Script, len(msgs))
	for i, m := range msgs {
		out[i] = Script{Text: "#!/bin/" + shell + "\necho hi\n" + m + "\n", Shell: shell}
	}
	return out
}

// messages are the message of each result's one comment, or its error.
func messages(t *testing.T, res []Result) []string {
	t.Helper()
	out := make([]string, len(res))
	for i, r := range res {
		switch {
		case r.Err != nil:
			out[i] = "error"
		case len(r.Comments) != 1:
			t.Fatalf("result %d: want one comment, got %+v", i, r.Comments)
		default:
			out[i] = fmt.Sprintf("%s/%d", r.Comments[0].Message, r.Comments[0].Code)
		}
	}
	return out
}

func TestOneProcessChecksManyScriptsAndMapsThemBack(t *testing.T) {
	bin, runs := fakeShellCheck(t)
	c := New(Options{Bin: bin, Procs: 1})
	in := append(scripts("sh", "a", "b", "c"), scripts("bash", "d")...)
	res, err := c.Check(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(messages(t, res), " "), "a/1 b/1 c/1 d/2"; got != want {
		t.Errorf("results: %s, want %s", got, want)
	}
	// One process per dialect (--shell applies to every file of a run);
	// no cache, so no --version.
	if got := runLog(t, runs); strings.Join(got, " ") != "3 1" {
		t.Errorf("runs: %v, want [3 1]", got)
	}
}

func TestWarmCacheStartsNoProcess(t *testing.T) {
	bin, runs := fakeShellCheck(t)
	cache := t.TempDir()
	in := scripts("sh", "a", "b", "c")
	first, err := New(Options{Bin: bin, CacheDir: cache}).Check(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	before := runLog(t, runs)
	if strings.Join(before, " ") != "version 3" {
		t.Fatalf("cold runs: %v, want [version 3]", before)
	}
	c := New(Options{Bin: bin, CacheDir: cache}) // a new run
	second, err := c.Check(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if after := runLog(t, runs); len(after) != len(before) {
		t.Errorf("a warm run started processes: %v", after[len(before):])
	}
	if a, b := messages(t, first), messages(t, second); strings.Join(a, " ") != strings.Join(b, " ") {
		t.Errorf("cached results differ: %v, then %v", a, b)
	}
	if st := c.Stats(); st.CacheHits != 3 || st.Processes != 0 {
		t.Errorf("stats %+v, want 3 hits and no process", st)
	}

	// What determines a result is in the key: another dialect, other
	// options or another ShellCheck version are checked again.
	New(Options{Bin: bin, CacheDir: cache}).Check(context.Background(), scripts("bash", "a"))
	New(Options{Bin: bin, CacheDir: cache, Args: []string{"--exclude=SC2086"}}).Check(context.Background(), scripts("sh", "a"))
	got := runLog(t, runs)[len(before):]
	if strings.Join(got, " ") != "1 1" {
		t.Errorf("runs for another dialect and other options: %v, want [1 1]", got)
	}
	// A new binary (size and time differ) asks its version again.
	if err := os.WriteFile(bin, append(must(os.ReadFile(bin)), "\n# 0.10.0\n"...), 0o755); err != nil {
		t.Fatal(err)
	}
	New(Options{Bin: bin, CacheDir: cache}).Check(context.Background(), scripts("sh", "a"))
	if got := runLog(t, runs)[len(before)+2:]; len(got) != 1 || got[0] != "version" {
		t.Errorf("after replacing the binary: %v, want [version] (same version: cached results hold)", got)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// A script that makes shellcheck fail costs its own result only: the
// batch is split until the failing script is alone.
func TestFailingScriptDoesNotLoseTheOthers(t *testing.T) {
	bin, _ := fakeShellCheck(t)
	c := New(Options{Bin: bin, Procs: 1})
	res, err := c.Check(context.Background(), scripts("sh", "a", "b", "FAIL", "d", "e"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(messages(t, res), " "); got != "a/1 b/1 error d/1 e/1" {
		t.Errorf("results: %s", got)
	}
	if !strings.Contains(res[2].Err.Error(), "internal error") {
		t.Errorf("the error does not quote shellcheck: %v", res[2].Err)
	}
}

// Requests that arrive while the processes are busy go together in the
// next batch.
func TestConcurrentRequestsShareBatches(t *testing.T) {
	bin, runs := fakeShellCheck(t)
	c := New(Options{Bin: bin, Procs: 1})
	first := make(chan struct{})
	go func() {
		c.Check(context.Background(), scripts("sh", "SLOW"))
		close(first)
	}()
	waitFor(t, func() bool { return c.Stats().Processes == 1 })
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := c.Check(context.Background(), scripts("sh", fmt.Sprint("s", i)))
			if err != nil || messages(t, res)[0] != fmt.Sprintf("s%d/1", i) {
				t.Errorf("request %d: %v %v", i, res, err)
			}
		}()
	}
	waitFor(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return len(c.queue) == 20
	})
	<-first
	wg.Wait()
	if got := runLog(t, runs); strings.Join(got, " ") != "1 20" {
		t.Errorf("runs: %v, want [1 20]", got)
	}
}

// The same script asked for twice at once is checked once.
func TestSameScriptCheckedOnce(t *testing.T) {
	bin, runs := fakeShellCheck(t)
	c := New(Options{Bin: bin, Procs: 1})
	res, err := c.Check(context.Background(), scripts("sh", "a", "a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(messages(t, res), " "); got != "a/1 a/1 b/1" {
		t.Errorf("results: %s", got)
	}
	if got := runLog(t, runs); strings.Join(got, " ") != "2" {
		t.Errorf("runs: %v, want [2]", got)
	}
}

// A cancelled request returns at once; scripts only it waited for are
// not checked, and its running process is killed.
func TestCancelledRequest(t *testing.T) {
	bin, _ := fakeShellCheck(t)
	c := New(Options{Bin: bin, Procs: 1})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Check(ctx, scripts("sh", "SLOW"))
		done <- err
	}()
	waitFor(t, func() bool { return c.Stats().Processes == 1 })
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Check did not return after its context was cancelled")
	}
	// The slot is free again, and the same script asked anew is checked.
	res, err := c.Check(context.Background(), scripts("sh", "after"))
	if err != nil || messages(t, res)[0] != "after/1" {
		t.Errorf("after the cancel: %v %v", res, err)
	}
}

func TestPruneRemovesOldEntries(t *testing.T) {
	dir := t.TempDir()
	d := openCache(dir)
	now := time.Now()
	d.now = func() time.Time { return now }
	old, fresh := strings.Repeat("a", 64), strings.Repeat("b", 64)
	d.write(filepath.Join(d.dir, old[:2], old+".json"), []byte("[]"))
	os.Chtimes(d.path(old), now.Add(-MaxAge-time.Hour), now.Add(-MaxAge-time.Hour))
	d.put(fresh, []Comment{}) // the first write of a run prunes
	if _, ok := d.get(old); ok {
		t.Error("an entry unused for longer than MaxAge is still there")
	}
	if _, ok := d.get(fresh); !ok {
		t.Error("the fresh entry is gone")
	}
	// At most once a day.
	d2 := openCache(dir)
	d2.write(d.path(old), []byte("[]"))
	os.Chtimes(d.path(old), now.Add(-MaxAge-time.Hour), now.Add(-MaxAge-time.Hour))
	d2.put(fresh, []Comment{})
	if _, err := os.Stat(d.path(old)); err != nil {
		t.Error("pruned twice in a day")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

package registry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
)

// An error body is someone else's text on its way to a terminal or a CI
// log: 60 KiB of it (go-containerregistry reads up to 64) with escape
// sequences comes out short and inert.
func TestErrorBodyCutAndCleaned(t *testing.T) {
	body := "\x1b[2J\x1b]0;pwned\x07::error file=x::injected\r\n" + strings.Repeat("secret-line\n", 60<<10/12) // under ggcr's 64 KiB error-body limit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/" {
			return
		}
		w.WriteHeader(http.StatusTeapot)
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	_, err := newClient(t, Options{Retries: -1}).Digest(context.Background(), host+"/x:1")
	if err == nil {
		t.Fatal("no error from a registry that answers 418")
	}
	msg := err.Error()
	if !strings.Contains(msg, "HTTP 418") || !strings.Contains(msg, "more bytes not shown") {
		t.Errorf("error = %q, want the status and a note that the body was cut", msg)
	}
	if len(msg) > 2*maxErrorDetail+200 {
		t.Errorf("error is %d bytes long, want it cut near %d", len(msg), maxErrorDetail)
	}
	for _, r := range msg {
		if unicode.IsControl(r) {
			t.Fatalf("error holds the control character %U: %q", r, msg)
		}
	}
}

func TestCleanDetail(t *testing.T) {
	for in, want := range map[string]string{
		"plain message":                 "plain message",
		"a\x1b[31mred\x1b[0m\r\nline":   "a [31mred [0m line",
		"bidi \u202eevil\u202c end":     "bidi evil end",
		"bad utf-8 \xff here\x00\x7f\t": "bad utf-8 \uFFFD here",
	} {
		if got := cleanDetail(in); got != want {
			t.Errorf("cleanDetail(%q) = %q, want %q", in, got, want)
		}
	}
}

// A registry that never answers holds a run no longer than its deadline,
// however many images the run asks about: the per-question time limit
// alone (30 s) made 24 images take 91 s.
func TestRunDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	host := strings.TrimPrefix(srv.URL, "http://")
	c := newClient(t, Options{Deadline: time.Now().Add(time.Second), Concurrency: 8})
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, 24)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.Digest(context.Background(), fmt.Sprintf("%s/img%d:1", host, i))
		}()
	}
	wg.Wait()
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("24 look-ups at a hanging registry took %s with a 1s run deadline", d)
	}
	for i, err := range errs {
		if !errors.Is(err, ErrDeadline) || !strings.Contains(err.Error(), "--registry-timeout") {
			t.Errorf("image %d: error = %v, want one that says the run's registry time is used up", i, err)
		}
	}
	// After the deadline, a new question fails at once, without a request.
	start = time.Now()
	if _, err := c.Tags(context.Background(), host+"/other"); !errors.Is(err, ErrDeadline) || time.Since(start) > 100*time.Millisecond {
		t.Errorf("question after the deadline: %v after %s, want ErrDeadline at once", err, time.Since(start))
	}
}

// endlessTags is a registry whose tag list never ends: every page links to
// the next. Each page holds tagsPerPage tags of tagLen bytes.
func endlessTags(t *testing.T, tagsPerPage, tagLen int) (host string, pages *atomic.Int64) {
	t.Helper()
	pages = new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/" {
			return
		}
		n := pages.Add(1)
		if n > 5000 {
			// A safety stop, so that a client without a cap ends too
			// (and the test reports it instead of hanging).
			w.Write([]byte(`{"name":"x","tags":[]}`))
			return
		}
		w.Header().Set("Link", fmt.Sprintf(`</v2/x/tags/list?last=p%d&n=1000>; rel="next"`, n))
		tags := make([]string, tagsPerPage)
		for i := range tags {
			tags[i] = fmt.Sprintf("%0*d", tagLen, int(n)*tagsPerPage+i)
		}
		fmt.Fprintf(w, `{"name":"x","tags":["%s"]}`, strings.Join(tags, `","`))
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), pages
}

func TestEndlessTagPages(t *testing.T) {
	host, pages := endlessTags(t, 1, 8)
	_, err := newClient(t, Options{}).Tags(context.Background(), host+"/x")
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), fmt.Sprintf("past %d pages", maxTagPages)) {
		t.Errorf("error = %v, want one that says the list went past %d pages", err, maxTagPages)
	}
	if n := pages.Load(); n != maxTagPages {
		t.Errorf("%d pages asked for, want %d", n, maxTagPages)
	}
}

// Pages of long tags stop at the byte cap, and memory stays near it.
func TestTagListByteCap(t *testing.T) {
	host, _ := endlessTags(t, 1000, 200)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := newClient(t, Options{}).Tags(context.Background(), host+"/x")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "over 16 MiB") {
		t.Errorf("error = %v, want one that says the list is over the cap", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 512<<20 {
		t.Errorf("the look-up allocated %d MiB", grew>>20)
	}
}

// One answer larger than the cap is refused, not read into memory whole.
func TestResponseBodyCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/" {
			return
		}
		w.Write([]byte(`{"name":"x","tags":["`))
		chunk := []byte(strings.Repeat("a", 1<<20))
		for range maxResponseBytes>>20 + 4 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
		w.Write([]byte(`"]}`))
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	_, err := newClient(t, Options{Retries: -1}).Tags(context.Background(), host+"/x")
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "dflint reads no more") {
		t.Errorf("error = %v, want one that says the answer is over the cap", err)
	}
}

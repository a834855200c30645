package registry

// What dflint lets a registry cost it, and say through it. A registry is
// someone else's server: a mirror named in a repository's config, or one
// that misbehaves, must not hold a run for long, fill its memory, read the
// user's credentials, or write into the CI log through an error message.

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

const (
	// maxResponseBytes caps each response body dflint reads: manifests,
	// image configs and pages of tags are kilobytes, and dflint never
	// downloads layers.
	maxResponseBytes = 16 << 20
	// maxTagPages and maxTagListBytes cap a tag list that a registry
	// splits into pages (Link: next): 200 pages of the 1,000 tags asked
	// for each, and 16 MiB of tags (names, and the string each takes).
	// The largest public repositories have tens of thousands of tags.
	maxTagPages     = 200
	maxTagListBytes = 16 << 20
	// maxErrorDetail is how much of what a registry said an error shows:
	// enough for its message, too little to read a file back through it.
	maxErrorDetail = 300
)

// ErrTooLarge is wrapped by the errors of answers over the caps above.
var ErrTooLarge = errors.New("the registry's answer is too large")

// capBodies makes every response body of t fail once it passes
// maxResponseBytes, so that no answer is read into memory whole.
func capBodies(t http.RoundTripper) http.RoundTripper {
	return cappedTransport{t}
}

type cappedTransport struct{ inner http.RoundTripper }

func (t cappedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(r)
	if err == nil && resp.Body != nil {
		resp.Body = &cappedBody{ReadCloser: resp.Body, left: maxResponseBytes}
	}
	return resp, err
}

type cappedBody struct {
	io.ReadCloser
	left int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// At the cap: the answer is complete only if nothing follows.
		var one [1]byte
		n, err := b.ReadCloser.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w: over %d MiB in one response; dflint reads no more", ErrTooLarge, maxResponseBytes>>20)
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	return n, err
}

// mayBePlainHTTP tells whether go-containerregistry may talk to reg over
// plain HTTP: it does, after trying HTTPS, for an http:// mirror
// (name.Insecure), localhost, loopback and private addresses.
func mayBePlainHTTP(reg name.Registry) bool { return reg.Scheme() == "http" }

// authFor is how requests to reg authenticate: with the keychain's
// credentials only where nothing can carry them in clear text. A registry
// that may be reached over plain HTTP is asked anonymously, whoever named
// it: a password or token sent there can be read on the way, and a
// repository's config could name such a host just to collect it.
func (c *Client) authFor(reg name.Registry) remote.Option {
	if mayBePlainHTTP(reg) {
		return remote.WithAuth(authn.Anonymous)
	}
	return remote.WithAuthFromKeychain(c.keychain)
}

// cleanDetail makes text a registry sent (an error body) fit to print:
// control and format characters (escape sequences, carriage returns,
// bidirectional overrides) become spaces, runs of spaces one, invalid
// UTF-8 a replacement character, and it is cut to maxErrorDetail bytes.
func cleanDetail(s string) string {
	var b strings.Builder
	space := false
	for i, r := range s {
		if b.Len() >= maxErrorDetail {
			return strings.TrimSpace(b.String()) + fmt.Sprintf(" … (%d more bytes not shown)", len(s)-i)
		}
		switch {
		case r == utf8.RuneError:
			r = '\uFFFD'
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r):
			r = ' '
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// detailError is an error whose message was cleaned for printing; the
// original stays reachable for errors.Is and errors.As.
type detailError struct {
	msg string
	err error
}

func (e *detailError) Error() string { return e.msg }
func (e *detailError) Unwrap() error { return e.err }

package registry

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
)

// ParseMirror reads a mirror setting, "REGISTRY=HOST[:PORT]" as given to
// --registry-mirror (docker.io=mirror.example:5000). The host may carry a
// scheme: "http://" for a mirror without TLS on a public address (loopback
// and private addresses are plain HTTP already, as in Docker), "https://"
// otherwise. Like the Docker daemon's registry-mirrors, a mirror serves the
// repositories under their own path (library/python for python), and the
// Dockerfile keeps naming the image as before.
func ParseMirror(s string) (registry, host string, err error) {
	reg, h, ok := strings.Cut(s, "=")
	reg, h = strings.TrimSpace(reg), strings.TrimSpace(h)
	if !ok || reg == "" || h == "" {
		return "", "", fmt.Errorf("invalid registry mirror %q: write REGISTRY=HOST[:PORT], e.g. docker.io=mirror.example:5000", s)
	}
	if strings.ContainsAny(reg, "/:") && !strings.Contains(reg, ".") {
		return "", "", fmt.Errorf("invalid registry mirror %q: %q is not a registry host such as docker.io or ghcr.io", s, reg)
	}
	if _, err := parseMirrorHost(h); err != nil {
		return "", "", fmt.Errorf("invalid registry mirror %q: %w", s, err)
	}
	return reg, h, nil
}

// mirror is one parsed mirror host.
type mirror struct {
	host     string // host[:port]
	insecure bool   // http:// given
}

func parseMirrorHost(h string) (mirror, error) {
	m := mirror{host: h}
	if strings.Contains(h, "://") {
		u, err := url.Parse(h)
		if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			return mirror{}, fmt.Errorf("%q is not a mirror address: give HOST[:PORT], optionally with http:// or https://", h)
		}
		switch u.Scheme {
		case "http":
			m.insecure = true
		case "https":
		default:
			return mirror{}, fmt.Errorf("%q: the scheme must be http or https", h)
		}
		m.host = u.Host
	}
	if _, err := name.NewRegistry(m.host, name.WeakValidation); err != nil || strings.ContainsAny(m.host, "/ ") {
		return mirror{}, fmt.Errorf("%q is not a registry host: give HOST[:PORT]", h)
	}
	return m, nil
}

func (m mirror) registry() (name.Registry, error) {
	opts := []name.Option{name.WeakValidation}
	if m.insecure {
		opts = append(opts, name.Insecure)
	}
	return name.NewRegistry(m.host, opts...)
}

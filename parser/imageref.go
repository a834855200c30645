package parser

import (
	"strings"

	"github.com/distribution/reference"
)

// ImageRef is a parsed image reference such as "python:3.12-slim" or
// "gcr.io/distroless/static-debian12:nonroot@sha256:…".
type ImageRef struct {
	// Original is the reference as written (after ARG expansion).
	Original string
	// Domain is the registry host, "docker.io" for Docker Hub.
	Domain string
	// Path is the repository path on the registry ("library/python").
	Path string
	// Tag is "" when the reference has none.
	Tag string
	// Digest is "" or "sha256:…".
	Digest string
}

// ParseImageRef parses an image reference the way Docker does.
func ParseImageRef(s string) (ImageRef, error) {
	named, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return ImageRef{}, err
	}
	r := ImageRef{Original: s, Domain: reference.Domain(named), Path: reference.Path(named)}
	if t, ok := named.(reference.Tagged); ok {
		r.Tag = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		r.Digest = d.Digest().String()
	}
	return r, nil
}

// IsDockerHub tells whether the image lives on Docker Hub.
func (r ImageRef) IsDockerHub() bool { return r.Domain == "docker.io" }

// WithTag is the repository with another tag: "python:3.12-slim".
func (r ImageRef) WithTag(tag string) string { return r.Repository() + ":" + tag }

// Repository is the familiar repository name: "python" for an official
// Docker Hub image, "bitnami/redis", "gcr.io/distroless/static-debian12".
func (r ImageRef) Repository() string {
	if r.IsDockerHub() {
		return strings.TrimPrefix(r.Path, "library/")
	}
	return r.Domain + "/" + r.Path
}

// Name is the last path element: "python", "static-debian12".
func (r ImageRef) Name() string {
	if i := strings.LastIndexByte(r.Path, '/'); i >= 0 {
		return r.Path[i+1:]
	}
	return r.Path
}

// IsWindows tells whether the reference names a Windows base image.
func (r ImageRef) IsWindows() bool {
	p := strings.ToLower(r.Domain + "/" + r.Path)
	t := strings.ToLower(r.Tag)
	return strings.HasPrefix(p, "mcr.microsoft.com/windows") ||
		strings.Contains(p, "windowsservercore") || strings.Contains(p, "nanoserver") ||
		strings.Contains(t, "windowsservercore") || strings.Contains(t, "nanoserver") ||
		strings.Contains(t, "ltsc20")
}

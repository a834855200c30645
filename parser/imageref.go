package parser

import (
	"strings"
	"sync"
	"sync/atomic"

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
//
// Answers are remembered: the same few references (python:3.12,
// debian:bookworm-slim) come back in file after file, and the reference
// grammar's regular expression is a noticeable part of a corpus lint. The
// memory is bounded, so that a file of many distinct references (or a
// language server open for days) cannot grow it without end.
func ParseImageRef(s string) (ImageRef, error) {
	if r, ok := imageRefs.Load(s); ok {
		c := r.(cachedRef)
		return c.ref, c.err
	}
	ref, err := parseImageRef(s)
	if imageRefCount.Add(1) <= maxCachedImageRefs {
		imageRefs.Store(s, cachedRef{ref, err})
	}
	return ref, err
}

// maxCachedImageRefs bounds ParseImageRef's memory: a real corpus of
// thousands of files names a few hundred distinct references.
const maxCachedImageRefs = 8192

var (
	imageRefs     sync.Map // string → cachedRef
	imageRefCount atomic.Int64
)

type cachedRef struct {
	ref ImageRef
	err error
}

func parseImageRef(s string) (ImageRef, error) {
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

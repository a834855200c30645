// Package fakeregistry is an in-memory stand-in for a registry client, for
// tests of the rules and fixes that ask registries: it answers from maps
// and never opens a connection.
package fakeregistry

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/dflint/dflint/internal/registry"
	"github.com/distribution/reference"
)

// Registry answers from its maps. Keys are references as Docker reads them,
// in any spelling: "python:3.12", "docker.io/library/python:3.12" and
// "python" (meaning python:latest) name the same entries; TagLists is keyed
// by repository ("python", "ghcr.io/org/app").
type Registry struct {
	Digests  map[string]string
	TagLists map[string][]string
	Images   map[string]registry.Image
	// Err, when set, is the answer to every question.
	Err error

	mu    sync.Mutex
	asked []string
}

// Asked lists the questions asked so far, in order ("digest python:3.12").
func (r *Registry) Asked() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.asked...)
}

func (r *Registry) note(q string) {
	r.mu.Lock()
	r.asked = append(r.asked, q)
	r.mu.Unlock()
}

func canonical(ref string) string {
	n, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return ref
	}
	return reference.TagNameOnly(n).String()
}

func (r *Registry) lookupDigest(ref string) (string, bool) {
	want := canonical(ref)
	for k, v := range r.Digests {
		if canonical(k) == want {
			return v, true
		}
	}
	return "", false
}

// Digest implements rules.Registry.
func (r *Registry) Digest(_ context.Context, ref string) (string, error) {
	r.note("digest " + ref)
	if r.Err != nil {
		return "", r.Err
	}
	if d, ok := r.lookupDigest(ref); ok {
		return d, nil
	}
	if n, err := reference.ParseNormalizedNamed(ref); err == nil {
		if d, ok := n.(reference.Digested); ok {
			return d.Digest().String(), nil
		}
	}
	return "", fmt.Errorf("fake registry: no image %s", ref)
}

// Tags implements rules.Registry.
func (r *Registry) Tags(_ context.Context, repo string) ([]string, error) {
	r.note("tags " + repo)
	if r.Err != nil {
		return nil, r.Err
	}
	want := repo
	if n, err := reference.ParseNormalizedNamed(repo); err == nil {
		want = n.Name()
	}
	for k, v := range r.TagLists {
		if n, err := reference.ParseNormalizedNamed(k); err == nil && n.Name() == want {
			out := append([]string(nil), v...)
			sort.Strings(out)
			return out, nil
		}
	}
	return nil, fmt.Errorf("fake registry: no repository %s", repo)
}

// Image implements rules.Registry; the platform is ignored.
func (r *Registry) Image(_ context.Context, ref, platform string) (registry.Image, error) {
	r.note("image " + ref)
	if r.Err != nil {
		return registry.Image{}, r.Err
	}
	want := canonical(ref)
	for k, v := range r.Images {
		if canonical(k) == want {
			return v, nil
		}
	}
	return registry.Image{}, fmt.Errorf("fake registry: no image %s", ref)
}

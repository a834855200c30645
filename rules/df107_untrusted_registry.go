package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:           "DF107",
	Name:         "untrusted-registry",
	Severity:     Error,
	Summary:      "a base image (or `COPY --from` or `RUN --mount from=` image) from a registry that is not trusted",
	ExampleFlags: "--trusted-registry registry.example.com",
	ExampleOptions: func(o *Options) {
		o.TrustedRegistries = []string{"registry.example.com"}
	},
	Aliases: []string{"DL3026"},
	Check:   checkUntrustedRegistry,
})

func checkUntrustedRegistry(p *Pass) {
	trusted := p.Options.TrustedRegistries
	if len(trusted) == 0 {
		return
	}
	f := p.File
	for _, s := range f.Stages {
		if s.BaseStage != nil || s.IsScratch() {
			continue
		}
		ref, ok := s.Image()
		if !ok || registryTrusted(ref, trusted) {
			continue
		}
		start, end := reportRange(s.From)
		p.Report(start, end, untrustedMessage("FROM", ref, trusted), nil)
	}
	for _, in := range f.Instructions {
		if in.Stage == nil {
			continue
		}
		switch c := in.Command.(type) {
		case *instructions.CopyCommand:
			if ref, ok := untrustedSource(in, c.From, trusted); ok {
				start, end := flagRange(in, "--from=")
				p.Report(start, end, untrustedMessage("COPY --from", ref, trusted), nil)
			}
		case *instructions.RunCommand:
			// BuildKit pulls the image a mount names in from=, whatever the
			// mount's type (dockerfile2llb detectRunMount, v0.34.2), so
			// every mount is judged, not only hadolint's bind and cache.
			for _, m := range shellcmd.RunMounts(in) {
				if ref, ok := untrustedSource(in, m.From, trusted); ok {
					start, end := flagRange(in, m.Flag)
					p.Report(start, end, untrustedMessage("RUN --mount", ref, trusted), nil)
				}
			}
		}
	}
}

// untrustedSource tells whether from, the source of a COPY --from or a RUN
// --mount from=, is an image from an untrusted registry rather than a
// stage, scratch, or a name whose variables have no value here.
func untrustedSource(in *parser.Instruction, from string, trusted []string) (parser.ImageRef, bool) {
	if from == "" {
		return parser.ImageRef{}, false
	}
	from, ok := shellcmd.ExpandWord(in, from)
	if !ok || from == "" || in.File.StageRef(from, -1) != nil || strings.EqualFold(from, "scratch") {
		return parser.ImageRef{}, false
	}
	ref, err := parser.ParseImageRef(from)
	if err != nil || registryTrusted(ref, trusted) {
		return parser.ImageRef{}, false
	}
	return ref, true
}

// flagRange is the byte range of the flag that starts with prefix (matched
// without regard to case), or the whole instruction when it cannot be found.
func flagRange(in *parser.Instruction, prefix string) (start, end int) {
	start, end = in.Start, in.End
	lg := in.Logical()
	if lg == nil {
		return start, end
	}
	i := strings.Index(strings.ToLower(lg.Text), strings.ToLower(prefix))
	if i < 0 {
		return start, end
	}
	j := i
	for j < len(lg.Text) && !isSpaceByte(lg.Text[j]) {
		j++
	}
	return lg.FileOffset(i), lg.FileOffset(j-1) + 1
}

func untrustedMessage(where string, ref parser.ImageRef, trusted []string) string {
	registry := ref.Domain
	if ref.IsDockerHub() {
		registry = "docker.io (Docker Hub)"
	}
	return fmt.Sprintf("%s pulls %q from %s, which is not a trusted registry (%s): use the image from a trusted registry or mirror",
		where, ref.Original, registry, strings.Join(trusted, ", "))
}

// registryTrusted tells whether an image comes from one of the trusted
// entries. An entry is a registry host (with its port), optionally followed
// by a path prefix ("ghcr.io/my-org"); the host may be a glob as in
// hadolint's trustedRegistries (DL3026, hadolint 2.15.1 src/Hadolint/Rule/
// DL3026.hs matchRegistry, read 2026-12-07): "*" is any registry,
// "*.example.com" (or "*example.com") any host ending so, "registry.*" any
// host starting so.
func registryTrusted(ref parser.ImageRef, trusted []string) bool {
	domain := strings.ToLower(ref.Domain)
	path := strings.ToLower(ref.Path)
	for _, t := range trusted {
		t = strings.ToLower(strings.TrimSpace(t))
		t = strings.TrimPrefix(strings.TrimPrefix(t, "https://"), "http://")
		t = strings.TrimSuffix(t, "/")
		if t == "" {
			continue
		}
		host, prefix, _ := strings.Cut(t, "/")
		if !hostMatches(host, domain) {
			continue
		}
		if prefix == "" || path == prefix || strings.HasPrefix(path, prefix+"/") {
			return true
		}
	}
	return false
}

// dockerHubHosts are the names people give Docker Hub in a list of
// registries; image references say docker.io (or nothing).
var dockerHubHosts = []string{"docker.io", "hub.docker.com", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}

// hostMatches tells whether the trusted host pattern (lower case) matches
// the image's registry host. A Docker Hub image matches any of Docker
// Hub's names, so that "hub.docker.com" (hadolint's spelling) and
// "hub.*" trust it as they do in hadolint.
func hostMatches(pattern, domain string) bool {
	if pattern == "*" {
		return true
	}
	names := []string{domain}
	if domain == "docker.io" {
		names = dockerHubHosts
	}
	for _, name := range names {
		switch {
		case strings.HasPrefix(pattern, "*"):
			if strings.HasSuffix(name, pattern[1:]) {
				return true
			}
		case strings.HasSuffix(pattern, "*"):
			if strings.HasPrefix(name, pattern[:len(pattern)-1]) {
				return true
			}
		case name == pattern:
			return true
		}
	}
	return false
}

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
	Summary:      "a base image (or `COPY --from` image) from a registry that is not trusted",
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
		c, ok := in.Command.(*instructions.CopyCommand)
		if !ok || c.From == "" || in.Stage == nil {
			continue
		}
		from, ok := shellcmd.ExpandWord(in, c.From)
		if !ok || from == "" || f.StageRef(from, -1) != nil || strings.EqualFold(from, "scratch") {
			continue
		}
		ref, err := parser.ParseImageRef(from)
		if err != nil || registryTrusted(ref, trusted) {
			continue
		}
		start, end := in.Start, in.End
		if lg := in.Logical(); lg != nil {
			if i := strings.Index(strings.ToLower(lg.Text), "--from="); i >= 0 {
				j := i
				for j < len(lg.Text) && !isSpaceByte(lg.Text[j]) {
					j++
				}
				start, end = lg.FileOffset(i), lg.FileOffset(j-1)+1
			}
		}
		p.Report(start, end, untrustedMessage("COPY --from", ref, trusted), nil)
	}
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
// entries: a host (with port), "*.domain", or "host/path" prefix.
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
		switch host {
		case "hub.docker.com", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com":
			host = "docker.io"
		}
		switch {
		case strings.HasPrefix(host, "*."):
			if !strings.HasSuffix(domain, host[1:]) {
				continue
			}
		case host != domain:
			continue
		}
		if prefix == "" || path == prefix || strings.HasPrefix(path, prefix+"/") {
			return true
		}
	}
	return false
}

package registry

import (
	"github.com/moby/buildkit/client/llb/sourceresolver"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

func ocispecPlatform(os, arch string) *ocispecs.Platform {
	return &ocispecs.Platform{OS: os, Architecture: arch}
}

func sourceresolverOpt(p *ocispecs.Platform) sourceresolver.Opt {
	return sourceresolver.Opt{ImageOpt: &sourceresolver.ResolveImageOpt{Platform: p}}
}

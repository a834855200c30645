package registry

import (
	"context"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	digest "github.com/opencontainers/go-digest"
)

// MetaResolver answers BuildKit's image metadata look-ups (what its checks,
// InvalidBaseImagePlatform among them, read about base images) from this
// client. A question the client cannot answer (offline and not cached, or
// a registry error, which dflint reports through its own rules) gets an
// empty config with no platform, as the offline resolver gives, so that
// BuildKit's other checks still run.
func (c *Client) MetaResolver() sourceresolver.ImageMetaResolver { return metaResolver{c} }

type metaResolver struct{ c *Client }

func (m metaResolver) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	platform := ""
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		platform = platforms.Format(*opt.ImageOpt.Platform)
	}
	img, err := m.c.Image(ctx, ref, platform)
	if err != nil || len(img.Config) == 0 {
		return ref, "", []byte("{}"), nil
	}
	top := ""
	if r, err := parseRef(ref); err == nil {
		top, _ = m.c.topDigest(ctx, r)
	}
	return ref, digest.Digest(top), img.Config, nil
}

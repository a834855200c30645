package rewrite

// The base-image policy: which family of base images the rewrites move an
// image to (--base-family, the config's base-family and base-images).

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
)

// BasePolicy says which family of base images the modernisation rules
// suggest. The zero value is dflint's default: slim variants for DF104,
// and no DF105 fix (DF105 rewrites only when a family is chosen).
type BasePolicy struct {
	// Family is "", "slim", "alpine", "distroless" or "chainguard".
	Family string
	// Chainguard is the registry and organisation of Chainguard images;
	// "" means cgr.dev/chainguard.
	Chainguard string
	// Overrides maps an image repository as written in FROM ("python",
	// "node") to the family or the full image reference to use for it.
	Overrides map[string]string
}

// For returns the family the policy chooses for an image, and the image
// reference when an override names one instead of a family (DF104 and
// DF105). The overrides are keyed by the repository as written in FROM
// ("python", "node", "ghcr.io/acme/app"), in any case.
func (bp *BasePolicy) For(ref parser.ImageRef) (family, image string) {
	family = bp.Family
	for _, key := range []string{ref.Repository(), ref.Name()} {
		v, ok := bp.Overrides[key]
		if !ok {
			v, ok = bp.Overrides[strings.ToLower(key)]
		}
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		for _, f := range images.BaseFamilies {
			if strings.EqualFold(v, f) {
				return f, ""
			}
		}
		return "", v
	}
	return family, ""
}

// SplitFamily is the family DF201's split chooses for the runtime of an
// image, and the Chainguard registry: a per-image override naming a family
// (keyed by repository, path or last path element, as written), else the
// policy's family. A nil policy is the default one.
//
// It differs from For in which override keys it reads and in ignoring
// overrides that name an image; the two are kept as they were when the
// rewrites moved here, so that no rewrite changed.
func (bp *BasePolicy) SplitFamily(ref parser.ImageRef) (family, chainguard string) {
	chainguard = "cgr.dev/chainguard"
	if bp == nil {
		return "", chainguard
	}
	if bp.Chainguard != "" {
		chainguard = strings.TrimSuffix(bp.Chainguard, "/")
	}
	family = bp.Family
	for _, k := range []string{ref.Repository(), ref.Path, path.Base(ref.Path)} {
		if v, ok := bp.Overrides[k]; ok {
			switch v {
			case "", "slim", "alpine", "distroless", "chainguard":
				family = v
			}
			break
		}
	}
	return family, chainguard
}

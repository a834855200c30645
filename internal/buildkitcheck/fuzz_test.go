package buildkitcheck_test

import (
	"testing"

	"github.com/dflint/dflint/internal/buildkitcheck"
)

// FuzzParity runs the port and BuildKit's DockerfileLint on any input,
// offline and with made-up image configs, and requires the same warnings.
// Seeded with the repository's Dockerfiles and cases; `make fuzz` runs it.
func FuzzParity(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var st parityStats
		compare(t, "Dockerfile", src, buildkitcheck.Options{}, offlineResolver{}, &st)
		compare(t, "Dockerfile", src, buildkitcheck.Options{Images: fakeImages{}.Images}, fakeImages{}, &st)
	})
}

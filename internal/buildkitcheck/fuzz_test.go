package buildkitcheck

import "testing"

// FuzzParity runs the port and BuildKit's DockerfileLint on any input,
// offline and with made-up image configs, and requires the same warnings.
// Seeded with the repository's Dockerfiles and cases; `make fuzz` runs it.
func FuzzParity(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var st parityStats
		compare(t, "Dockerfile", src, Options{}, offlineResolver{}, &st)
		compare(t, "Dockerfile", src, Options{Images: fakeImages{}.Images}, fakeImages{}, &st)
	})
}

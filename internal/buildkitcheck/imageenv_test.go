package buildkitcheck

import (
	"slices"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// addEnvReference is dockerfile2llb's addEnv (v0.34.2), which
// addImageEnv replaces with an index: it must give the same list.
func addEnvReference(env []string, k, v string) []string {
	for i, e := range env {
		key, _ := parseKeyValue(e)
		if shell.EqualEnvKeys(key, k) {
			env[i] = k + "=" + v
			return env
		}
	}
	return append(env, k+"="+v)
}

func TestAddImageEnvAsBuildKit(t *testing.T) {
	base := []string{"PATH=/usr/bin", "A=1", "A=dup", "B"}
	sets := [][2]string{{"A", "2"}, {"C", "3"}, {"PATH", "/bin"}, {"B", "4"}, {"C", "5"}, {"D", ""}}
	want := slices.Clone(base)
	d := &state{}
	d.image.Config.Env = slices.Clone(base)
	for i, kv := range sets {
		want = addEnvReference(want, kv[0], kv[1])
		d.addImageEnv(kv[0], kv[1])
		if i == 2 {
			// The list changed another way (a base image's config): the
			// index must follow.
			want = append(want, "E=6")
			d.image.Config.Env = append(d.image.Config.Env, "E=6")
		}
	}
	want = addEnvReference(want, "E", "7")
	d.addImageEnv("E", "7")
	if !slices.Equal(d.image.Config.Env, want) {
		t.Errorf("got %q, want %q", d.image.Config.Env, want)
	}
}

package main

import (
	"reflect"
	"strings"
	"testing"
)

// Mirrors from the configuration file and from --registry-mirror merge;
// for the same registry, the command line wins.
func TestMirrorTable(t *testing.T) {
	r := registryFlags{
		Mirrors:       []string{"docker.io=127.0.0.1:5000", "docker.io=127.0.0.1:5001"},
		ConfigMirrors: map[string][]string{"docker.io": {"mirror.example"}, "ghcr.io": {"ghcr-mirror.example:443"}},
	}
	got, err := r.mirrorTable()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"docker.io": {"127.0.0.1:5000", "127.0.0.1:5001"}, "ghcr.io": {"ghcr-mirror.example:443"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mirrorTable = %v, want %v", got, want)
	}
	r = registryFlags{ConfigMirrors: map[string][]string{"docker.io": {"http://bad/path"}}}
	if _, err := r.mirrorTable(); err == nil || !strings.Contains(err.Error(), "configuration") {
		t.Errorf("bad configured mirror: %v", err)
	}
}

package main

import (
	"runtime/debug"
	"testing"
)

func TestResolveBuild(t *testing.T) {
	vcs := func(rev, at, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: at}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name                string
		ldVersion, ldCommit string
		ldDate              string
		info                *debug.BuildInfo
		want                string
	}{
		{name: "release build: -X wins over what Go stamped",
			ldVersion: "v0.1.0", ldCommit: "5e86a77d1f2a3b4c5d6e7f8091a2b3c4d5e6f708", ldDate: "2026-12-07T21:00:00Z",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.1.1-0.20261207210000-5e86a77d1f2a"}, Settings: vcs("ffff", "2020-01-01T00:00:00Z", "false")},
			want: "dflint v0.1.0, commit 5e86a77d1f2a, 2026-12-07T21:00:00Z, go1.26.8"},
		{name: "go install …@v0.1.0: the module version, no VCS",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/dflint/dflint", Version: "v0.1.0", Sum: "h1:abc="}},
			want: "dflint v0.1.0, go1.26.8"},
		{name: "checkout with changes",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.1.1-0.20261207210000-5e86a77d1f2a+dirty"}, Settings: vcs("5e86a77d1f2a3b4c", "2026-12-07T21:00:00Z", "true")},
			want: "dflint v0.1.1-0.20261207210000-5e86a77d1f2a+dirty, commit 5e86a77d1f2a (modified), 2026-12-07T21:00:00Z, go1.26.8"},
		{name: "checkout without VCS stamping",
			info: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}},
			want: "dflint (devel), go1.26.8"},
		{name: "no build information", want: "dflint (devel)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := resolveBuild(tt.ldVersion, tt.ldCommit, tt.ldDate, tt.info).String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

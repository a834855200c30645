package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestImageDockerfileLintsClean: the Dockerfile the dflint image is built
// from has no finding from any rule, the opt-in ones and BuildKit's checks
// included (every ID `dflint rules` lists is selected), at the lowest fail
// level, and without a config that could ignore something.
func TestImageDockerfileLintsClean(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	if code := run([]string{"rules", "--format", "json"}, ios); code != 0 {
		t.Fatalf("dflint rules: exit %d\n%s", code, errOut.String())
	}
	var list struct {
		Rules []struct {
			ID string `json:"id"`
		} `json:"rules"`
	}
	if err := json.Unmarshal(out.Bytes(), &list); err != nil || len(list.Rules) < 50 {
		t.Fatalf("dflint rules --format json: %d rules, %v", len(list.Rules), err)
	}
	var ids []string
	for _, r := range list.Rules {
		ids = append(ids, r.ID)
	}
	out.Reset()
	errOut.Reset()
	code := run([]string{"lint", "--no-config", "--select", strings.Join(ids, ","), "--fail-level", "style", filepath.Join(root, "Dockerfile")}, ios)
	if code != 0 || !strings.Contains(out.String(), "No findings") {
		t.Errorf("dflint lint --select <all %d rules> Dockerfile: exit %d\n%s%s", len(ids), code, out.String(), errOut.String())
	}
}

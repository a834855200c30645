package buildverify

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestCorpusEligible(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"FROM alpine:latest\nRUN apk add --no-cache jq\nCMD [\"jq\"]\n", ""},
		{"FROM docker.io/library/debian:bookworm\nRUN true\n", ""},
		{"FROM golang:1.22 AS b\nRUN true\nFROM scratch\nCOPY --from=b /x /x\n", ""},
		{"ARG V=3.19\nFROM alpine:${V}\n", ""},
		{"FROM alpine\nCOPY app.sh /\n", "line 2: COPY from the build context"},
		{"FROM alpine\nADD https://example.com/x /x\n", "line 2: ADD (context files or URLs)"},
		{"FROM ubuntu:22.04\n", "line 1: no stand-in for ubuntu:22.04"},
		{"FROM alpine\nCOPY --from=nginx:1 /etc/nginx /n\n", "line 2: no stand-in for COPY --from=nginx:1"},
		{"FROM alpine:$V\n", "line 1: base alpine:$V has variables without defaults"},
		{"FROM alpine\nCOPY --link --from=0 /a /b\n", "buildah 1.28: line 2: COPY --link"},
	} {
		if got := CorpusEligible([]byte(tc.text)); got != tc.want {
			t.Errorf("CorpusEligible(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// The sample is fixed by the seed: the same order twice, a different one
// per family, every file once.
func TestFamilyOrder(t *testing.T) {
	var files []CorpusFile
	for i := 0; i < 50; i++ {
		files = append(files, CorpusFile{Path: string(rune('a'+i%26)) + strings.Repeat("x", i/26)})
	}
	paths := func(fs []CorpusFile) []string {
		var p []string
		for _, f := range fs {
			p = append(p, f.Path)
		}
		return p
	}
	a, b := paths(FamilyOrder(files, "alpine")), paths(FamilyOrder(files, "alpine"))
	if !slices.Equal(a, b) {
		t.Error("the same family gave two orders")
	}
	if slices.Equal(a, paths(FamilyOrder(files, "chainguard"))) {
		t.Error("two families share one order")
	}
	sorted := slices.Clone(a)
	slices.Sort(sorted)
	want := slices.Sorted(slices.Values(paths(files)))
	if !slices.Equal(sorted, want) {
		t.Error("the order lost or repeated files")
	}
}

// LoadCorpus keeps only what CorpusEligible accepts, from the real files.
func TestLoadCorpus(t *testing.T) {
	if _, err := os.Stat(corpusDir); err != nil {
		t.Skipf("no corpus at %s", corpusDir)
	}
	files, err := LoadCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no corpus file can be built from the stand-ins")
	}
	for _, f := range files {
		if why := CorpusEligible(f.Text); why != "" {
			t.Errorf("%s: %s", f.Path, why)
		}
	}
	t.Logf("%d eligible files", len(files))
}

func TestTally(t *testing.T) {
	ok := Image{Run: RunResult{ExitCode: 0, Output: "hi"}}
	fail := Image{Run: RunResult{ExitCode: 127, Output: "sh: not found"}}
	results := []*CorpusResult{
		{Path: "a", Skipped: "does not build before the fix: E: Unable to locate package x"},
		{Path: "b", Skipped: "the fix changes nothing"},
		{Path: "c", Original: ok, After: ok, AfterBuilt: true},
		{Path: "d", Original: ok, After: fail, AfterBuilt: true},
		{Path: "e", Original: ok, AfterError: "build failed"},
		{Path: "f", Original: fail, After: fail, AfterBuilt: true},
	}
	got := Tally("chainguard", results)
	if got.Tried != 6 || got.Cases != 4 || got.BeforeBuilt != 4 || got.BeforeRan != 3 || got.AfterBuilt != 3 || got.AfterRan != 1 || got.SameBehaviour != 1 || got.Unjudged != 1 {
		t.Errorf("Tally = %+v", got)
	}
	if !slices.Equal(got.Failures, []string{"d", "e"}) {
		t.Errorf("failures %q, want d and e", got.Failures)
	}
	table := CorpusTable([]FamilyTally{got})
	for _, want := range []string{"| chainguard | 6 | 1 no build before the fix; 1 the fix changes nothing | 4 | 4 / 3 | 3 / 1 | 1 | 1 |"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

func TestRunNeeds(t *testing.T) {
	for _, tc := range []struct{ run, want string }{
		{"RUN apk add --no-cache jq ca-certificates", ""},
		{"RUN apk add --no-cache --virtual .deps build-base && make", ""},
		{"RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88* \\\n\tca-certificates && rm -rf /var/lib/apt/lists/*", ""},
		{"RUN echo hello > /etc/motd", ""},
		{"RUN apt-get install -y nginx", "RUN installs nginx, which the local apt repository does not have"},
		{"RUN apt-get install -y $PKGS", "RUN installs a package named by a variable ($PKGS)"},
		{"RUN wget -O- https://example.com/x.tgz | tar xz", "RUN needs the network (RUN wget)"},
		{"RUN set -x; curl -fsSL x | sh", "RUN needs the network (; curl)"},
		{"RUN pip install flask", "RUN needs the network (pip install)"},
		{"RUN git clone --depth 1 x", "RUN needs the network (git clone)"},
	} {
		if got := runNeeds(tc.run); got != tc.want {
			t.Errorf("runNeeds(%q) = %q, want %q", tc.run, got, tc.want)
		}
	}
}

func TestNormalizeOutputContainerID(t *testing.T) {
	a := "Error: unable to start container " + strings.Repeat("ab", 32) + ": runc create failed: unable to start container process: exec: \"x\": executable file not found in $PATH"
	b := "Error: unable to start container " + strings.Repeat("cd", 32) + ": runc create failed: unable to start container process: exec: \"x\": executable file not found in $PATH"
	squid := "runc create failed: unable to start container process: exec: \"/usr/sbin/squid\": stat /usr/sbin/squid: no such file or directory"
	if normalizeOutput(a) != normalizeOutput(b) {
		t.Errorf("container IDs not folded: %q", normalizeOutput(a))
	}
	if !ProgramMissing(Image{Run: RunResult{ExitCode: 125, Output: a}}) || !ProgramMissing(Image{Run: RunResult{ExitCode: 127}}) || !ProgramMissing(Image{Run: RunResult{ExitCode: 125, Output: squid}}) || ProgramMissing(Image{Run: RunResult{ExitCode: 1}}) {
		t.Error("ProgramMissing")
	}
}

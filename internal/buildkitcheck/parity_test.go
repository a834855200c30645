package buildkitcheck_test

// The parity tests run BuildKit's own dockerfile2llb.DockerfileLint (the
// only place dflint still links it) next to the port, on every corpus file
// and every Dockerfile of the repository, and require the same warnings:
// rule, message and ranges, for every check the port reports.

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/agext/levenshtein"
	"github.com/containerd/platforms"
	"github.com/dflint/dflint/internal/bench"
	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/internal/fuzzseed"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// offlineResolver is rules' resolver for DockerfileLint before the port: an
// empty config for every image.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

// fakeImages serves made-up image configs to both sides: the same bytes
// through BuildKit's MetaResolver and through buildkitcheck.Options.Images.
type fakeImages struct{}

// config varies with the reference and the platform asked for, so that a
// sample of files meets images with and without layers, on the target
// platform and off it, with extra variables, without PATH, and with
// ONBUILD triggers.
func (fakeImages) config(ref string, p ocispecs.Platform) []byte {
	h := sha256.Sum256([]byte(ref))
	img := map[string]any{"os": "linux", "architecture": p.Architecture}
	env := []string{"PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin", "APP_HOME=/srv/app", "LANG=C.UTF-8"}
	switch h[0] % 6 {
	case 0: // another architecture
		img["architecture"] = "arm64"
		if p.Architecture == "arm64" {
			img["architecture"] = "amd64"
		}
	case 1: // no layers: BuildKit takes it for scratch
		env = append(env, "NODE_VERSION=22")
	case 2: // no PATH, and Windows
		env = []string{"HOME=/root", "GOPATH=/go"}
		img["os"] = "windows"
	case 3: // ONBUILD triggers
		img["config"] = nil
		env = append(env, "PYTHONPATH=/srv")
		img["onbuild"] = true
	case 4:
		env = append(env, "JAVA_HOME=/opt/java", "HOME=/home/app")
	}
	cfg := map[string]any{"Env": env, "WorkingDir": "/srv/app"}
	if img["onbuild"] == true {
		delete(img, "onbuild")
		cfg["OnBuild"] = []string{"COPY . $APP_HOME", "RUN echo $PYTHONPATH $UNDEFINED_IN_TRIGGER", "ARG TRIGGER_ARG=${LANG}"}
	}
	img["config"] = cfg
	if h[0]%6 != 1 {
		img["rootfs"] = map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + fmt.Sprintf("%x", h)}}
	}
	b, err := json.Marshal(img)
	if err != nil {
		panic(err)
	}
	return b
}

func (f fakeImages) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", f.config(ref, *opt.ImageOpt.Platform), nil
}

func (f fakeImages) Images(ref string, p ocispecs.Platform) ([]byte, bool) {
	return f.config(ref, p), true
}

var allLLBCaps = pb.Caps.CapSet(pb.Caps.All())

// reported are the checks the port reports.
var reported = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range buildkitcheck.Rules {
		m[r] = true
	}
	return m
}()

// buildkitLint runs DockerfileLint with the options rules/buildkit.go
// passed it, and returns the port's reported checks only.
// fullestLint runs DockerfileLint until it reports at least want warnings,
// at most lintRuns times, and returns the run with the most. DockerfileLint
// resolves base images on concurrent goroutines that append their warnings
// (InvalidBaseImagePlatform) to one slice without a lock
// (dockerfile2llb.resolveReachableStages and lint.LintResults.AddWarning,
// v0.34.2), so a run can lose one: seen in CI on two stages FROM the same
// image. A lost append only ever drops a warning, so the fullest run is
// what BuildKit means; the port, which is sequential, must equal it.
func fullestLint(f *parser.File, resolver sourceresolver.ImageMetaResolver, opts buildkitcheck.Options, want int) (warnings []buildkitcheck.Warning, convErr error, panicked any) {
	const lintRuns = 20
	for range lintRuns {
		w, err, p := buildkitLint(f, resolver, opts.TargetPlatform, opts.BuildArgs)
		if p != nil {
			return w, err, p
		}
		if warnings == nil || len(w) > len(warnings) {
			warnings, convErr = w, err
		}
		if len(warnings) >= want {
			break
		}
	}
	return warnings, convErr, nil
}

func buildkitLint(f *parser.File, resolver sourceresolver.ImageMetaResolver, target *ocispecs.Platform, buildArgs map[string]string) (warnings []buildkitcheck.Warning, convErr error, panicked any) {
	defer func() {
		if r := recover(); r != nil {
			panicked = r
		}
	}()
	sm := llb.NewSourceMap(nil, f.Path, "Dockerfile", f.Source)
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), f.Source, dockerfile2llb.ConvertOpt{
		SourceMap:    sm,
		MetaResolver: resolver,
		LLBCaps:      &allLLBCaps,
		// The port's nil target platform is the host's, as here: the
		// tests try both.
		TargetPlatform: target,
		// DockerfileLint may change the map (SOURCE_DATE_EPOCH): a copy.
		Config: dockerui.Config{BuildArgs: maps.Clone(buildArgs)},
	})
	if err != nil {
		return nil, err, nil
	}
	for _, w := range res.Warnings {
		if !reported[w.RuleName] {
			continue
		}
		out := buildkitcheck.Warning{Rule: w.RuleName, Message: w.Detail}
		if w.Location != nil {
			for _, r := range w.Location.Ranges {
				out.Location = append(out.Location, rangeOf(r))
			}
		}
		warnings = append(warnings, out)
	}
	if res.Error != nil {
		convErr = fmt.Errorf("%s", res.Error.Message)
	}
	return warnings, convErr, nil
}

func rangeOf(r *pb.Range) bkparser.Range {
	return bkparser.Range{
		Start: bkparser.Position{Line: int(r.GetStart().GetLine()), Character: int(r.GetStart().GetCharacter())},
		End:   bkparser.Position{Line: int(r.GetEnd().GetLine()), Character: int(r.GetEnd().GetCharacter())},
	}
}

var suggestion = regexp.MustCompile(`^(FROM argument '([^']*)' is not declared) \(did you mean (.*)\?\)$`)

// keys renders warnings comparably, sorted. BuildKit picks the suggestion
// of UndefinedArgInFrom from a map: of equally close names it may suggest
// any, so that suggestion is compared by its distance to the name.
func keys(ws []buildkitcheck.Warning) []string {
	var out []string
	for _, w := range ws {
		msg := w.Message
		if w.Rule == "UndefinedArgInFrom" {
			if m := suggestion.FindStringSubmatch(msg); m != nil {
				msg = fmt.Sprintf("%s (did you mean a name %d edits away?)", m[1], levenshtein.Distance(m[2], m[3], nil))
			}
		}
		var rs []string
		for _, r := range w.Location {
			rs = append(rs, fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character))
		}
		out = append(out, fmt.Sprintf("%s [%s] %s", w.Rule, strings.Join(rs, " "), msg))
	}
	sort.Strings(out)
	return out
}

type parityStats struct {
	files, compared, warnings, errors, panics, limited int
	byRule                                             map[string]int
}

func (st *parityStats) String() string {
	var rs []string
	for r, n := range st.byRule {
		rs = append(rs, fmt.Sprintf("%s %d", r, n))
	}
	sort.Strings(rs)
	return fmt.Sprintf("%d files, %d compared, %d warnings (%s), %d stopped by a conversion error, %d DockerfileLint panics, %d past the expansion limit",
		st.files, st.compared, st.warnings, strings.Join(rs, ", "), st.errors, st.panics, st.limited)
}

// compare runs both sides on one file and reports any difference.
func compare(t testing.TB, name string, src []byte, opts buildkitcheck.Options, resolver sourceresolver.ImageMetaResolver, st *parityStats) {
	t.Helper()
	st.files++
	f := parser.Parse(name, src)
	if f.Err != nil {
		return // neither side has warnings for a file that does not parse
	}
	got := buildkitcheck.Check(f, opts)
	if errors.Is(got.Err, parser.ErrExpansionLimit) || errors.Is(got.Err, parser.ErrUnknownValue) {
		// The port stops where BuildKit, which has no limit, goes on
		// expanding, possibly until it runs out of memory: not compared.
		st.limited++
		return
	}
	want, wantErr, panicked := fullestLint(f, resolver, opts, len(got.Warnings))
	if panicked != nil {
		// BuildKit's converter crashed: rules/buildkit.go reported that as
		// an error of the file, not as warnings; nothing to compare.
		st.panics++
		t.Logf("%s: DockerfileLint panicked: %v", name, panicked)
		return
	}
	st.compared++
	st.warnings += len(want)
	if st.byRule == nil {
		st.byRule = map[string]int{}
	}
	for _, w := range want {
		st.byRule[w.Rule]++
	}
	if wantErr != nil {
		st.errors++
	}
	w, g := keys(want), keys(got.Warnings)
	if strings.Join(w, "\n") != strings.Join(g, "\n") {
		t.Errorf("%s: warnings differ\nDockerfileLint:\n  %s\nport:\n  %s\n(DockerfileLint error: %v; port error: %v)",
			name, strings.Join(w, "\n  "), strings.Join(g, "\n  "), wantErr, got.Err)
		return
	}
	if (wantErr == nil) != (got.Err == nil) {
		t.Errorf("%s: DockerfileLint error %v, port error %v", name, wantErr, got.Err)
	}
}

// corpusFiles lists the corpus files from its MANIFEST.tsv ("file" column).
func corpusFiles(t testing.TB) []string {
	t.Helper()
	dir, err := bench.CorpusDir()
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	files, err := bench.CorpusFiles(dir)
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	return files
}

func TestParityCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs DockerfileLint on the whole corpus")
	}
	var st parityStats
	for _, p := range corpusFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		compare(t, p, src, buildkitcheck.Options{}, offlineResolver{}, &st)
	}
	t.Logf("corpus, offline: %v", &st)
}

// seeds are the repository's Dockerfiles (internal/fuzzseed) and cases.
func seeds(t testing.TB) [][]byte {
	out := fuzzseed.Dockerfiles(t)
	for _, c := range cases {
		out = append(out, []byte(c))
	}
	return out
}

func TestParityTestdata(t *testing.T) {
	var st parityStats
	for i, src := range seeds(t) {
		compare(t, fmt.Sprintf("seed %d", i), src, buildkitcheck.Options{}, offlineResolver{}, &st)
	}
	t.Logf("testdata, offline: %v", &st)
}

// TestParityOnline gives both sides the same made-up image configs: image
// environments (UndefinedVar), platforms (InvalidBaseImagePlatform) and
// ONBUILD triggers.
func TestParityOnline(t *testing.T) {
	var st parityStats
	opts := buildkitcheck.Options{Images: fakeImages{}.Images}
	for i, src := range seeds(t) {
		compare(t, fmt.Sprintf("seed %d", i), src, opts, fakeImages{}, &st)
	}
	if !testing.Short() {
		for i, p := range corpusFiles(t) {
			if i%7 != 0 {
				continue
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, p, src, opts, fakeImages{}, &st)
		}
	}
	t.Logf("online: %v", &st)
}

// TestParityTargetPlatform sets a target platform on both sides.
func TestParityTargetPlatform(t *testing.T) {
	var st parityStats
	arm := platforms.MustParse("linux/arm64")
	opts := buildkitcheck.Options{Images: fakeImages{}.Images, TargetPlatform: &arm}
	for i, src := range seeds(t) {
		compare(t, fmt.Sprintf("seed %d", i), src, opts, fakeImages{}, &st)
	}
	t.Logf("target linux/arm64, online: %v", &st)
}

// TestParityBuildArgs gives both sides the same build arguments (and a
// target platform): the names the seeds' ARGs, FROM lines and
// SOURCE_DATE_EPOCH read, global and stage ARGs alike, platform ARGs, and
// a name no ARG declares. The ground of BuildKit's check tests that pass
// build arguments (dockerfile_check_test.go, v0.34.2:
// testUndefinedArgInFrom, testInvalidDefaultArgInFrom) is in
// buildArgCases, with dflint's own files.
func TestParityBuildArgs(t *testing.T) {
	arm := platforms.MustParse("linux/arm/v7")
	for _, set := range []struct {
		name string
		opts buildkitcheck.Options
	}{
		{"offline", buildkitcheck.Options{}},
		{"online", buildkitcheck.Options{Images: fakeImages{}.Images}},
		{"online, linux/arm/v7", buildkitcheck.Options{Images: fakeImages{}.Images, TargetPlatform: &arm}},
	} {
		var resolver sourceresolver.ImageMetaResolver = offlineResolver{}
		if set.opts.Images != nil {
			resolver = fakeImages{}
		}
		for i, args := range buildArgSets {
			var st parityStats
			opts := set.opts
			opts.BuildArgs = args
			srcs := seeds(t)
			for _, c := range buildArgCases {
				srcs = append(srcs, []byte(c))
			}
			for j, src := range srcs {
				compare(t, fmt.Sprintf("%s, build args %d, file %d", set.name, i, j), src, opts, resolver, &st)
			}
			t.Logf("%s, build args %v: %v", set.name, args, &st)
		}
	}
}

// buildArgSets are the build arguments TestParityBuildArgs tries.
var buildArgSets = []map[string]string{
	// Names the seeds and buildArgCases read.
	{"BASE": "busybox", "TAG": "1.36", "GLOBAL": "from-cli", "NOVALUE": "set", "LOCAL": "x", "PY": "3.12"},
	// A base that is not a reference, a platform ARG, an undeclared name.
	{"BASE": "Not A Ref", "TARGETARCH": "s390x", "NOT_DECLARED": "1"},
	// SOURCE_DATE_EPOCH as a number, and empty values.
	{"SOURCE_DATE_EPOCH": "1700000000", "TAG": "", "BASE": ""},
	// SOURCE_DATE_EPOCH naming a stage, and then something else.
	{"SOURCE_DATE_EPOCH": "yesterday"},
	{"SOURCE_DATE_EPOCH": "last-week"},
}

// buildArgCases are Dockerfiles whose checks depend on build arguments.
var buildArgCases = []string{
	// InvalidDefaultArgInFrom judges the defaults; the build argument
	// decides the rest (the ground of testInvalidDefaultArgInFrom).
	"ARG BASE\nFROM ${BASE}\nRUN echo $TAG\n",
	"ARG TAG\nFROM busybox:${TAG}\n",
	"ARG BASE=busybox\nARG TAG\nFROM ${BASE}:${TAG}\n",
	// UndefinedArgInFrom: a build argument does not declare an ARG (the
	// ground of testUndefinedArgInFrom).
	"FROM busybox:${TAG}\n",
	"ARG TAG=latest\nFROM ${BASE}:${TAG}\n",
	// Stage ARGs: a build argument beats the default and the global value.
	"ARG GLOBAL=1\nFROM alpine\nARG GLOBAL\nARG LOCAL=$UNDEF\nARG NOVALUE\nRUN echo $GLOBAL $LOCAL $NOVALUE $NOT_DECLARED\n",
	// Platform ARGs replaced by a build argument, read in FROM.
	"FROM alpine AS base-amd64\nFROM alpine AS base-s390x\nFROM base-$TARGETARCH\nCOPY $TARGETARCH /\n",
	"FROM --platform=$BUILDPLATFORM alpine:${TARGETARCH}\n",
	// SOURCE_DATE_EPOCH from a build argument, with and without an ARG.
	"ARG SOURCE_DATE_EPOCH\nFROM alpine\nARG SOURCE_DATE_EPOCH\nRUN echo $SOURCE_DATE_EPOCH\n",
	"FROM alpine\nRUN echo $SOURCE_DATE_EPOCH\n",
	"FROM scratch AS yesterday\nARG TAG\nADD https://example.com/x${TAG} /x\nFROM alpine\nRUN echo $SOURCE_DATE_EPOCH\n",
}

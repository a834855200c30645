package buildkitcheck_test

// BuildKit reads the build context's ignore file only through a build
// client (dockerui.Client over a gateway client). contextClient is a
// gateway client that serves one ignore file and nothing else, so that
// DockerfileLint itself reports CopyIgnoredFile and the port can be held
// to it.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/frontend/gateway/client"
	gwpb "github.com/moby/buildkit/frontend/gateway/pb"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
	fstypes "github.com/tonistiigi/fsutil/types"
)

// contextClient answers dockerui's one request for the context's
// .dockerignore with its text; image configs are empty, as offline.
type contextClient struct {
	offlineResolver
	dockerignore []byte // nil: no ignore file
}

func (c *contextClient) ResolveSourceMetadata(context.Context, *pb.SourceOp, sourceresolver.Opt) (*sourceresolver.MetaResponse, error) {
	return nil, errors.New("not offline")
}

func (c *contextClient) Solve(context.Context, client.SolveRequest) (*client.Result, error) {
	res := client.NewResult()
	res.SetRef(&contextRef{dockerignore: c.dockerignore})
	return res, nil
}

func (c *contextClient) BuildOpts() client.BuildOpts {
	return client.BuildOpts{Opts: map[string]string{}, LLBCaps: allLLBCaps, Caps: allGatewayCaps}
}

func (c *contextClient) Inputs(context.Context) (map[string]llb.State, error) {
	return map[string]llb.State{}, nil
}

func (c *contextClient) NewContainer(context.Context, client.NewContainerRequest) (client.Container, error) {
	return nil, errors.New("no containers")
}

func (c *contextClient) Warn(context.Context, digest.Digest, string, client.WarnOpts) error {
	return nil
}

var allGatewayCaps = gwpb.Caps.CapSet(gwpb.Caps.All())

// contextRef is the context as solved: only .dockerignore in it.
type contextRef struct{ dockerignore []byte }

func (r *contextRef) ToState() (llb.State, error)    { return llb.Scratch(), nil }
func (r *contextRef) Evaluate(context.Context) error { return nil }

func (r *contextRef) ReadFile(_ context.Context, req client.ReadRequest) ([]byte, error) {
	if req.Filename != dockerui.DefaultDockerignoreName || r.dockerignore == nil {
		return nil, fmt.Errorf("%s: %w", req.Filename, fs.ErrNotExist)
	}
	return r.dockerignore, nil
}

func (r *contextRef) StatFile(_ context.Context, req client.StatRequest) (*fstypes.Stat, error) {
	if req.Path != dockerui.DefaultDockerignoreName || r.dockerignore == nil {
		return nil, fmt.Errorf("%s: %w", req.Path, fs.ErrNotExist)
	}
	return &fstypes.Stat{Path: req.Path, Size: int64(len(r.dockerignore))}, nil
}

func (r *contextRef) ReadDir(context.Context, client.ReadDirRequest) ([]*fstypes.Stat, error) {
	return nil, nil
}

// buildkitCopyIgnored runs DockerfileLint with a client that serves the
// ignore file, and returns its CopyIgnoredFile warnings.
func buildkitCopyIgnored(t testing.TB, f *parser.File, dockerignore string) []buildkitcheck.Warning {
	t.Helper()
	bc, err := dockerui.NewClient(&contextClient{dockerignore: []byte(dockerignore)})
	if err != nil {
		t.Fatal(err)
	}
	sm := llb.NewSourceMap(nil, f.Path, "Dockerfile", f.Source)
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), f.Source, dockerfile2llb.ConvertOpt{
		SourceMap:    sm,
		MetaResolver: offlineResolver{},
		Client:       bc,
	})
	if err != nil {
		t.Fatalf("DockerfileLint: %v", err)
	}
	var out []buildkitcheck.Warning
	for _, w := range res.Warnings {
		if w.RuleName != "CopyIgnoredFile" {
			continue
		}
		cw := buildkitcheck.Warning{Rule: w.RuleName, Message: w.Detail}
		if w.Location != nil {
			for _, r := range w.Location.Ranges {
				cw.Location = append(cw.Location, rangeOf(r))
			}
		}
		out = append(out, cw)
	}
	return out
}

func copyIgnored(ws []buildkitcheck.Warning) []buildkitcheck.Warning {
	var out []buildkitcheck.Warning
	for _, w := range ws {
		if w.Rule == "CopyIgnoredFile" {
			out = append(out, w)
		}
	}
	return out
}

// compareCopyIgnored runs DockerfileLint and the port with the same ignore
// file and reports a difference in their CopyIgnoredFile warnings; it
// returns how many BuildKit reported.
func compareCopyIgnored(t *testing.T, name, src, dockerignore string) int {
	t.Helper()
	f := parser.Parse("Dockerfile", []byte(src))
	if f.Err != nil {
		return 0
	}
	want := buildkitCopyIgnored(t, f, dockerignore)
	got := copyIgnored(buildkitcheck.Check(f, buildkitcheck.Options{DockerIgnore: matcher(t, dockerignore)}).Warnings)
	if w, g := keys(want), keys(got); strings.Join(w, "\n") != strings.Join(g, "\n") {
		t.Errorf("%s with .dockerignore %q:\nDockerfileLint:\n  %s\nport:\n  %s", name, dockerignore, strings.Join(w, "\n  "), strings.Join(g, "\n  "))
	}
	return len(want)
}

// TestCopyIgnoredFileParity holds the port to DockerfileLint with a build
// client: TestCopyIgnoredFile's cases, and corpus files with ignore files
// that exclude everything, typical entries, or let files back in.
func TestCopyIgnoredFileParity(t *testing.T) {
	n := 0
	for _, tt := range copyIgnoredTests {
		n += compareCopyIgnored(t, tt.name, tt.dockerfile, tt.dockerignore)
	}
	if n == 0 {
		t.Fatal("DockerfileLint reported no CopyIgnoredFile: the fake build client does not serve the ignore file")
	}
	if testing.Short() {
		return
	}
	ignores := []string{
		"*\n",
		".git\nnode_modules\n*.md\n**/*.log\nsrc/**/test\nrequirements*.txt\n",
		"**\n!src\n",
	}
	var files, warnings int
	for i, p := range corpusFiles(t) {
		if i%5 != 0 {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files++
		warnings += compareCopyIgnored(t, p, string(src), ignores[i%len(ignores)])
	}
	t.Logf("corpus: %d files, %d CopyIgnoredFile warnings", files, warnings)
}

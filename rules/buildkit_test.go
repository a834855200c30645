package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
)

// offlineResolver and allLLBCaps let tests compare a DF rule with
// BuildKit's own DockerfileLint (TestDF302CoversBuildKit): an empty config
// for every image, and every LLB capability a current daemon has.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

var allLLBCaps = pb.Caps.CapSet(pb.Caps.All())

// Every BuildKit check that dflint registers (the ones no DF rule covers)
// is one internal/buildkitcheck runs; else it would never fire.
func TestBuildKitRulesArePorted(t *testing.T) {
	ported := map[string]bool{}
	for _, name := range buildkitcheck.Rules {
		ported[name] = true
	}
	n := 0
	for _, r := range All() {
		if !strings.HasPrefix(r.ID, BuildKitPrefix) {
			continue
		}
		n++
		if !ported[r.Name] {
			t.Errorf("%s is registered but internal/buildkitcheck does not run it: port it from dockerfile2llb, or cover it with a DF rule", r.ID)
		}
	}
	if n == 0 {
		t.Fatal("no BuildKit checks registered")
	}
}

// BuildKit's findings come from the port, at the lines BuildKit names
// (NoEmptyContinuation: the line after the empty one).
func TestBuildKitFindings(t *testing.T) {
	src := "ARG TAG\nARG SRC\nFROM alpine${TAGG} AS Build\nRUN echo hi \\\n\n  there\nCOPY $SRC /dst\n"
	e, err := NewEngine(Options{Select: []string{"UndefinedVar", "UndefinedArgInFrom", "StageNameCasing", "NoEmptyContinuation"}})
	if err != nil {
		t.Fatal(err)
	}
	f := parser.Parse("Dockerfile", []byte(src))
	fs, errs := e.Lint(context.Background(), f)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, fd := range fs {
		got = append(got, fmt.Sprintf("%d %s %s", fd.Line, fd.Name, fd.Message))
	}
	want := []string{
		"3 StageNameCasing Stage name 'Build' should be lowercase",
		"3 UndefinedArgInFrom FROM argument 'TAGG' is not declared (did you mean TAG?)",
		"6 NoEmptyContinuation Empty continuation line: the empty line is dropped and `there` goes on with the RUN instruction above; remove the empty line",
		// A global ARG is not seen in a stage that does not declare it again.
		"7 UndefinedVar Usage of undefined variable '$SRC': a global ARG is not seen inside a stage: declare it again with `ARG SRC` after the stage's FROM",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	e, err = NewEngine(Options{Select: []string{"UndefinedVar"}, NoBuildKit: true})
	if err != nil {
		t.Fatal(err)
	}
	if fs, _ := e.Lint(context.Background(), f); len(fs) != 0 {
		t.Errorf("NoBuildKit: %v", fs)
	}
}

// CopyIgnoredFile reads the ignore file `docker build` reads when the
// context is the Dockerfile's directory: <Dockerfile>.dockerignore first,
// even an empty one (BuildKit then reads no other), else .dockerignore.
// Only when the check runs.
func TestCopyIgnoredFileLooksBeside(t *testing.T) {
	src := []byte("FROM alpine:3.20\nCOPY secrets.env /app/\nCOPY dist /srv/\n")
	lint := func(t *testing.T, path string, sel string) []string {
		t.Helper()
		e, err := NewEngine(Options{Select: []string{sel}})
		if err != nil {
			t.Fatal(err)
		}
		fs, errs := e.Lint(context.Background(), parser.Parse(path, src))
		var got []string
		for _, f := range fs {
			got = append(got, f.Message)
		}
		for _, err := range errs {
			got = append(got, "error: "+err.Error())
		}
		return got
	}
	write := func(t *testing.T, path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secrets := `Attempting to Copy file "secrets.env" that is excluded by .dockerignore`
	dist := `Attempting to Copy file "dist" that is excluded by .dockerignore`
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{name: "none"},
		{name: ".dockerignore", files: map[string]string{".dockerignore": "secrets.env\n"}, want: []string{secrets}},
		{name: "named first", files: map[string]string{".dockerignore": "secrets.env\n", "build.Dockerfile.dockerignore": "dist\n"}, want: []string{dist}},
		{name: "named and empty", files: map[string]string{".dockerignore": "secrets.env\n", "build.Dockerfile.dockerignore": ""}},
		{name: "comments only", files: map[string]string{".dockerignore": "# secrets.env\n\n"}},
		{name: "in the parent only", files: map[string]string{"../.dockerignore": "secrets.env\n"}},
		{name: "bad pattern", files: map[string]string{".dockerignore": "dist\n[z-a\n"}, want: []string{`error: PATH: DIR/.dockerignore: pattern "[z-a": syntax error in pattern: fix it (docker build fails on it too)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "app")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, text := range tt.files {
				write(t, filepath.Join(dir, name), text)
			}
			path := filepath.Join(dir, "build.Dockerfile")
			got := lint(t, path, "CopyIgnoredFile")
			for i := range got {
				got[i] = strings.ReplaceAll(strings.ReplaceAll(got[i], path, "PATH"), dir, "DIR")
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			// Not read when the check does not run.
			if got := lint(t, path, "UndefinedVar"); len(got) != 0 {
				t.Errorf("without CopyIgnoredFile: got %q, want nothing", got)
			}
		})
	}
}

// Offline, dflint does not know the base image's environment: UndefinedVar
// reports only what it can tell is undefined whatever the base sets.
func TestUndefinedVarOffline(t *testing.T) {
	runCases(t, "buildkit/UndefinedVar", []ruleCase{
		// Set by the base image (corpus: dotnet samples `USER $APP_UID`,
		// jupyter `USER ${NB_UID}`).
		{name: "base image variable", src: "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\n", want: 0},
		{name: "home", src: "FROM alpine:3.20\nWORKDIR $HOME/app\n", want: 0},
		{name: "stage of an image", src: "FROM alpine:3.20 AS base\nFROM base\nCOPY a $APP_ROOT/\n", want: 0},
		// scratch has no environment.
		{name: "scratch", src: "FROM scratch\nCOPY a $APP_ROOT/\n", want: 1},
		{name: "stage of scratch", src: "FROM scratch AS base\nFROM base\nCOPY a $APP_ROOT/\n", want: 1},
		// An ARG or ENV of the file, out of scope where it is read.
		{name: "global arg not declared again", src: "ARG VERSION=1\nFROM alpine:3.20\nRUN echo $VERSION\nENV V=$VERSION\n", want: 1},
		{name: "arg of another stage", src: "FROM alpine:3.20 AS a\nARG DIR=/x\nFROM alpine:3.20\nCOPY a $DIR/\n", want: 1},
		// ENV reads the values from before the instruction (corpus:
		// vscode-dev-containers azure-static-web-apps).
		{name: "env reads a key it sets", src: "FROM alpine:3.20\nENV NVM_DIR=/nvm PATH=$NVM_DIR/bin:$PATH\n", want: 1, noVariants: true},
		{name: "env extends itself", src: "FROM python:3.12\nENV PYTHONPATH=/app:$PYTHONPATH\n", want: 0},
		// Forms that say what to do when it is unset (corpus: jupyter
		// cuda images, `${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH}:}`), even on
		// scratch.
		{name: "unset-safe plus", src: "FROM scratch\nENV LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH}:}/usr/lib\n", want: 0},
		{name: "unset-safe default", src: "FROM scratch\nENV RUNTIME_UID=${UID:-1000}\n", want: 0},
		{name: "unset-safe without colon", src: "FROM scratch\nENV A=${B-x} C=${D+y}\n", want: 0},
		{name: "unset-safe and plain", src: "FROM scratch\nENV A=${B:-x}$B\n", want: 1},
	})
	// Offline, a variable of the file says why it is not seen.
	for src, want := range map[string]string{
		"FROM alpine:3.20\nENV NVM_DIR=/nvm PATH=$NVM_DIR/bin:$PATH\n":        "Usage of undefined variable '$NVM_DIR': this ENV sets NVM_DIR, but its values read the variables as they were before it: set NVM_DIR in an ENV above",
		"FROM alpine:3.20\nCOPY a $DIR/\nARG DIR=/x\n":                        "Usage of undefined variable '$DIR': it is set only further down: move the ARG of DIR above this line",
		"FROM alpine:3.20 AS a\nENV DIR=/x\nFROM alpine:3.20\nCOPY a $DIR/\n": "Usage of undefined variable '$DIR': it is set in another stage, which this one does not start from",
		"FROM scratch\nCOPY a $DIR/\n":                                        "Usage of undefined variable '$DIR'",
	} {
		fs := lintWith(t, src, "UndefinedVar")
		if len(fs) != 1 || fs[0].Message != want {
			t.Errorf("%q: got %+v\nwant %q", src, fs, want)
		}
	}
}

// NoEmptyContinuation keeps BuildKit's text and adds what the empty line
// joins, so that the reader sees the swallowed instruction.
func TestNoEmptyContinuationSaysWhatItJoins(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{
			// Corpus: swiftlang__swift-docker/nightly-5.10__amazonlinux__2__Dockerfile.
			name: "instruction swallowed by a command",
			src:  "FROM alpine:3.20\nRUN curl -fsSLO https://example.com/t.tar.gz \\\n    && tar -xzf t.tar.gz \\\n    && rm -rf t.tar.gz \\\n\n# Print the version\nRUN swift --version\n",
			want: "Empty continuation line: the empty line joins `RUN swift --version` to the `rm` command above, as its arguments; if the instruction was to end before the empty line, remove the `\\` at the end of the line before it",
		},
		{
			name: "instruction swallowed by an instruction",
			src:  "FROM alpine:3.20\nVOLUME /data \\\n\nCOPY a /a\n",
			want: "Empty continuation line: the empty line joins `COPY a /a` to the VOLUME instruction above, as its arguments; if the instruction was to end before the empty line, remove the `\\` at the end of the line before it",
		},
		{
			name: "escape directive",
			src:  "# escape=`\nFROM alpine:3.20\nRUN del a `\n\nCOPY a /a\n",
			want: "Empty continuation line: the empty line joins `COPY a /a` to the `del` command above, as its arguments; if the instruction was to end before the empty line, remove the ``` at the end of the line before it",
		},
		{
			name: "continuation meant",
			src:  "FROM alpine:3.20\nRUN make \\\n\n    && make install\n",
			want: "Empty continuation line: the empty line is dropped and `&& make install` goes on with the RUN instruction above; remove the empty line",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintWith(t, tt.src, "NoEmptyContinuation")
			if len(fs) != 1 || fs[0].Message != tt.want {
				t.Errorf("got %+v\nwant %q", fs, tt.want)
			}
		})
	}
}

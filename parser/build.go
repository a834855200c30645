package parser

import (
	"fmt"
	"maps"
	"strings"

	"github.com/containerd/platforms"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// Build is what a build gives a Dockerfile besides its text: the platform
// it builds for (`docker build --platform`) and the build arguments
// (`--build-arg`). The FROM lines, and the ARGs they read, resolve for
// it; BuildKit's checks (rules/buildkit.go) run for it too. The zero Build
// is DefaultTargetPlatform without build arguments.
type Build struct {
	// Platform is the target platform; the zero value means
	// DefaultTargetPlatform.
	Platform ocispecs.Platform
	// Args are the build arguments by name. As in BuildKit, a value
	// replaces the default of a declared ARG (a global one, or a stage's),
	// and of the platform ARGs (TARGETARCH, BUILDPLATFORM, …); an argument
	// that no ARG declares changes nothing else.
	Args map[string]string
}

// ParsePlatform reads a platform as `docker build --platform` spells it:
// os/arch[/variant] ("linux/arm64", "linux/arm/v7"), normalised as BuildKit
// normalises it ("linux/aarch64" is linux/arm64). The OS is required:
// without it containerd takes the host's, and dflint's answers must not
// depend on the machine that lints.
func ParsePlatform(s string) (ocispecs.Platform, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "/") {
		return ocispecs.Platform{}, fmt.Errorf("invalid platform %q: give os/arch[/variant], like linux/arm64 or linux/arm/v7", s)
	}
	p, err := platforms.Parse(s)
	if err != nil {
		return ocispecs.Platform{}, fmt.Errorf("invalid platform %q: %w", s, err)
	}
	return platforms.Normalize(p), nil
}

// TargetPlatform is the platform the build is for.
func (b Build) TargetPlatform() ocispecs.Platform {
	if b.Platform.OS == "" {
		return defaultTargetPlatform
	}
	return b.Platform
}

// defaultTargetPlatform is DefaultTargetPlatform, parsed.
var defaultTargetPlatform = platforms.MustParse(DefaultTargetPlatform)

// Equal tells whether two builds resolve a file the same way.
func (b Build) Equal(o Build) bool {
	return platforms.FormatAll(b.TargetPlatform()) == platforms.FormatAll(o.TargetPlatform()) && maps.Equal(b.Args, o.Args)
}

// Arg returns the build argument name, if the build gives one.
func (b Build) Arg(name string) (string, bool) {
	v, ok := b.Args[name]
	return v, ok
}

// PlatformArgs are the ARGs BuildKit defines in every build for the build
// and target platforms, in its order: dockerfile2llb.defaultArgs (BuildKit
// v0.34.2, frontend/dockerfile/dockerfile2llb/platform.go) less
// TARGETSTAGE, which names the --target stage and is no platform's. The
// build platform is the target platform, as in BuildKit's DockerfileLint,
// which is given no build platforms; a build argument of the same name
// replaces a value, as in defaultArgs.
// Callers must not modify the result: the default build's is shared.
func (b Build) PlatformArgs() [][2]string {
	if b.Platform.OS == "" && len(b.Args) == 0 {
		return defaultPlatformArgs
	}
	return b.platformArgs()
}

// defaultPlatformArgs are the zero Build's PlatformArgs, which every file
// linted without --platform or --build-arg asks for twice.
var defaultPlatformArgs = Build{}.platformArgs()

func (b Build) platformArgs() [][2]string {
	tp := b.TargetPlatform()
	out := PlatformArgPairs(tp, tp)
	for i, kv := range out {
		if v, ok := b.Args[kv[0]]; ok {
			out[i][1] = v
		}
	}
	return out
}

// PlatformArgPairs are the predefined platform ARGs for build platform bp
// and target platform tp, names and values in dockerfile2llb.defaultArgs'
// order (BuildKit v0.34.2), without TARGETSTAGE: the one table that both
// the parser and internal/buildkitcheck read.
func PlatformArgPairs(bp, tp ocispecs.Platform) [][2]string {
	return [][2]string{
		{"BUILDPLATFORM", platforms.Format(bp)},
		{"BUILDOS", bp.OS},
		{"BUILDOSVERSION", bp.OSVersion},
		{"BUILDARCH", bp.Architecture},
		{"BUILDVARIANT", bp.Variant},
		{"TARGETPLATFORM", platforms.FormatAll(tp)},
		{"TARGETOS", tp.OS},
		{"TARGETOSVERSION", tp.OSVersion},
		{"TARGETARCH", tp.Architecture},
		{"TARGETVARIANT", tp.Variant},
	}
}

// ParseFor parses src as a Dockerfile reported under path, with its FROM
// lines resolved for build b. Parse is ParseFor with the zero Build.
func ParseFor(path string, src []byte, b Build) *File {
	return parse(path, src, b)
}

package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/spf13/pflag"
)

// buildFlags are what `docker build` gives a Dockerfile besides its text,
// spelt as docker build spells them: the target platform and the build
// arguments. The FROM lines resolve for them and BuildKit's checks run
// with them.
type buildFlags struct {
	Platform  string
	BuildArgs []string
}

func (b *buildFlags) register(f *pflag.FlagSet) {
	f.StringVar(&b.Platform, "platform", "", "the platform the files are built for, os/arch[/variant] as `docker build --platform` takes it (linux/arm64, linux/arm/v7); sets TARGETARCH and the other platform ARGs and the platform BuildKit's checks expect of base images (default: "+parser.DefaultTargetPlatform+", whatever the machine; one platform: run dflint once for each of several)")
	// StringArray, not StringSlice: a value may hold commas (--build-arg
	// PKGS=a,b), as in docker build.
	f.StringArrayVar(&b.BuildArgs, "build-arg", nil, "a build argument, NAME=VALUE, as `docker build --build-arg` takes it (repeatable; NAME alone takes the value from the environment, and is left out when the environment has none): it replaces the default of the ARG of that name, for the FROM lines and BuildKit's checks (UndefinedVar, UndefinedArgInFrom, …)")
}

// build reads the flags into the build the files are linted for.
func (b *buildFlags) build() (parser.Build, error) {
	var out parser.Build
	if p := strings.TrimSpace(b.Platform); p != "" {
		if strings.Contains(p, ",") {
			// docker build --check with several platforms checks each;
			// one dflint run reports for one, so that a finding never
			// has to say which platform it belongs to.
			return out, fmt.Errorf("invalid --platform %q: give one platform; to check several, run dflint once for each", b.Platform)
		}
		plat, err := parser.ParsePlatform(p)
		if err != nil {
			return out, fmt.Errorf("--platform: %w", err)
		}
		out.Platform = plat
	}
	args, err := buildArgs(b.BuildArgs, os.LookupEnv)
	if err != nil {
		return out, err
	}
	out.Args = args
	return out, nil
}

// buildArgs reads --build-arg values as docker build (buildx's listToMap)
// does: NAME=VALUE sets NAME; NAME alone takes the value of the
// environment variable NAME, and sets nothing when there is none; a later
// value of a name wins. Nil when there are none.
func buildArgs(values []string, lookupEnv func(string) (string, bool)) (map[string]string, error) {
	if len(values) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, v := range values {
		name, value, hasValue := strings.Cut(v, "=")
		if name == "" {
			return nil, fmt.Errorf("invalid --build-arg %q: give NAME=VALUE, or NAME to take the value from the environment", v)
		}
		if !hasValue {
			env, ok := lookupEnv(name)
			if !ok {
				continue
			}
			value = env
		}
		out[name] = value
	}
	return out, nil
}

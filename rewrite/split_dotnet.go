package rewrite

// DF201's split for .NET: the `dotnet publish -o <dir>` output is copied
// into the ASP.NET Core runtime image of the SDK's version (it also runs
// console apps), or a chiseled image under the distroless policy.

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var dotnetBuildPackages = shellcmd.Set("git", "curl", "wget", "ca-certificates", "nodejs", "npm", "unzip", "tzdata")

func dotnetBuildOnlyEnv(k string) bool {
	return strings.HasPrefix(k, "DOTNET_CLI_") || strings.HasPrefix(k, "NUGET_") || k == "DOTNET_NOLOGO" ||
		k == "DOTNET_SKIP_FIRST_TIME_EXPERIENCE" || k == "PATH" || k == "DEBIAN_FRONTEND"
}

func PlanDotnet(s *splitStage) (*splitPlan, noSplit) {
	var arts []artifact
	var outs []string
	var why noSplit
	lang := func(r *stageRun) bool {
		if r.cmd.Name() != "dotnet" {
			return false
		}
		c := shellcmd.Simple{Argv: wordValues(r.cmd.Args)}
		if c.Sub() != "publish" {
			return true // restore, build, test, tool…
		}
		out := ""
		for i := 1; i < len(c.Argv); i++ {
			a := c.Argv[i]
			switch {
			case (a == "-o" || a == "--output") && i+1 < len(c.Argv):
				out = c.Argv[i+1]
			case strings.HasPrefix(a, "--output="):
				out = strings.TrimPrefix(a, "--output=")
			}
		}
		if out == "" || out == shellcmd.NonLiteral {
			why = "`dotnet publish` has no `-o` directory, so where the app lands is not certain"
			return true
		}
		dir := abs(r.cwd, out)
		outs = append(outs, dir)
		arts = append(arts, artifact{path: dir, dir: true})
		return true
	}
	if why := s.checkRuns(lang, func(p string) bool { return dotnetBuildPackages[p] }, &arts); why != "" {
		return nil, why
	}
	if why != "" {
		return nil, why
	}
	switch len(outs) {
	case 0:
		return nil, "nothing is published with `dotnet publish -o <dir>` in this stage"
	case 1:
	default:
		return nil, "the stage runs several `dotnet publish` commands"
	}
	out := outs[0]
	if s.command.ep == nil && s.command.cmd == nil {
		return nil, "there is no CMD or ENTRYPOINT, so the program to run is not known"
	}
	argv, ok := s.command.argv()
	if !ok || len(argv) == 0 {
		return nil, "the command is not a plain `dotnet <app>.dll` or the app's own executable"
	}
	if argv[0] == "dotnet" && len(argv) > 1 && argv[1] == "run" {
		return nil, "the command runs `dotnet run`, which builds at start: run the published app instead"
	}
	target := argv[0]
	if path.Base(argv[0]) == "dotnet" {
		if len(argv) < 2 || !strings.HasSuffix(argv[1], ".dll") {
			return nil, "the command does not run a .dll"
		}
		target = argv[1]
	}
	if s.finalCwd == "" && !path.IsAbs(target) {
		return nil, "the working directory is not known"
	}
	if !(artifact{path: out, dir: true}).matches(abs(s.finalCwd, target)) {
		return nil, fmt.Sprintf("the command runs `%s`, which `dotnet publish` does not write to `%s`", target, out)
	}

	// The ASP.NET Core image is the .NET runtime image plus ASP.NET Core:
	// it runs console apps and web apps alike, and nothing in a
	// Dockerfile says for certain which one this is.
	runtime, _, _ := s.info.Runtime()
	pl := &splitPlan{runtime: runtime, shell: true, dropEnv: dotnetBuildOnlyEnv}
	switch s.family {
	case "chainguard":
		return nil, "Chainguard's public .NET images carry only the newest .NET, which may not run an app built for this SDK"
	case "distroless":
		repo, tag, _ := strings.Cut(runtime, ":")
		if !strings.Contains(tag, "-") {
			distro := "noble"
			if major, _, _ := strings.Cut(tag, "."); len(major) == 1 && major < "8" {
				distro = "jammy" // .NET 6 and 7 have no Ubuntu 24.04 images
			}
			pl.runtime, pl.nonroot, pl.shell = repo+":"+tag+"-"+distro+"-chiseled", true, false
		}
	}
	pl.copies = [][2]string{{out, out}}
	if !pl.shell {
		pl.entrypoint = entrypointFor(s, argv[0])
	}
	pl.title = fmt.Sprintf("Publish in stage `%s` and run on `%s` (use the `runtime` image instead for a console app)", s.name, pl.runtime)
	return pl, ""
}

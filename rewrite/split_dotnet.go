package rewrite

// DF201's split for .NET: the `dotnet publish -o <dir>` output is copied
// into the ASP.NET Core runtime image (it also runs console apps) of the
// SDK's own .NET version and OS variant, as published (internal/images
// dotnet.json), a chiseled image under the distroless policy, or
// Chainguard's aspnet-runtime when the SDK is the .NET that Chainguard's
// free tier carries. The runtime's WORKDIR is the publish directory:
// ASP.NET Core's content root is the working directory, where it looks
// for appsettings.json and wwwroot.

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var dotnetBuildPackages = shellcmd.Set("git", "curl", "wget", "ca-certificates", "nodejs", "npm", "unzip", "tzdata")

// dotnetBuildOnlyEnv tells whether a variable only matters to the SDK
// (the CLI, NuGet, MSBuild) or to the build image (PATH, the SDK's own
// location and version): the runtime image sets its own. Everything else
// (ASPNETCORE_*, DOTNET_ settings of the runtime such as
// DOTNET_gcServer or DOTNET_SYSTEM_GLOBALIZATION_INVARIANT, the app's own
// variables) goes to the runtime stage.
func dotnetBuildOnlyEnv(k string) bool {
	switch {
	case strings.HasPrefix(k, "DOTNET_CLI_"), strings.HasPrefix(k, "NUGET_"), strings.HasPrefix(strings.ToUpper(k), "MSBUILD"):
		return true
	}
	switch k {
	case "DOTNET_NOLOGO", "DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "DOTNET_GENERATE_ASPNET_CERTIFICATE", "DOTNET_ADD_GLOBAL_TOOLS_TO_PATH",
		"DOTNET_SDK_VERSION", "DOTNET_ROOT", "DOTNET_TOOL_PATH", "PATH", "DEBIAN_FRONTEND":
		return true
	}
	return false
}

func PlanDotnet(s *splitStage) (*splitPlan, noSplit) {
	var arts []artifact
	var outs []string
	var why noSplit
	devCerts := false
	lang := func(r *stageRun) bool {
		if r.cmd.Name() != "dotnet" {
			return false
		}
		c := shellcmd.Simple{Argv: wordValues(r.cmd.Args)}
		if c.Sub() == "dev-certs" {
			devCerts = true
			return true
		}
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
	if devCerts {
		return nil, "the stage makes a development certificate with `dotnet dev-certs`: it stays in the build stage, and the app would find no certificate in the runtime image"
	}
	switch len(outs) {
	case 0:
		return nil, "nothing is published with `dotnet publish -o <dir>` in this stage"
	case 1:
	default:
		return nil, "the stage runs several `dotnet publish` commands"
	}
	out := outs[0]
	if why := dotnetHTTPS(s, out); why != "" {
		return nil, why
	}
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
	app := 0 // the index in argv of the app: the dll, or the app's executable
	if path.Base(argv[0]) == "dotnet" {
		if len(argv) < 2 || !strings.HasSuffix(argv[1], ".dll") {
			return nil, "the command does not run a .dll"
		}
		app = 1
	}
	target := argv[app]
	if s.finalCwd == "" && !path.IsAbs(target) {
		return nil, "the working directory is not known"
	}
	appPath := abs(s.finalCwd, target)
	if !(artifact{path: out, dir: true}).matches(appPath) {
		return nil, fmt.Sprintf("the command runs `%s`, which `dotnet publish` does not write to `%s`", target, out)
	}

	rt, why := images.DotnetRuntimeFor(s.info.Ref)
	if why != "" {
		return nil, why
	}
	// The ASP.NET Core image is the .NET runtime image plus ASP.NET Core:
	// it runs console apps and web apps alike, and nothing in a
	// Dockerfile says for certain which one this is.
	pl := &splitPlan{runtime: rt.Image, shell: true, dropEnv: dotnetBuildOnlyEnv, workdir: out}
	dotnet := argv[0]
	switch s.family {
	case "chainguard":
		if rt.Major() != images.ChainguardDotnetMajor() {
			return nil, fmt.Sprintf("Chainguard's free tier publishes only .NET %s, and an app built for .NET %s does not run on a newer major without RollForward",
				images.ChainguardDotnetMajor(), rt.Version)
		}
		if len(s.packages) > 0 {
			return nil, "the stage installs packages, and Chainguard's `dotnet-sdk` image has no package manager"
		}
		if !s.hasWorkdir {
			return nil, "the build runs in the SDK image's own working directory, which Chainguard's `dotnet-sdk` image does not share"
		}
		if rid := dotnetMuslRuntime(s); rid != "" {
			return nil, fmt.Sprintf("the build targets `%s` (musl), and Chainguard's .NET images are glibc", rid)
		}
		pl.builder = s.chainguard + "/dotnet-sdk:latest"
		pl.runtime, pl.nonroot, pl.shell = s.chainguard+"/aspnet-runtime:latest", true, false
		if app == 1 {
			dotnet = "/usr/bin/dotnet" // the image's ENTRYPOINT, images.json
		}
	case "distroless":
		if tag, ok := chiseledTag(rt); ok {
			pl.runtime, pl.nonroot, pl.shell = rt.Repository+":"+tag, true, false
		}
	}
	pl.copies = [][2]string{{out, out}}

	// The app runs from the publish directory: relative to it when the
	// command named it relative to another directory.
	newArgv := append([]string{}, argv...)
	newArgv[0] = dotnet
	if !path.IsAbs(target) && s.finalCwd != out {
		newArgv[app] = strings.TrimPrefix(appPath, out+"/")
		if app == 0 {
			newArgv[app] = "./" + newArgv[app]
		}
	}
	changed := strings.Join(newArgv, "\x00") != strings.Join(argv, "\x00")
	if !pl.shell || changed {
		epLen := len(argv)
		if s.command.ep != nil {
			if s.command.ep.IsJSONForm() {
				epLen = len(s.command.epArgv)
			}
			if app >= epLen {
				return nil, fmt.Sprintf("the app `%s` is named in the CMD, and the runtime's command must run it from `%s`", target, out)
			}
		}
		pl.entrypoint = newArgv[:epLen]
	}
	pl.title = fmt.Sprintf("Publish in stage `%s` and run on `%s` (use the `runtime` image instead for a console app)", s.name, pl.runtime)
	if pl.builder != "" {
		pl.title = fmt.Sprintf("Publish in stage `%s` on `%s` and run on `%s`", s.name, pl.builder, pl.runtime)
	}
	return pl, ""
}

// dotnetMuslRuntime is the musl runtime identifier a dotnet command of the
// stage names with -r/--runtime (linux-musl-x64), or "".
func dotnetMuslRuntime(s *splitStage) string {
	for _, r := range s.runs {
		if r.cmd.Name() != "dotnet" {
			continue
		}
		argv := wordValues(r.cmd.Args)
		for i, a := range argv {
			rid := ""
			switch {
			case (a == "-r" || a == "--runtime") && i+1 < len(argv):
				rid = argv[i+1]
			case strings.HasPrefix(a, "--runtime="):
				rid = strings.TrimPrefix(a, "--runtime=")
			}
			if strings.Contains(rid, "musl") || strings.HasPrefix(rid, "alpine") {
				return rid
			}
		}
	}
	return ""
}

// chiseledTag is the published chiseled (Ubuntu, no shell, non-root)
// variant of a runtime tag: the same Ubuntu release, or for a default
// tag the newest Ubuntu that has one.
func chiseledTag(rt images.DotnetRuntime) (string, bool) {
	var candidates []string
	version := rt.Version
	switch rt.Variant {
	case "":
		candidates = []string{version + "-noble-chiseled", version + "-jammy-chiseled"}
	case "-jammy", "-noble", "-resolute":
		candidates = []string{version + rt.Variant + "-chiseled"}
	}
	for _, t := range candidates {
		if images.DotnetPublished(rt.Repository, t) {
			return t, true
		}
	}
	return "", false
}

// dotnetHTTPS tells why a split would break https: Kestrel told to serve
// https (ASPNETCORE_URLS, an https port, --urls) with a certificate the
// runtime stage would not have. A certificate file inside the publish
// directory is copied with it.
func dotnetHTTPS(s *splitStage, out string) noSplit {
	https := ""
	certInOut := false
	for _, in := range s.stage.Instructions[1:] {
		c, ok := in.Command.(*instructions.EnvCommand)
		if !ok {
			continue
		}
		for _, kv := range c.Env {
			k := strings.ToUpper(kv.Key)
			k = strings.TrimPrefix(strings.TrimPrefix(k, "ASPNETCORE_"), "DOTNET_")
			switch {
			case k == "URLS" && strings.Contains(strings.ToLower(kv.Value), "https:"),
				k == "HTTPS_PORT", k == "HTTPS_PORTS":
				https = kv.Key
			case strings.HasPrefix(k, "KESTREL__CERTIFICATES__") && strings.HasSuffix(k, "__PATH"):
				certInOut = path.IsAbs(kv.Value) && (artifact{path: out, dir: true}).matches(path.Clean(kv.Value))
				if !certInOut {
					https = kv.Key
				}
			}
		}
	}
	if argv, ok := s.command.argv(); ok {
		for _, a := range argv {
			if strings.Contains(strings.ToLower(a), "https://") {
				https = "the command's " + "`" + a + "`"
			}
		}
	}
	if https == "" || certInOut {
		return ""
	}
	return noSplit(fmt.Sprintf("the app serves https (%s), and its certificate would not reach the runtime image: copy it there by hand", https))
}

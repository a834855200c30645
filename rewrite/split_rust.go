package rewrite

// DF201's split for Rust: `cargo build --release` (--release added when
// missing), and the binary alone on distroless cc (glibc) or static (musl
// targets), or Chainguard's glibc-dynamic or static.

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// cargoValueFlags are cargo options that take a value in the next word.
var cargoValueFlags = shellcmd.Set("--target", "--bin", "--target-dir", "--profile", "-p", "--package", "--manifest-path", "--features",
	"-F", "-j", "--jobs", "--color", "--config", "-Z", "--example", "--test", "--bench", "--message-format", "--root",
	"--path", "--exclude", "--lockfile-path", "--timings", "--artifact-dir", "--version", "--git", "--branch", "--tag", "--rev", "--index", "--registry")

// rustBuildPackages are packages a Rust build stage installs for the build
// only: compilers and linkers, pkg-config, and the OpenSSL headers (the
// distroless cc image has libssl).
var rustBuildPackages = shellcmd.Set("pkg-config", "pkgconf", "pkgconfig", "libssl-dev", "musl-dev", "musl-tools", "build-essential",
	"build-base", "cmake", "clang", "lld", "mold", "protobuf-compiler", "protobuf", "protobuf-dev", "git", "curl", "wget",
	"ca-certificates", "perl", "make", "gcc", "g++", "libc6-dev", "libc-dev", "binutils", "tzdata", "unzip")

// rustBuildOnlyEnv are variables only cargo and rustc read.
func rustBuildOnlyEnv(k string) bool {
	return strings.HasPrefix(k, "CARGO_") || strings.HasPrefix(k, "RUSTUP_") || strings.HasPrefix(k, "RUSTC") ||
		k == "RUSTFLAGS" || k == "RUSTDOCFLAGS" || strings.HasPrefix(k, "PKG_CONFIG") ||
		strings.HasPrefix(k, "OPENSSL_") || k == "CC" || k == "CXX" || k == "PATH" || k == "DEBIAN_FRONTEND" || k == "SQLX_OFFLINE"
}

// cargoBuild is one `cargo build` or `cargo install --path` of the project.
type cargoBuild struct {
	run     *stageRun
	install bool
	release bool
	flags   string // the flags, to compare repeated builds
	dir     string // where the binaries land
	triple  string
}

func PlanRust(s *splitStage) (*splitPlan, noSplit) {
	var builds []*cargoBuild
	var arts []artifact
	var why noSplit
	lang := func(r *stageRun) bool {
		switch r.cmd.Name() {
		case "rustup", "rustc", "sccache", "protoc", "cargo-chef":
			return r.cmd.Name() != "rustc"
		case "cargo":
		default:
			return false
		}
		b, bad := readCargoBuild(s, r)
		if bad != "" {
			why = bad
		}
		if b != nil {
			builds = append(builds, b)
			arts = append(arts, artifact{path: b.dir, dir: true})
		}
		return true
	}
	if why := s.checkRuns(lang, func(p string) bool {
		return rustBuildPackages[p] && !(p == "libssl-dev" && s.family == "chainguard")
	}, &arts); why != "" {
		return nil, why
	}
	if why != "" {
		return nil, why
	}
	if len(builds) == 0 {
		return nil, "no `cargo build` or `cargo install --path` of the program was found"
	}
	last := builds[len(builds)-1]
	for _, b := range builds {
		if b.flags != last.flags || b.install != last.install {
			return nil, "the stage runs several different cargo builds"
		}
	}
	argv, ok := s.command.argv()
	if !ok || len(argv) == 0 {
		if s.command.ep == nil && s.command.cmd == nil {
			return nil, "there is no CMD or ENTRYPOINT, so the program to run is not known"
		}
		return nil, "the command needs a shell (variables, operators or a shell-form ENTRYPOINT with a CMD), which distroless does not have"
	}
	if c := (shellcmd.Simple{Argv: argv}); c.Name() == "cargo" {
		return nil, "the command runs `cargo`: build the binary and run it instead"
	}
	prog, ok := s.programPath(argv[0], arts)
	if !ok {
		return nil, fmt.Sprintf("the command runs `%s`, which the build does not write", argv[0])
	}
	pl := &splitPlan{nonroot: true, dropEnv: rustBuildOnlyEnv}
	if !last.release {
		// A debug build: build the release profile instead, and run the
		// binary from target/…/release.
		for _, b := range builds {
			at := b.run.cmd.WordEnd(1)
			pl.buildEdits = append(pl.buildEdits, edit.Edit{Start: at, End: at, NewText: " --release"})
		}
		dir := path.Join(path.Dir(last.dir), "release")
		if path.Dir(prog) != last.dir {
			return nil, fmt.Sprintf("the command runs `%s`, which the build does not write", argv[0])
		}
		prog = path.Join(dir, path.Base(prog))
	}
	musl := strings.Contains(last.triple, "musl") || last.triple == "" && s.info.OS == images.Alpine
	switch {
	case musl && s.family == "chainguard":
		pl.runtime = s.chainguard + "/static:latest"
	case musl:
		pl.runtime = "gcr.io/distroless/static-debian13:nonroot"
	case s.family == "chainguard":
		pl.runtime = s.chainguard + "/glibc-dynamic:latest"
	default:
		// Debian 13: a binary linked against an older glibc (a bookworm
		// toolchain) runs on a newer one, and distroless's Debian 12
		// images are past their support (September 2026).
		pl.runtime = "gcr.io/distroless/cc-debian13:nonroot"
	}
	if s.family == "chainguard" && !musl && rustChainguardBuilds(s, last) {
		pl.builder = s.chainguard + "/rust:latest"
	}
	// A binary still in cargo's output directory goes to /usr/local/bin;
	// one the Dockerfile placed itself keeps its place.
	dest := prog
	if strings.HasPrefix(prog, path.Dir(last.dir)+"/") || last.install && path.Dir(prog) == last.dir {
		dest = path.Join("/usr/local/bin", path.Base(prog))
	}
	pl.copies = [][2]string{{prog, dest}}
	pl.entrypoint = entrypointFor(s, dest)
	pl.title = fmt.Sprintf("Build in stage `%s` and run the release binary on `%s`", s.name, pl.runtime)
	if pl.builder != "" {
		pl.title = fmt.Sprintf("Build in stage `%s` on `%s` and run the release binary on `%s`", s.name, pl.builder, pl.runtime)
	}
	return pl, ""
}

// rustChainguardBuilds tells whether the build runs the same on
// Chainguard's rust:latest (glibc, rustc and cargo without rustup, WORKDIR
// /work, no apk-tools: images.json) as on the rust image: no packages, a
// WORKDIR of its own, no rustup or cargo-installed tools, no cross
// target, and nothing that relies on the rust image's CARGO_HOME
// (/usr/local/cargo, its bin on PATH: imageDefaults) or RUSTUP_HOME.
func rustChainguardBuilds(s *splitStage, last *cargoBuild) bool {
	if !s.hasWorkdir || len(s.packages) > 0 || last.triple != "" {
		return false
	}
	inRustHome := func(p string) bool {
		for _, d := range []string{"/usr/local/cargo", "/usr/local/rustup"} {
			if p == d || strings.HasPrefix(p, d+"/") {
				return true
			}
		}
		return false
	}
	if inRustHome(last.dir) {
		return false // cargo install into $CARGO_HOME/bin
	}
	vars := map[string]bool{}
	sets := map[string]bool{}
	for _, in := range s.stage.Instructions[1:] {
		collectVars(in, vars)
		switch c := in.Command.(type) {
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				sets[kv.Key] = true
			}
		case *instructions.CopyCommand:
			if d, ok := s.expand(in, c.SourcesAndDest.DestPath); !ok || inRustHome(abs(s.cwd[in], d)) {
				return false
			}
		case *instructions.AddCommand:
			if d, ok := s.expand(in, c.SourcesAndDest.DestPath); !ok || inRustHome(abs(s.cwd[in], d)) {
				return false
			}
		}
	}
	for _, v := range []string{"CARGO_HOME", "RUSTUP_HOME"} {
		if vars[v] && !sets[v] {
			return false
		}
	}
	for _, r := range s.runs {
		switch r.cmd.Name() {
		case "rustup", "sccache", "cargo-chef":
			return false
		case "cargo":
			if c := (shellcmd.Simple{Argv: wordValues(r.cmd.Args)}); c.Sub() == "chef" || c.Sub() == "install" && r != last.run {
				return false // a tool installed into $CARGO_HOME/bin
			}
		}
	}
	return s.packageCommand() == nil
}

// readCargoBuild reads `cargo build` and `cargo install --path`. A build
// it cannot place (a manifest elsewhere, a workspace member) gives a
// reason instead.
func readCargoBuild(s *splitStage, r *stageRun) (*cargoBuild, noSplit) {
	c := r.cmd
	sub, subIdx := "", 0
	for i := 1; i < len(c.Args); i++ {
		v := c.Args[i].Value
		if strings.HasPrefix(v, "+") || strings.HasPrefix(v, "-") {
			continue
		}
		sub, subIdx = v, i
		break
	}
	if sub != "build" && sub != "install" && sub != "b" {
		return nil, ""
	}
	if subIdx != 1 {
		return nil, "`cargo` has options before its subcommand"
	}
	b := &cargoBuild{run: r, install: sub == "install"}
	var flags []string
	var targetDir, profile, root string
	hasPath := false
	for i := 2; i < len(c.Args); i++ {
		w := c.Args[i]
		if !w.Literal {
			return nil, fmt.Sprintf("`cargo %s` has an argument whose value is not known", sub)
		}
		name, val, inline := strings.Cut(w.Value, "=")
		if !inline && cargoValueFlags[name] && i+1 < len(c.Args) {
			i++
			val = c.Args[i].Value
		}
		flags = append(flags, name+"="+val)
		switch name {
		case "--release", "-r":
			b.release = true
		case "--target":
			b.triple = val
		case "--target-dir":
			targetDir = val
		case "--profile":
			profile = val
		case "--manifest-path", "-p", "--package", "--workspace", "--all":
			return nil, fmt.Sprintf("`cargo %s %s` builds another package or a workspace: the binary's path is not certain", sub, name)
		case "--root":
			root = val
		case "--path":
			hasPath = true
		case "--example", "--examples":
			return nil, "`cargo build --example` builds examples"
		}
	}
	if b.install {
		if !hasPath {
			return nil, "" // a tool from crates.io
		}
		b.release = true
		if root == "" {
			root = "/usr/local/cargo"
			if v, ok := shellcmd.EnvBefore(r.in).Get("CARGO_HOME"); ok && v != "" {
				root = v
			}
			if v, ok := shellcmd.EnvBefore(r.in).Get("CARGO_INSTALL_ROOT"); ok && v != "" {
				root = v
			}
		}
		b.dir = path.Join(abs(r.cwd, root), "bin")
		b.flags = strings.Join(flags, " ")
		return b, ""
	}
	if targetDir == "" {
		if v, ok := shellcmd.EnvBefore(r.in).Get("CARGO_TARGET_DIR"); ok && v != "" {
			targetDir = v
		} else if _, ok := r.cmd.Env["CARGO_TARGET_DIR"]; ok {
			return nil, "`CARGO_TARGET_DIR` is set for the build"
		} else {
			targetDir = "target"
		}
	}
	dir := abs(r.cwd, targetDir)
	if b.triple != "" {
		dir = path.Join(dir, b.triple)
	}
	switch {
	case profile == "release" || profile == "":
		if profile == "release" {
			b.release = true
		}
		if b.release {
			dir = path.Join(dir, "release")
		} else {
			dir = path.Join(dir, "debug")
		}
	case profile == "dev":
		dir = path.Join(dir, "debug")
	default:
		b.release = true // a custom profile: keep it
		dir = path.Join(dir, profile)
	}
	b.dir = dir
	b.flags = strings.Join(flags, " ")
	return b, ""
}

package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF205",
	Name:     "build-tools-in-final-stage",
	Severity: Info,
	Summary:  "compilers, `build-essential` or `-dev` packages installed in the final stage",
	Check:    checkBuildToolsInFinalStage,
})

// buildToolPackages are packages that only build software.
var buildToolPackages = shellcmd.Set("gcc", "g++", "gcc-c++", "cpp", "clang", "llvm", "make", "cmake", "ninja-build", "meson",
	"build-essential", "build-base", "autoconf", "automake", "libtool", "pkg-config", "pkgconf", "pkgconfig",
	"bison", "flex", "gfortran", "gcc-gfortran", "musl-dev", "linux-headers", "dpkg-dev", "rpm-build", "rpmdevtools")

// isBuildToolPackage tells whether a package name (version and
// architecture suffixes removed) is a build tool or a header package.
func isBuildToolPackage(name string) bool {
	name, _, _ = strings.Cut(name, "=")
	name, _, _ = strings.Cut(name, ":")
	if buildToolPackages[name] {
		return true
	}
	// gcc-12, g++-12, clang-17, llvm-17-dev
	for _, p := range []string{"gcc-", "g++-", "clang-", "cpp-"} {
		if v, ok := strings.CutPrefix(name, p); ok && v != "" && v[0] >= '0' && v[0] <= '9' {
			return true
		}
	}
	return strings.HasSuffix(name, "-dev") || strings.HasSuffix(name, "-devel")
}

func checkBuildToolsInFinalStage(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || isWindowsBase(final) || !shipsApplication(p.File) {
		return // compilers are the product of a base or toolchain image, and the point of a CI target
	}
	if info, ok := baseInfo(final); ok && info.IsToolchain() {
		return // DF201's concern
	}
	for in := range final.ChainInstructions() {
		if in.Name != "run" || shellcmd.IsWindowsInstruction(in) {
			continue
		}
		cmds := shellcmd.CommandsIn(in)
		aptAutoRemoved := aptMarkAutoPurge(cmds)
		var tools []string
		var first *shellcmd.Command
		for i, c := range cmds {
			pkgs, group := shellcmd.InstalledPackages(c)
			if len(pkgs) == 0 {
				continue
			}
			var found []string
			for _, w := range pkgs {
				if w.Literal && isBuildToolPackage(w.Value) && !removedLater(cmds[i+1:], w.Value, group) &&
					!(aptAutoRemoved && (c.Name() == "apt-get" || c.Name() == "apt")) {
					found = append(found, w.Value)
				}
			}
			if len(found) > 0 && first == nil {
				first = c
			}
			tools = append(tools, found...)
		}
		if first == nil {
			continue
		}
		msg := fmt.Sprintf("the final stage installs build tools (%s): they stay in the image; build in an earlier stage and copy the result (see DF201), or remove them in the same RUN", shellcmd.QuotedList(tools))
		p.Report(first.Call.Start(), first.Call.End(), msg, nil)
	}
}

// removedLater tells whether one of the commands removes the package (or
// its apk --virtual group) again.
func removedLater(cmds []*shellcmd.Command, pkg, group string) bool {
	for _, c := range cmds {
		var words []parser.Word
		switch c.Name() {
		case "apk":
			sub, name := shellcmd.ApkSub(c)
			if name != "del" {
				continue
			}
			words = c.OperandsAfter(&shellcmd.ApkSpec, sub)
		case "apt-get", "apt":
			sub, name, ok := c.Subcommand(&shellcmd.AptSpec)
			if !ok || name != "purge" && name != "remove" {
				continue
			}
			words = c.OperandsAfter(&shellcmd.AptSpec, sub)
		case "yum", "dnf", "microdnf", "zypper":
			sub, name, ok := c.Subcommand(shellcmd.RpmSpec(c))
			if !ok || name != "remove" && name != "erase" && name != "rm" && name != "autoremove" {
				continue
			}
			words = c.OperandsAfter(shellcmd.RpmSpec(c), sub)
		default:
			continue
		}
		for _, w := range words {
			// A removal list in a variable ($buildDeps) is taken to name
			// what was installed.
			if !w.Literal || w.Value == pkg || group != "" && w.Value == group {
				return true
			}
		}
	}
	return false
}

// aptMarkAutoPurge recognises the official images' way of removing build
// dependencies: `apt-mark auto '.*'` (after saving the manual list) and
// then `apt-get purge --auto-remove`, which removes everything installed
// since.
func aptMarkAutoPurge(cmds []*shellcmd.Command) bool {
	marked := false
	for _, c := range cmds {
		switch c.Name() {
		case "apt-mark":
			if len(c.Args) > 1 && c.Args[1].Value == "auto" {
				marked = true
			}
		case "apt-get", "apt":
			_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
			if marked && ok && (sub == "autoremove" || (sub == "purge" || sub == "remove") && c.HasOption(&shellcmd.AptSpec, "--auto-remove", "--autoremove")) {
				return true
			}
		}
	}
	return false
}

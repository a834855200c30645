package shellcmd

// Option syntax and subcommands of the RPM-family package managers (yum,
// dnf, microdnf, zypper), shared by DF441–DF444.

import (
	"strings"

	"github.com/dflint/dflint/parser"
)

// RpmYumSpec is the option syntax of yum, dnf and microdnf.
var RpmYumSpec = OptSpec{
	ShortValue: "cdexR",
	LongValue: Set("--config", "--installroot", "--enablerepo", "--disablerepo", "--exclude", "--excludepkgs", "--setopt",
		"--releasever", "--repo", "--repoid", "--downloaddir", "--destdir", "--debuglevel", "--errorlevel", "--rpmverbosity",
		"--forcearch", "--comment", "--advisory", "--bz", "--cve", "--sec-severity", "--repofrompath", "--color", "--nobest",
		"--setopt", "--installroot", "--platform-id", "--use-host-config"),
}

// ZypperSpec is zypper's option syntax (global and install options).
var ZypperSpec = OptSpec{
	ShortValue: "cDCRrtp",
	LongValue: Set("--config", "--reposd-dir", "--cache-dir", "--root", "--repo", "--type", "--from", "--plus-repo",
		"--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "--userdata", "--plus-content"),
}

// RpmFamily names the package manager family of a command: "yum" (yum,
// dnf, microdnf: they share options and caches) or "zypper"; "" for others.
func RpmFamily(c *Command) string {
	switch c.Name() {
	case "yum", "dnf", "dnf-3", "dnf5", "microdnf":
		return "yum"
	case "zypper":
		return "zypper"
	}
	return ""
}

// RpmInstall tells whether a command installs packages with yum, dnf,
// microdnf or zypper, and returns the index of the subcommand word.
func RpmInstall(c *Command) (sub int, ok bool) {
	switch RpmFamily(c) {
	case "yum":
		i, name, ok := c.Subcommand(&RpmYumSpec)
		if !ok {
			return 0, false
		}
		switch name {
		// `rei` is dnf's abbreviation of reinstall (dnf(8), "Reinstall
		// Command", checked 2026-12-07).
		case "install", "in", "groupinstall", "localinstall", "reinstall", "rei":
			return i, true
		}
	case "zypper":
		i, name, ok := c.Subcommand(&ZypperSpec)
		if !ok {
			return 0, false
		}
		switch name {
		case "install", "in":
			return i, true
		}
	}
	return 0, false
}

// RpmSpec is the option syntax of the command's family.
func RpmSpec(c *Command) *OptSpec {
	if RpmFamily(c) == "zypper" {
		return &ZypperSpec
	}
	return &RpmYumSpec
}

// RpmPinned tells whether a package operand of yum, dnf or zypper selects
// a version: `name-1.2`, `name = 1.2` style comparisons, a local or remote
// `.rpm`, a path. A word made only of a variable is not known and passes;
// so do groups and modules (`@core`).
func RpmPinned(f *parser.File, w parser.Word) bool {
	if !w.Literal && !strings.ContainsAny(LiteralPrefix(w.Word), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") {
		return true
	}
	v := w.Value
	if !w.Literal {
		v = string(f.Source[w.Start:w.End])
	}
	if strings.HasPrefix(v, "@") || strings.ContainsAny(v, "/=<>$") || strings.HasSuffix(v, ".rpm") {
		return true
	}
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '-' && v[i+1] >= '0' && v[i+1] <= '9' {
			return true
		}
	}
	return false
}

// rpmUpgradeCommands are the yum/dnf/microdnf subcommands that download
// and replace installed packages (dnf(8) "Upgrade Command", "Upgrade-Minimal
// Command"; yum(8) "update"; checked 2026-12-07). Like an install they fill
// the package cache.
var rpmUpgradeCommands = Set("upgrade", "up", "update", "upgrade-minimal", "up-min", "update-minimal")

// RpmModuleInstall tells whether a command is `yum/dnf module install …`
// and returns the index of its `install` word: the operands after it are
// module specs (`nodejs:20`).
func RpmModuleInstall(c *Command) (sub int, ok bool) {
	return rpmNestedInstall(c, "module")
}

// RpmGroupInstall tells whether a command is `dnf group install …` (dnf 4
// and later's spelling of groupinstall) and returns the index of its
// `install` word.
func RpmGroupInstall(c *Command) (sub int, ok bool) {
	return rpmNestedInstall(c, "group")
}

// rpmNestedInstall finds `<family command> <parent> install`.
func rpmNestedInstall(c *Command, parent string) (sub int, ok bool) {
	if RpmFamily(c) != "yum" {
		return 0, false
	}
	i, name, ok := c.Subcommand(&RpmYumSpec)
	if !ok || name != parent {
		return 0, false
	}
	_, operands := c.Options(&RpmYumSpec)
	for _, j := range operands {
		if j > i {
			if c.Args[j].Value == "install" {
				return j, true
			}
			return 0, false
		}
	}
	return 0, false
}

// RpmFillsCache tells whether a command downloads packages into the cache
// of its family: an install (RpmInstall), a module or group install, or,
// for yum, dnf and microdnf, an upgrade.
func RpmFillsCache(c *Command) bool {
	if _, ok := RpmInstall(c); ok {
		return true
	}
	if RpmFamily(c) != "yum" {
		return false
	}
	if _, ok := RpmModuleInstall(c); ok {
		return true
	}
	if _, ok := RpmGroupInstall(c); ok {
		return true
	}
	_, name, ok := c.Subcommand(&RpmYumSpec)
	return ok && rpmUpgradeCommands[name]
}

// RpmCacheDirs are where each family keeps repository metadata and
// downloaded packages when run as root: yum's, dnf 4's and dnf 5's
// (libdnf5, Fedora 41 and later) for the yum family, zypper's for zypper.
// Source: the packages' default cachedir settings (yum.conf(5), dnf.conf(5),
// dnf5.conf(5), zypp.conf), checked 2026-12-07.
var RpmCacheDirs = map[string][]string{
	"yum":    {"/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5"},
	"zypper": {"/var/cache/zypp"},
}

// rpmUserCacheSuffixes are the per-user cache directories (under a home
// directory) that dnf 5 uses when it runs as a user other than root.
var rpmUserCacheSuffixes = map[string][]string{
	"yum": {"/.cache/libdnf5"},
}

// RpmCacheMounted tells whether the RUN mounts a cache or tmpfs on the
// family's cache directory (or a directory above it), or on a home
// directory's dnf 5 cache.
func RpmCacheMounted(in *parser.Instruction, family string) bool {
	if HasCacheMount(in, RpmCacheDirs[family]...) {
		return true
	}
	for _, m := range RunMounts(in) {
		if m.Type != "cache" && m.Type != "tmpfs" {
			continue
		}
		for _, suffix := range rpmUserCacheSuffixes[family] {
			if strings.HasSuffix(strings.TrimRight(m.Target, "/"), suffix) {
				return true
			}
		}
	}
	return false
}

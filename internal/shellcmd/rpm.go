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
		case "install", "in", "groupinstall", "localinstall", "reinstall":
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

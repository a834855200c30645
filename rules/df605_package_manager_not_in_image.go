package rules

import (
	"fmt"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF605",
	Name:     "package-manager-not-in-image",
	Severity: Error,
	Summary:  "a package manager the stage's image does not have (`apt-get` on Alpine, `apk` on Debian, any on distroless)",
	Check:    checkPackageManagerNotInImage,
})

// managerProviders are the packages, and the file names, that put a package
// manager in place: a stage that installs or copies one has it.
var managerProviders = map[string][]string{
	"apt-get": {"apt"}, "apt": {"apt"},
	"apk":   {"apk-tools", "apk-tools-static", "apk.static"},
	"yum":   {"yum"},
	"dnf":   {"dnf"},
	"dnf-3": {"dnf"}, "dnf5": {"dnf5"},
	"microdnf": {"microdnf"},
	"tdnf":     {"tdnf"},
	"zypper":   {"zypper"},
}

// installExample is how each package manager installs, for messages.
var installExample = map[string]string{
	"apt":      "apt-get install -y",
	"apk":      "apk add --no-cache",
	"dnf":      "dnf install -y",
	"yum":      "yum install -y",
	"microdnf": "microdnf install -y",
	"tdnf":     "tdnf install -y",
	"zypper":   "zypper install -y",
}

func checkPackageManagerNotInImage(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		info, root, ok := imageFactsFor(p, in)
		if !ok || info.PackageManager == "" {
			continue
		}
		seen := map[string]bool{}
		for _, c := range shellcmd.CommandsIn(in) {
			name := c.Name()
			group, known := shellcmd.PackageManagerGroup(name)
			if !known || seen[name] || !standardPath(c.Args[0].Value) || !missingManager(name, group, info.PackageManager) {
				continue
			}
			if guardedCall(c.Call) || stageHasBefore(in, c.Call.Start(), managerProviders[name], append([]string{name}, managerProviders[name]...)) {
				continue
			}
			seen[name] = true
			p.Report(c.Call.Start(), c.Call.End(), missingManagerMessage(name, root.Base, info), nil)
		}
	}
}

// missingManager tells whether an image whose package manager is pm lacks
// the command name of group.
func missingManager(name, group, pm string) bool {
	switch {
	case pm == "none":
		return true
	case pm == "microdnf" && group == "rpm" && name != "microdnf":
		return true // ubi-minimal: microdnf only
	}
	have, known := shellcmd.PackageManagerGroup(pm)
	return known && have != group // false for a package manager DF605 does not know
}

func missingManagerMessage(name, base string, info images.Info) string {
	if info.PackageManager == "none" {
		var advice string
		switch {
		case info.Family == images.FamilyChainguard:
			advice = "Chainguard's runtime images have none: run this stage on the image's `-dev` variant (`:latest-dev`, which has apk), or install in a build stage on it and COPY the result"
		case info.OS == images.Distroless || info.OS == images.NoOS:
			advice = "install in a build stage and COPY what you need into this one"
		case info.OS == images.BusyBox:
			advice = "use an image that has one (alpine, which is BusyBox with apk), or install in a build stage and COPY the result"
		default:
			advice = "install in a build stage on an image that has one and COPY the result"
		}
		return fmt.Sprintf("`%s` is not in %s: the image has no package manager; %s", name, base, advice)
	}
	os := osNames[info.OS]
	if os == "" {
		os = string(info.OS)
	}
	pm := info.PackageManager
	return fmt.Sprintf("`%s` is not in %s (%s): its package manager is %s; install with `%s …`, using %s package names", name, base, os, pm, installExample[pm], os)
}

package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF607",
	Name:     "package-not-in-distribution",
	Severity: Error,
	Summary:  "`apk add` or `apt-get install` of another distribution's package name (`apk add libcurl4`, `apt-get install build-base`)",
	Check:    checkPackageNotInDistribution,
})

func checkPackageNotInDistribution(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		info, root, ok := imageFactsFor(p, in)
		if !ok {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			var manager string
			switch c.Name() {
			case "apk":
				manager = "apk"
			case "apt-get", "apt":
				manager = "apt"
			default:
				continue
			}
			// A package manager the image does not have is DF605's.
			if manager != info.PackageManager {
				continue
			}
			guarded := -1 // guardedCall walks the script: asked once, when needed
			pkgs, _ := shellcmd.InstalledPackages(c)
			for _, w := range pkgs {
				if !w.Literal || strings.HasPrefix(w.Value, "-") || strings.ContainsAny(w.Value, "*?[") || strings.HasSuffix(w.Value, ".deb") || strings.HasSuffix(w.Value, ".apk") {
					continue
				}
				name := packageName(w.Value)
				from, want, ok := images.ForeignPackage(name, info.OS)
				if !ok {
					continue
				}
				if guarded < 0 {
					guarded = 0
					if guardedCall(c.Call) {
						guarded = 1
					}
				}
				if guarded == 1 {
					break
				}
				here := osNames[info.OS]
				p.Report(w.Start, w.End, fmt.Sprintf("`%s` is %s's package name: %s (%s) has no package by that name; install `%s`",
					name, images.DistributionName(from), root.Base, here, strings.Join(want, "` or `")), nil)
			}
		}
	}
}

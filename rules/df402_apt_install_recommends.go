package rules

import (
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF402",
	Name:       "apt-install-recommends",
	Severity:   Info,
	Summary:    "`apt-get install` without `--no-install-recommends`",
	Aliases:    []string{"DL3015", "DS-0029"},
	Fix:        Unsafe,
	FixSummary: "insert `--no-install-recommends` after `install`",
	Check:      checkAptInstallRecommends,
})

func checkAptInstallRecommends(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			sub, ok := shellcmd.AptInstall(c)
			if !ok || aptSkipsRecommends(c) {
				continue
			}
			at := c.WordEnd(sub)
			msg := "`" + c.Name() + " install` also installs recommended packages: add `--no-install-recommends` and name the ones you need"
			fix := &Fix{Title: "Add --no-install-recommends", Applicability: Unsafe, Edits: []Edit{{Start: at, End: at, NewText: " --no-install-recommends"}}}
			if by := caCertificatesOnlyRecommended(in, c); by != "" {
				// Without its Recommends the https download that follows
				// fails certificate verification: keep ca-certificates.
				msg += "; `ca-certificates` arrives only as a recommendation of `" + by + "` and a later https download needs it, so name it too"
				fix = &Fix{Title: "Add --no-install-recommends and ca-certificates", Applicability: Unsafe, Edits: []Edit{{Start: at, End: at, NewText: " --no-install-recommends"}}}
				// ca-certificates goes beside the package that recommended
				// it, in the package list (or after the options when that
				// word cannot be placed).
				caAt, caText := at, " ca-certificates"
				for _, w := range c.OperandsAfter(&shellcmd.AptSpec, sub) {
					if w.Literal && w.Value == by && w.End-w.Start == len(by) {
						caAt, caText = w.Start, "ca-certificates "
						break
					}
				}
				if caAt == at {
					fix.Edits[0].NewText += caText
				} else {
					fix.Edits = append(fix.Edits, Edit{Start: caAt, End: caAt, NewText: caText})
				}
			}
			p.Report(c.Call.Start(), c.Call.End(), msg, fix)
		}
	}
}

// aptSkipsRecommends tells whether an apt command leaves recommended
// packages out.
func aptSkipsRecommends(c *shellcmd.Command) bool {
	opts, _ := c.Options(&shellcmd.AptSpec)
	for _, o := range opts {
		if o.Name == "--no-install-recommends" || o.Name == "--install-recommends" && o.HasValue && !shellcmd.AptTrue(o.Value) {
			return true
		}
	}
	v, ok := shellcmd.AptConfig(c, "APT::Install-Recommends")
	return ok && !shellcmd.AptTrue(strings.TrimSpace(v))
}

// recommendsCACertificates are the Debian and Ubuntu packages whose
// Recommends bring ca-certificates (read 2026-12-07 from the packages'
// control data as `apt show` and `apt-cache depends` print it: wget
// 1.21.3 on Debian bookworm and 1.16 on jessie "Recommends: ca-certificates";
// git 1:2.43.0 on Ubuntu noble "Recommends: ca-certificates, patch, less,
// ssh-client"; curl through libcurl4t64, "Recommends: ca-certificates").
var recommendsCACertificates = []string{"curl", "wget", "git"}

// imagesWithCACertificates are the image families whose images already
// have ca-certificates installed: buildpack-deps' curl layer installs it,
// and the language images built on it or installing it themselves (read
// 2026-12-07 from the docker-library Dockerfiles of buildpack-deps, python,
// golang, ruby, php, eclipse-temurin). Plain debian and ubuntu images do
// not have it.
var imagesWithCACertificates = []string{"buildpack-deps", "python", "golang", "ruby", "php", "eclipse-temurin", "openjdk"}

// caCertificatesOnlyRecommended returns the package of an apt install
// that brings ca-certificates only as a recommendation, when the stage
// downloads over https after it (in the same RUN or later: curl, wget or
// git of an https URL, ADD of one), ca-certificates is not named, and the
// base image does not have it; "" otherwise.
func caCertificatesOnlyRecommended(in *parser.Instruction, c *shellcmd.Command) string {
	pkgs, _ := shellcmd.InstalledPackages(c)
	by := ""
	for _, w := range pkgs {
		name := shellcmd.WordText(w)
		if name == "ca-certificates" {
			return ""
		}
		if by == "" && slices.Contains(recommendsCACertificates, name) {
			by = name
		}
	}
	if by == "" || in.Stage == nil {
		return ""
	}
	chain := in.Stage.Chain()
	if ref, ok := chain[0].Image(); ok && slices.Contains(imagesWithCACertificates, images.Lookup(ref).Family) {
		return ""
	}
	later := false
	for x := range in.Stage.ChainInstructions() {
		later = later || x == in
		if !later {
			continue
		}
		if httpsDownload(x) {
			return by
		}
	}
	return ""
}

// httpsDownload tells whether an instruction downloads over https: an ADD
// of an https URL, or curl, wget or git given one.
func httpsDownload(in *parser.Instruction) bool {
	switch in.Name {
	case "add":
		for _, a := range in.Args() {
			if strings.HasPrefix(strings.ToLower(a), "https://") {
				return true
			}
		}
	case "run":
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			switch c.Name() {
			case "curl", "wget", "git":
				for _, a := range c.Argv[1:] {
					if strings.HasPrefix(strings.ToLower(a), "https://") {
						return true
					}
				}
			}
		}
	}
	return false
}

package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF313",
	Name:     "unverified-download",
	Severity: Warning,
	// Opt-in: in the corpus most such downloads are release archives
	// fetched over HTTPS from projects that publish no checksum next to
	// them (see the .md); teams that pin every artefact switch it on.
	OptIn:   true,
	Summary: "an archive or program downloaded in RUN and extracted, installed or run with no checksum or signature check",
	Check:   checkUnverifiedDownload,
})

// unpackers read an archive from standard input or a file operand: a
// download piped or handed to one of them ends up in the image.
var unpackers = map[string]bool{
	"tar": true, "bsdtar": true, "gtar": true, "unzip": true, "7z": true, "7za": true, "cpio": true,
	"gunzip": true, "gzip": true, "xz": true, "unxz": true, "bzip2": true, "bunzip2": true, "zstd": true, "unzstd": true,
}

// installers put a package file they are given into the image, or run it.
var installers = map[string]bool{
	"dpkg": true, "apt-get": true, "apt": true, "rpm": true, "yum": true, "dnf": true, "microdnf": true, "zypper": true,
	"apk": true, "pip": true, "pip3": true, "gem": true, "java": true, "install": true, "chmod": true,
	"sh": true, "bash": true, "dash": true, "ash": true, "zsh": true, "python": true, "python3": true, "perl": true,
}

// binDirs are where a downloaded file is a program on PATH as soon as it
// is saved.
var binDirs = []string{"/usr/local/bin/", "/usr/bin/", "/bin/", "/usr/local/sbin/", "/usr/sbin/", "/sbin/"}

func checkUnverifiedDownload(p *Pass) {
	skipPlainHTTP := p.ruleRuns("DF312") // DF312 reports those already
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		downloads := downloadsIn(in)
		if len(downloads) == 0 || verifiedFrom(in) {
			continue
		}
		var used []download
		var how []string
		for _, d := range downloads {
			if privateHost(d.Host) || skipPlainHTTP && d.Scheme == "http" || commitPinned(d) {
				continue
			}
			if verb := useOfDownload(in, d); verb != "" {
				used = append(used, d)
				how = append(how, verb)
			}
		}
		if len(used) == 0 {
			continue
		}
		start, end := used[0].Cmd.Call.Start(), used[len(used)-1].Cmd.Call.End()
		const advice = "nothing checks that it is the file you reviewed. Check the sha256 the project publishes (`echo \"<sha256>  file\" | sha256sum -c -`) or its signature (`gpg --verify`) before using it"
		var msg string
		if len(used) == 1 {
			msg = fmt.Sprintf("%s is downloaded and %s, and %s", used[0].URL, how[0], advice)
		} else {
			msg = fmt.Sprintf("%d downloads (%s, …) are extracted, installed or run, and %s", len(used), used[0].URL, advice)
		}
		p.Report(start, end, msg, nil)
	}
}

// gitHosts serve files and archives by commit over HTTPS
// (github.com/o/r/archive/<sha>.tar.gz, raw.githubusercontent.com/o/r/<sha>/f).
var gitHosts = map[string]bool{
	"github.com": true, "raw.githubusercontent.com": true, "codeload.github.com": true,
	"gitlab.com": true, "bitbucket.org": true,
}

var commitInPath = lazyRegexp(`/[0-9a-f]{40}(?:[/.]|$)`)

// commitPinned tells whether a download is addressed by a full commit hash
// on a Git host over HTTPS: the hash names the content, as a checksum would
// (tianon's containerd image fetches `hack/dind` that way).
func commitPinned(d download) bool {
	return d.Scheme == "https" && gitHosts[d.Host] && commitInPath().MatchString(d.URL)
}

// useOfDownload says how the RUN uses a download ("extracted by `tar`"),
// "" when it does not extract, install or run it as far as can be seen:
// a download piped into a shell is DF305's, a key into gpg is not an
// archive, a config file saved is left alone.
func useOfDownload(in *parser.Instruction, d download) string {
	if d.Piped {
		if unpackers[d.PipedTo] {
			return "extracted by `" + d.PipedTo + "`"
		}
		return ""
	}
	saved := d.Saved
	if saved == "" || strings.IndexByte(saved, 0) >= 0 {
		return ""
	}
	for _, dir := range binDirs {
		if strings.HasPrefix(saved, dir) {
			return "saved as a program in " + strings.TrimSuffix(dir, "/")
		}
	}
	base := path.Base(saved)
	if base == "." || base == "/" {
		return ""
	}
	after := false
	for _, c := range shellcmd.CommandsIn(in) {
		if c == d.Cmd {
			after = true
			continue
		}
		if !after {
			continue
		}
		name := c.Name()
		for i, a := range c.Args {
			shape := wordShape(a.Word)
			if i > 0 && strings.HasPrefix(shape, "-") {
				// -f file.tgz attached (`-xzffile` is rare): only
				// a long option's value after "=" is a path.
				_, v, has := strings.Cut(shape, "=")
				if !has {
					continue
				}
				shape = v
			}
			if path.Base(shape) != base {
				continue
			}
			switch {
			case i == 0:
				return "run"
			case unpackers[name]:
				return "extracted by `" + name + "`"
			case installers[name]:
				return "used by `" + name + "`"
			}
		}
	}
	return ""
}

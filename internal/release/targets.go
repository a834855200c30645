//go:build devtools

package main

// target is one platform a release ships an archive for.
type target struct {
	OS, Arch string
}

// targets are the platforms of a release: what GoReleaser builds by
// default for a pure-Go program (linux, darwin and windows on amd64 and
// arm64), the set users of hadolint's and golangci-lint's releases find.
var targets = []target{
	{"linux", "amd64"},
	{"linux", "arm64"},
	{"darwin", "amd64"},
	{"darwin", "arm64"},
	{"windows", "amd64"},
	{"windows", "arm64"},
}

func (t target) String() string { return t.OS + "/" + t.Arch }

// exe is the binary's file name on the target.
func (t target) exe() string {
	if t.OS == "windows" {
		return "dflint.exe"
	}
	return "dflint"
}

// archiveExt is .zip on Windows (what Explorer opens), .tar.gz elsewhere
// (keeps the binary's executable bit).
func (t target) archiveExt() string {
	if t.OS == "windows" {
		return ".zip"
	}
	return ".tar.gz"
}

// archiveName is dflint_<version>_<os>_<arch>.<ext>, GoReleaser's default
// name_template with the version's leading "v" dropped, as its .Version is.
func (t target) archiveName(version string) string {
	return "dflint_" + trimV(version) + "_" + t.OS + "_" + t.Arch + t.archiveExt()
}

func trimV(version string) string {
	if len(version) > 1 && version[0] == 'v' {
		return version[1:]
	}
	return version
}

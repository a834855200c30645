package images

// The Go flag data (goflags.json): from which Go version a `go build` flag
// exists. A flag a Go release does not know fails the build ("flag
// provided but not defined: -trimpath" on Go 1.12), so the split adds a
// flag only where the image's Go has it.

import (
	_ "embed"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dflint/dflint/parser"
)

//go:embed goflags.json
var goFlagsData []byte

type goFlagsDatabase struct {
	Checked string `json:"checked"`
	Note    string `json:"note"`
	Flags   []struct {
		Flag   string `json:"flag"`
		Since  string `json:"since"`
		Source string `json:"source"`
	} `json:"flags"`
}

var goFlagsDB = sync.OnceValue(func() *goFlagsDatabase {
	var db goFlagsDatabase
	if err := decodeStrict(goFlagsData, &db); err != nil {
		panic("goflags.json: " + err.Error())
	}
	return &db
})

// goTagVersion reads the Go major.minor at the start of a golang tag.
var goTagVersion = regexp.MustCompile(`^([0-9]+)\.([0-9]+)`)

// goVersion is the Go version of a Go toolchain image: current is true
// for an unversioned tag or Chainguard's go, known is false when the
// image's Go version cannot be read.
func goVersion(ref parser.ImageRef) (major, minor int, current, known bool) {
	switch {
	case ref.Repository() == "golang":
		if m := goTagVersion.FindStringSubmatch(ref.Tag); m != nil {
			major, _ = strconv.Atoi(m[1])
			minor, _ = strconv.Atoi(m[2])
			return major, minor, false, true
		}
		// latest, alpine, bookworm, 1, 1-alpine: the newest Go.
		return 0, 0, true, true
	case ref.Domain == "cgr.dev" && ref.Name() == "go":
		return 0, 0, true, true
	}
	return 0, 0, false, false
}

// GoImageVersion is the Go major.minor of a Go toolchain image's tag;
// current is true for an unversioned tag (latest, alpine, 1) and for
// Chainguard's go; known is false when the version cannot be read.
func GoImageVersion(ref parser.ImageRef) (major, minor int, current, known bool) {
	return goVersion(ref)
}

// GoFlagSupported tells whether the Go of the image ref has a `go build`
// flag (or variable) that goflags.json lists. A flag it does not list, or
// an image whose Go version is not known, gives false for a flag with a
// minimum above Go 1.0.
func GoFlagSupported(ref parser.ImageRef, flag string) bool {
	for _, f := range goFlagsDB().Flags {
		if f.Flag != flag {
			continue
		}
		maj, min, ok := strings.Cut(f.Since, ".")
		if !ok {
			return false
		}
		wantMajor, _ := strconv.Atoi(maj)
		wantMinor, _ := strconv.Atoi(min)
		if wantMajor <= 1 && wantMinor == 0 {
			return true
		}
		major, minor, current, known := goVersion(ref)
		switch {
		case !known:
			return false
		case current:
			return true
		}
		return major > wantMajor || major == wantMajor && minor >= wantMinor
	}
	return false
}

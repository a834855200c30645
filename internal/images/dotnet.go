package images

// The .NET runtime data (dotnet.json): which ASP.NET Core runtime image
// and tag run what an SDK image builds. The tag is derived from the SDK's
// tag (its .NET major.minor and OS variant) and written only when the
// runtime repository published it: a split onto a tag that never existed
// does not build, and a split onto another .NET version does not start
// (.NET does not roll an app forward to a newer major by default).

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dflint/dflint/parser"
)

//go:embed dotnet.json
var dotnetData []byte

type dotnetDatabase struct {
	Checked string   `json:"checked"`
	Note    string   `json:"note"`
	Sources []string `json:"sources"`
	SDKs    []struct {
		Repository string `json:"repository"`
		Tag        string `json:"tag"`
		Runtime    string `json:"runtime"`
		RuntimeTag string `json:"runtimeTag"`
		Source     string `json:"source"`
		re         *regexp.Regexp
	} `json:"sdks"`
	// Latest maps an SDK repository to the runtime image of its latest
	// tag.
	Latest        map[string]string `json:"latest"`
	DebianSlim    map[string]string `json:"debianSlim"`
	LatestVersion struct {
		Version string `json:"version"`
		Source  string `json:"source"`
	} `json:"latestVersion"`
	Chainguard struct {
		Major  string `json:"major"`
		Source string `json:"source"`
	} `json:"chainguard"`
	Published map[string][]string `json:"published"`
	published map[string]map[string]bool
}

var dotnetDB = sync.OnceValue(func() *dotnetDatabase {
	db, err := parseDotnet(dotnetData)
	if err != nil {
		panic("dotnet.json: " + err.Error())
	}
	return db
})

func parseDotnet(b []byte) (*dotnetDatabase, error) {
	var db dotnetDatabase
	if err := decodeStrict(b, &db); err != nil {
		return nil, err
	}
	for i := range db.SDKs {
		re, err := regexp.Compile(db.SDKs[i].Tag)
		if err != nil {
			return nil, fmt.Errorf("sdk %s: %w", db.SDKs[i].Repository, err)
		}
		if re.SubexpIndex("version") < 0 {
			return nil, fmt.Errorf("sdk %s: the tag pattern has no (?P<version>…) group", db.SDKs[i].Repository)
		}
		db.SDKs[i].re = re
	}
	db.published = map[string]map[string]bool{}
	for repo, tags := range db.Published {
		db.published[repo] = map[string]bool{}
		for _, t := range tags {
			db.published[repo][t] = true
		}
	}
	return &db, nil
}

// DotnetRuntime is the ASP.NET Core runtime of a .NET SDK image.
type DotnetRuntime struct {
	// Image is the runtime image reference (mcr.microsoft.com/dotnet/aspnet:8.0).
	Image string
	// Repository and Tag are its parts; Version is the .NET major.minor
	// ("8.0"; the data's latest version for a latest tag) and Variant
	// the OS variant of the tag ("-alpine", "" for the default).
	Repository, Tag, Version, Variant string
}

// Major is the .NET major version ("8").
func (r DotnetRuntime) Major() string {
	m, _, _ := strings.Cut(r.Version, ".")
	return m
}

// DotnetRuntimeFor returns the runtime image of the SDK image ref, or why
// there is none: a tag whose version is not read, or a runtime tag the
// runtime repository never published.
func DotnetRuntimeFor(ref parser.ImageRef) (DotnetRuntime, string) {
	db := dotnetDB()
	repo := ref.Repository()
	tag := ref.Tag
	if tag == "" {
		tag = "latest"
	}
	if tag == "latest" {
		if img, ok := db.Latest[repo]; ok {
			r, t, _ := strings.Cut(img, ":")
			return DotnetRuntime{Image: img, Repository: r, Tag: t, Version: db.LatestVersion.Version}, ""
		}
	}
	known := false
	for _, s := range db.SDKs {
		if s.Repository != repo {
			continue
		}
		known = true
		m := s.re.FindStringSubmatch(tag)
		if m == nil {
			continue
		}
		version := m[s.re.SubexpIndex("version")]
		variant := ""
		if i := s.re.SubexpIndex("variant"); i >= 0 {
			variant = m[i]
		}
		build := func(variant string) string {
			return strings.NewReplacer("${version}", version, "${variant}", variant).Replace(s.RuntimeTag)
		}
		candidates := []string{build(variant)}
		if slim, ok := db.DebianSlim[strings.TrimPrefix(variant, "-")]; ok {
			// The SDK is on full Debian, its runtime on the slim image
			// of the same release.
			candidates = append(candidates, build("-"+slim))
		}
		for _, t := range candidates {
			if db.published[s.Runtime][t] {
				return DotnetRuntime{Image: s.Runtime + ":" + t, Repository: s.Runtime, Tag: t, Version: version, Variant: variant}, ""
			}
		}
		return DotnetRuntime{}, fmt.Sprintf("`%s` never published the tag `%s` for the .NET %s runtime of `%s`", s.Runtime, candidates[0], version, ref.Original)
	}
	if !known {
		return DotnetRuntime{}, fmt.Sprintf("dflint does not know the runtime image of `%s`", repo)
	}
	return DotnetRuntime{}, fmt.Sprintf("the tag `%s` does not name a .NET major.minor version, so the runtime that runs the app is not known", tag)
}

// DotnetPublished tells whether the runtime repository published the tag.
func DotnetPublished(repo, tag string) bool { return dotnetDB().published[repo][tag] }

// ChainguardDotnetMajor is the .NET major version of Chainguard's free
// tier .NET images.
func ChainguardDotnetMajor() string { return dotnetDB().Chainguard.Major }

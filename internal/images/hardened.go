package images

// The hardened-image data (hardened.json) maps an image to its distroless
// and Chainguard equivalents, and the package data (packages.json) maps
// apt and rpm package names to their names on the apk-based distributions
// (Alpine, Wolfi). Both files carry the date they were checked and their
// sources, like internal/eol; the facts about the target images themselves
// (user, package manager) stay in images.json, which Lookup reads, so that
// there is one place that says "Chainguard images run as nonroot".

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/dflint/dflint/parser"
)

// The base-image families a policy can choose (rules.BasePolicy.Family).
const (
	FamilySlim       = "slim"
	FamilyAlpine     = "alpine"
	FamilyDistroless = "distroless"
	FamilyChainguard = "chainguard"
)

// BaseFamilies lists the families in the order users are told about them.
var BaseFamilies = []string{FamilySlim, FamilyAlpine, FamilyDistroless, FamilyChainguard}

// IsHardenedFamily tells whether a family is one that DF105 moves images to.
func IsHardenedFamily(f string) bool { return f == FamilyDistroless || f == FamilyChainguard }

//go:embed hardened.json
var hardenedData []byte

//go:embed packages.json
var packagesData []byte

// Hardened is the equivalent of an image in a hardened family.
type Hardened struct {
	// Family is FamilyDistroless or FamilyChainguard.
	Family string
	// Runtime is the full reference of the equivalent without a shell
	// (gcr.io/distroless/python3-debian12:nonroot, cgr.dev/chainguard/python:latest).
	Runtime string
	// Shell is the full reference of the variant with a shell and apk
	// (cgr.dev/chainguard/python:latest-dev, cgr.dev/chainguard/wolfi-base:latest);
	// "" when the family has none that can build (distroless: its debug
	// tags have a BusyBox shell at /busybox/sh only, and no package manager).
	Shell string
	// Entrypoint is true when the equivalent starts its CMD through an
	// ENTRYPOINT of its own (python, node, java -jar).
	Entrypoint bool
	// Note is what a user should know about the swap.
	Note string
}

// Hardened returns the image's equivalent in a hardened family (distroless
// or chainguard). registry replaces the Chainguard registry and
// organisation (cgr.dev/chainguard) when it is not "". When there is none,
// ok is false and why says why, if the data knows ("" when the image is
// simply not in the table).
func (i Info) Hardened(family, registry string) (h Hardened, ok bool, why string) {
	e := hardenedDB().find(i)
	if e == nil {
		return Hardened{}, false, ""
	}
	h = Hardened{Family: family, Entrypoint: e.Entrypoint, Note: e.Note}
	switch family {
	case FamilyDistroless:
		base := hardenedDB().Registries[FamilyDistroless]
		for _, d := range e.Distroless {
			if d.tagRe == nil || d.tagRe.MatchString(i.tag) {
				h.Runtime = base + "/" + d.Image
				return h, true, ""
			}
		}
		return Hardened{}, false, e.DistrolessNone
	case FamilyChainguard:
		if e.Chainguard == nil {
			return Hardened{}, false, e.ChainguardNone
		}
		base := hardenedDB().Registries[FamilyChainguard]
		if registry != "" {
			base = strings.TrimSuffix(registry, "/")
		}
		h.Runtime = base + "/" + e.Chainguard.Image
		if e.Chainguard.Shell != "" {
			h.Shell = base + "/" + e.Chainguard.Shell
		}
		return h, true, ""
	}
	return Hardened{}, false, ""
}

// HasHardened tells whether the image has an equivalent in some hardened
// family, and names them ("distroless", "chainguard").
func (i Info) HasHardened() []string {
	var out []string
	for _, f := range []string{FamilyDistroless, FamilyChainguard} {
		if _, ok, _ := i.Hardened(f, ""); ok {
			out = append(out, f)
		}
	}
	return out
}

type hardenedEquivalent struct {
	Family       string   `json:"family"`
	Repositories []string `json:"repositories"`
	Kind         string   `json:"kind"`
	Distroless   []struct {
		Tag   string `json:"tag"`
		Image string `json:"image"`
		tagRe *regexp.Regexp
	} `json:"distroless"`
	DistrolessNone string `json:"distrolessNone"`
	Chainguard     *struct {
		Image string `json:"image"`
		Shell string `json:"shell"`
	} `json:"chainguard"`
	ChainguardNone string `json:"chainguardNone"`
	Entrypoint     bool   `json:"entrypoint"`
	Note           string `json:"note"`
	// Source is where the equivalence's facts come from, when the
	// family's source (sources) does not say.
	Source string `json:"source"`
}

// publishedImages records which images (and tags) of a hardened family's
// registry exist, for the tests that check the names the data writes.
type publishedImages struct {
	Source string              `json:"source"`
	Images map[string][]string `json:"images"`
	// NoLongerUpdated names the images that still exist but are no longer
	// rebuilt, and says since when.
	NoLongerUpdated map[string]string `json:"noLongerUpdated"`
}

type hardenedDatabase struct {
	Checked     string                      `json:"checked"`
	Sources     map[string]string           `json:"sources"`
	Published   map[string]*publishedImages `json:"published"`
	Registries  map[string]string           `json:"registries"`
	Equivalents []*hardenedEquivalent       `json:"equivalents"`
}

func (db *hardenedDatabase) find(i Info) *hardenedEquivalent {
	if i.fam == nil {
		return nil
	}
	repo := load().normalize(i.Ref)
	for _, e := range db.Equivalents {
		if e.Family != i.Family || (e.Kind != "" && Kind(e.Kind) != i.Kind) {
			continue
		}
		if len(e.Repositories) > 0 && !contains(e.Repositories, repo) {
			continue
		}
		return e
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ApkPackages is what an apt or rpm package is called on an apk-based
// distribution.
type ApkPackages struct {
	// Names are the package's names there; empty when it has no use there
	// (apt's own helpers, the C library) and is to be dropped.
	Names []string
	// Known is false when the table has no package for the target: the
	// command cannot be converted, since `apk add` of a name the
	// distribution lacks fails the build.
	Known bool
}

// rpmArches are the architecture suffixes an rpm name may carry
// (`shadow-utils.x86_64`); the package is the same without them.
var rpmArches = []string{".x86_64", ".aarch64", ".noarch", ".i686", ".ppc64le", ".s390x"}

// ApkPackage looks up a package of the source package manager ("apt" for
// apt-get and apt, "rpm" for yum, dnf, microdnf and zypper, "apk" for
// Alpine's names) for an apk-based OS (Alpine or Wolfi).
func ApkPackage(from string, name string, target OS) ApkPackages {
	db := packagesDB()
	table := db.Apt
	switch from {
	case "rpm":
		table = db.RPM
		for _, a := range rpmArches {
			name = strings.TrimSuffix(name, a)
		}
	case "apk":
		table = db.Apk
	}
	names, ok := table[name][string(target)]
	if !ok {
		return ApkPackages{}
	}
	return ApkPackages{Names: strings.Fields(names), Known: true}
}

// packageTargets lists every name the package table gives for a target
// OS, with the source names that lead to it, for the tests that check the
// names exist there.
func packageTargets(target OS) map[string][]string {
	db := packagesDB()
	out := map[string][]string{}
	for from, table := range map[string]map[string]packageNames{"apt": db.Apt, "rpm": db.RPM, "apk": db.Apk} {
		for src, names := range table {
			for _, n := range strings.Fields(names[string(target)]) {
				out[n] = append(out[n], from+":"+src)
			}
		}
	}
	return out
}

// DebianOnlyCommand tells whether a command has no equivalent on an
// apk-based distribution, and what to do instead.
func DebianOnlyCommand(name string) (why string, ok bool) {
	why, ok = packagesDB().DebianOnly[name]
	return why, ok
}

// GlibcOnlyWord tells whether a word of a step (a path, a URL, a file
// name) ties it to glibc or to Debian's layout, so that it would fail on
// Alpine's musl: the marker found and why. Markers are matched in the
// order of their text, so that the answer does not depend on map order.
func GlibcOnlyWord(word string) (marker, why string, ok bool) {
	db := packagesDB()
	keys := make([]string, 0, len(db.GlibcOnly))
	for k := range db.GlibcOnly {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.Contains(word, k) {
			return k, db.GlibcOnly[k], true
		}
	}
	return "", "", false
}

// packageNames is one package's names per target OS, read from either a
// string (the same on every target) or an object.
type packageNames map[string]string

func (p *packageNames) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*p = packageNames{string(Alpine): s, string(Wolfi): s}
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for k := range m {
		if k != string(Alpine) && k != string(Wolfi) {
			return fmt.Errorf("unknown target %q (alpine or wolfi)", k)
		}
	}
	*p = m
	return nil
}

type packagesDatabase struct {
	Checked    string                  `json:"checked"`
	Sources    map[string]string       `json:"sources"`
	Comment    string                  `json:"comment"`
	Apt        map[string]packageNames `json:"apt"`
	RPM        map[string]packageNames `json:"rpm"`
	Apk        map[string]packageNames `json:"apk"`
	DebianOnly map[string]string       `json:"debianOnlyCommands"`
	GlibcOnly  map[string]string       `json:"glibcOnlyWords"`
}

var (
	hardenedOnce sync.Once
	hardenedDb   *hardenedDatabase
	packagesOnce sync.Once
	packagesDb   *packagesDatabase
)

func hardenedDB() *hardenedDatabase {
	hardenedOnce.Do(func() {
		db, err := parseHardened(hardenedData)
		if err != nil {
			panic(err) // embedded and tested: a build defect
		}
		hardenedDb = db
	})
	return hardenedDb
}

func packagesDB() *packagesDatabase {
	packagesOnce.Do(func() {
		db, err := parsePackages(packagesData)
		if err != nil {
			panic(err) // embedded and tested: a build defect
		}
		packagesDb = db
	})
	return packagesDb
}

func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func parseHardened(b []byte) (*hardenedDatabase, error) {
	var db hardenedDatabase
	if err := decodeStrict(b, &db); err != nil {
		return nil, fmt.Errorf("hardened images data: %w", err)
	}
	if db.Checked == "" || db.Registries[FamilyDistroless] == "" || db.Registries[FamilyChainguard] == "" {
		return nil, fmt.Errorf("hardened images data: needs checked and both registries")
	}
	families := map[string]bool{}
	for _, f := range load().Families {
		families[f.Name] = true
	}
	for _, e := range db.Equivalents {
		if !families[e.Family] {
			return nil, fmt.Errorf("hardened images data: family %q is not in images.json", e.Family)
		}
		if len(e.Distroless) == 0 && e.DistrolessNone == "" || e.Chainguard == nil && e.ChainguardNone == "" {
			return nil, fmt.Errorf("hardened images data: %s must give each family an image or say why it has none", e.Family)
		}
		for i := range e.Distroless {
			d := &e.Distroless[i]
			if d.Image == "" {
				return nil, fmt.Errorf("hardened images data: %s: a distroless entry has no image", e.Family)
			}
			if d.Tag != "" {
				re, err := regexp.Compile(d.Tag)
				if err != nil {
					return nil, fmt.Errorf("hardened images data: %s: tag %q: %w", e.Family, d.Tag, err)
				}
				d.tagRe = re
			}
		}
	}
	return &db, nil
}

func parsePackages(b []byte) (*packagesDatabase, error) {
	var db packagesDatabase
	if err := decodeStrict(b, &db); err != nil {
		return nil, fmt.Errorf("package names data: %w", err)
	}
	if db.Checked == "" || len(db.Apt) == 0 || len(db.RPM) == 0 {
		return nil, fmt.Errorf("package names data: needs checked, apt and rpm")
	}
	return &db, nil
}

// HardenedPublished tells whether a distroless or Chainguard reference
// names an image and tag its publisher has (hardened.json's published
// table); stale is set for an image that exists but is no longer rebuilt.
// known is false for any other registry.
func HardenedPublished(ref parser.ImageRef) (published, stale, known bool) {
	fam, name, ok := hardenedName(ref)
	if !ok {
		return false, false, false
	}
	p := hardenedDB().Published[fam]
	if p == nil {
		return false, false, false
	}
	if _, old := p.NoLongerUpdated[name]; old {
		return true, true, true
	}
	tags, ok := p.Images[name]
	tag := ref.Tag
	if tag == "" {
		tag = "latest"
	}
	return ok && contains(tags, tag), false, true
}

// hardenedName splits a distroless or Chainguard reference into the family
// and the image's name in the published table ("static-debian13").
func hardenedName(ref parser.ImageRef) (fam, name string, ok bool) {
	repo := load().normalize(ref)
	if name, ok := strings.CutPrefix(repo, "gcr.io/distroless/"); ok {
		return FamilyDistroless, name, true
	}
	if name, ok := strings.CutPrefix(repo, "cgr.dev/chainguard/"); ok {
		return FamilyChainguard, name, true
	}
	return "", "", false
}

// Package eol is dflint's table of end-of-life dates for the version lines
// of common base images, kept as data (eol.json, embedded).
//
// Each product names the image families it covers (as package images names
// them) and the repository names within those families, a regular
// expression that reads the version at the start of a tag (its first group
// is the version line), and its lines: the line ("3.9", "12"), codenames
// that stand for it ("bookworm"), the dates it was released and reaches end
// of life, whether it is a long-term-support line, and the page the dates
// come from. Products marked "os" (debian, ubuntu, alpine) are also looked
// for in the suffixes of other images' tags (python:3.12-slim-bookworm,
// node:20-alpine3.18); suffixPrefix is the text before the version in such
// a suffix ("alpine").
//
// Kind says what reaches end of life, so that a message names it: a
// "language" release (python 3.8), a "runtime" release (node 18, .NET 6.0,
// Java 17), a "distribution" release
// (debian 10, CentOS Linux 7), or an "image" repository's tags of a line
// (the deprecated openjdk image's Java 17 tags, the gcc image's GCC 6 tags:
// the image stopped updating them while the release itself may live on
// elsewhere). Several products may cover one repository (centos holds
// CentOS Linux and, on quay.io, CentOS Stream): the first whose version
// expression reads the tag is the one.
//
// DeprecatedImages lists Docker Official Images that are deprecated as a
// whole (centos) or for all but some tags (openjdk), with the notice they
// come from.
//
// The table is a snapshot: update it (or load another with Parse) as new
// lines ship.
package eol

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed eol.json
var data []byte

// Line is one version line of a product.
type Line struct {
	Line    string   `json:"line"`
	Aliases []string `json:"aliases"`
	// Label names the line in messages when "<title> <line>" would not
	// ("Amazon Linux 1 (AMI 2018.03)").
	Label    string `json:"label"`
	Released Date   `json:"released"`
	EOL      Date   `json:"eol"`
	// LTS is nil when the product has no LTS notion.
	LTS    *bool  `json:"lts"`
	Source string `json:"source"`
}

// Supported tells whether the line is released and not past end of life on
// the given day.
func (l *Line) Supported(today time.Time) bool {
	return !today.Before(l.Released.Time) && today.Before(l.EOL.Time)
}

// Product is an image (or group of images) with dated version lines.
type Product struct {
	Name string `json:"name"`
	// Title names the product in messages ("CentOS Linux"); Name when
	// empty.
	Title string `json:"title"`
	// Kind is "language", "runtime", "distribution" or "image" (see the
	// package doc).
	Kind string `json:"kind"`
	// ReleasesOf names the product whose lines are the releases an image
	// product packages (openjdk packages the Java releases that
	// eclipse-temurin's lines date), so that a message can say whether the
	// release itself is still supported.
	ReleasesOf string `json:"releasesOf"`
	// TagPrefix is the text before the line in a tag that starts with the
	// version ("stream" in quay.io/centos/centos:stream9).
	TagPrefix    string   `json:"tagPrefix"`
	Families     []string `json:"families"`
	Images       []string `json:"images"`
	Version      string   `json:"version"`
	OS           bool     `json:"os"`
	SuffixPrefix string   `json:"suffixPrefix"`
	SuggestLTS   bool     `json:"suggestLTS"`
	// Replacement is the image to move to when no line is supported, as
	// message text ("`eclipse-temurin`").
	Replacement string `json:"replacement"`
	Note        string `json:"note"`
	// Pins are the name stems under which packages and images carry a line
	// of the product in their name ("python" in python3.9-dev, "nodejs" in
	// distroless/nodejs20): see PinPattern.
	Pins  []string `json:"pins"`
	Lines []Line   `json:"lines"`
	// FloatingTags are the tags that follow a development branch or the
	// newest release, not one line (alpine:edge, debian:sid): DF109.
	FloatingTags []FloatingTag `json:"floatingTags"`

	re *regexp.Regexp
}

// Date is a calendar day written as 2006-01-02.
type Date struct{ time.Time }

// UnmarshalJSON reads a "2006-01-02" string.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return err
	}
	d.Time = t
	return nil
}

// String prints the day.
func (d Date) String() string { return d.Format("2006-01-02") }

// FloatingTag is a group of tags that all follow the same moving target.
type FloatingTag struct {
	// Tags are the tags exactly as the image publishes them ("sid",
	// "sid-slim"); a date-stamped snapshot ("sid-20260810") does not move
	// and is not one.
	Tags []string `json:"tags"`
	// Means says what the tags follow, for messages.
	Means  string `json:"means"`
	Source string `json:"source"`
}

// Floating returns the floating tag group an image's tag belongs to, with
// its product; nil if the tag is not one.
func (t *Table) Floating(family, name, tag string) (*Product, *FloatingTag) {
	for _, p := range t.Products {
		if !contains(p.Families, family) || !contains(p.Images, strings.ToLower(name)) {
			continue
		}
		for i := range p.FloatingTags {
			if contains(p.FloatingTags[i].Tags, tag) {
				return p, &p.FloatingTags[i]
			}
		}
	}
	return nil, nil
}

// The kinds of product.
const (
	KindLanguage     = "language"
	KindRuntime      = "runtime"
	KindDistribution = "distribution"
	KindImage        = "image"
)

// Table is a set of products.
type Table struct {
	Products         []*Product    `json:"products"`
	DeprecatedImages []*Deprecated `json:"deprecatedImages"`
}

// Deprecated is a Docker Official Image its maintainers deprecated.
type Deprecated struct {
	// Repo is the official image's name ("centos").
	Repo string `json:"repo"`
	// AllTags tells whether every tag is past end of life (centos), not
	// only the ones the product's lines date (openjdk still updates its
	// early-access tags).
	AllTags bool `json:"allTags"`
	// EOL is the day every tag reached end of life, when AllTags.
	EOL         *Date  `json:"eol"`
	Note        string `json:"note"`
	Replacement string `json:"replacement"`
	Source      string `json:"source"`
}

// Deprecation returns the deprecation notice of an official image (by its
// name, "centos"), nil if it has none.
func (t *Table) Deprecation(repo string) *Deprecated {
	for _, d := range t.DeprecatedImages {
		if d.Repo == repo {
			return d
		}
	}
	return nil
}

// DisplayName is the product's name in messages.
func (p *Product) DisplayName() string {
	if p.Title != "" {
		return p.Title
	}
	return p.Name
}

// LineName names a line in messages: "python 3.8", "debian 10 (buster)",
// "CentOS Linux 7".
func (p *Product) LineName(l *Line) string {
	if l.Label != "" {
		return l.Label
	}
	s := p.DisplayName() + " " + l.Line
	if len(l.Aliases) > 0 {
		s += " (" + l.Aliases[0] + ")"
	}
	return s
}

// Releases returns the product whose lines date the releases an image
// product packages (ReleasesOf), nil if none.
func (t *Table) Releases(p *Product) *Product {
	if p.ReleasesOf == "" {
		return nil
	}
	for _, o := range t.Products {
		if o.Name == p.ReleasesOf {
			return o
		}
	}
	return nil
}

// Line returns the line named exactly, nil if the product has none.
func (p *Product) Line(line string) *Line {
	for i := range p.Lines {
		if p.Lines[i].Line == line {
			return &p.Lines[i]
		}
	}
	return nil
}

// Parse reads a table in the format of eol.json.
func Parse(b []byte) (*Table, error) {
	var t Table
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	for _, p := range t.Products {
		re, err := regexp.Compile(p.Version)
		if err != nil {
			return nil, fmt.Errorf("product %s: %v", p.Name, err)
		}
		switch p.Kind {
		case KindLanguage, KindRuntime, KindDistribution, KindImage:
		default:
			return nil, fmt.Errorf("product %s: kind %q is not language, runtime, distribution or image", p.Name, p.Kind)
		}
		if p.ReleasesOf != "" && t.Releases(p) == nil {
			return nil, fmt.Errorf("product %s: releasesOf %q is not a product", p.Name, p.ReleasesOf)
		}
		p.re = re
		for _, ft := range p.FloatingTags {
			if len(ft.Tags) == 0 || ft.Means == "" || ft.Source == "" {
				return nil, fmt.Errorf("product %s: a floating tag group needs tags, means and source", p.Name)
			}
		}
		for i := range p.Lines {
			l := &p.Lines[i]
			if l.Released.IsZero() || l.EOL.IsZero() || l.Source == "" {
				return nil, fmt.Errorf("product %s line %s: released, eol and source are required", p.Name, l.Line)
			}
		}
	}
	for _, d := range t.DeprecatedImages {
		if d.Repo == "" || d.Note == "" || d.Source == "" || (d.AllTags && d.EOL == nil) {
			return nil, fmt.Errorf("deprecated image %q: repo, note and source are required, and eol when allTags", d.Repo)
		}
	}
	return &t, nil
}

var (
	defaultOnce  sync.Once
	defaultTable *Table
)

// Default returns the table shipped with dflint.
func Default() *Table {
	defaultOnce.Do(func() {
		t, err := Parse(data)
		if err != nil {
			panic("eol.json: " + err.Error())
		}
		defaultTable = t
	})
	return defaultTable
}

// Match is a version line past end of life found in a tag.
type Match struct {
	Product *Product
	Line    *Line
	// Start and End are the bytes of the tag that name the line (with a
	// patch version, or "alpine" before an Alpine version).
	Start, End int
	// Newest is the newest supported line of the product, nil if none.
	Newest *Line
	// Replacement is the text to put at [Start, End) to use Newest, in the
	// style of the original (codename for codename); "" if none.
	Replacement string
	// Alias tells whether the tag names the line by a codename ("buster").
	Alias bool
}

// product finds the product an image's tag belongs to: the first of the
// image's products whose version expression reads the start of the tag,
// else the image's first product.
func (t *Table) product(family, name, tag string) *Product {
	var first *Product
	for _, p := range t.Products {
		if !contains(p.Families, family) || !contains(p.Images, strings.ToLower(name)) {
			continue
		}
		if first == nil {
			first = p
		}
		if loc := p.re.FindStringSubmatchIndex(tag); loc != nil && loc[2] >= 0 && boundary(tag, loc[1]) {
			return p
		}
	}
	return first
}

// Check reads the tag of an image of the given family (images.Info.Family)
// and repository name (the last path element) and returns the lines in it
// that are past end of life on today: the image's own version line and the
// OS line named in its suffix.
func (t *Table) Check(family, name, tag string, today time.Time) []Match {
	p := t.product(family, name, tag)
	if p == nil || tag == "" {
		return nil
	}
	var out []Match
	rest, restStart := tag, 0
	if loc := p.re.FindStringSubmatchIndex(tag); loc != nil && loc[2] >= 0 && boundary(tag, loc[1]) {
		token := tag[loc[2]:loc[3]]
		if l, alias := p.find(token, false); l != nil {
			if !today.Before(l.EOL.Time) {
				out = append(out, p.match(l, alias, loc[0], loc[1], today))
			}
		}
		rest, restStart = tag[loc[1]:], loc[1]
	}
	if p.OS {
		return out
	}
	off := restStart
	for _, tok := range strings.Split(rest, "-") {
		start, end := off, off+len(tok)
		off = end + 1
		for _, os := range t.Products {
			if !os.OS {
				continue
			}
			var l *Line
			alias := false
			if os.SuffixPrefix != "" {
				if v, ok := strings.CutPrefix(tok, os.SuffixPrefix); ok && v != "" {
					l, _ = os.find(v, true)
				}
			} else {
				l, alias = os.find(tok, true)
				if l != nil && !alias {
					l = nil // a bare number in a suffix is not an OS version
				}
			}
			if l != nil && !today.Before(l.EOL.Time) {
				out = append(out, os.match(l, alias, start, end, today))
			}
		}
	}
	return out
}

func (p *Product) match(l *Line, alias bool, start, end int, today time.Time) Match {
	m := Match{Product: p, Line: l, Start: start, End: end, Alias: alias}
	if n := p.Newest(today); n != nil && compareVersions(n.Line, l.Line) > 0 {
		m.Newest = n
		switch {
		case alias:
			if len(n.Aliases) > 0 {
				m.Replacement = n.Aliases[0]
			}
		case start > 0:
			m.Replacement = p.SuffixPrefix + n.Line
		default:
			m.Replacement = p.TagPrefix + n.Line
		}
	}
	return m
}

// find looks a line up by its version or codename. exact asks for the
// line itself, not a patch version of it.
func (p *Product) find(token string, exact bool) (l *Line, alias bool) {
	for i := range p.Lines {
		if p.Lines[i].Line == token {
			return &p.Lines[i], false
		}
	}
	for i := range p.Lines {
		if contains(p.Lines[i].Aliases, token) {
			return &p.Lines[i], true
		}
	}
	return nil, false
}

// Newest returns the newest line supported on today (only LTS lines when
// the product suggests LTS lines), nil if none.
func (p *Product) Newest(today time.Time) *Line {
	var best *Line
	for i := range p.Lines {
		l := &p.Lines[i]
		if !l.Supported(today) || (p.SuggestLTS && (l.LTS == nil || !*l.LTS)) {
			continue
		}
		if best == nil || compareVersions(l.Line, best.Line) > 0 {
			best = l
		}
	}
	return best
}

// boundary tells whether a version token ending at i is complete: the tag
// ends there or a suffix starts.
func boundary(tag string, i int) bool {
	return i == len(tag) || tag[i] == '-' || tag[i] == '_'
}

// compareVersions compares dotted numeric versions.
func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// Candidate is a supported line a match could move to, with the text that
// names it in the tag (in the style of the original: codename for codename).
type Candidate struct {
	Line *Line
	Text string
}

// Candidates lists the lines supported on today that are newer than the
// matched one, newest first (only LTS lines when the product suggests LTS
// lines): the moves a fix may pick from when the newest line has no
// published tag of the image's variant.
func (m Match) Candidates(today time.Time) []Candidate {
	var out []Candidate
	p := m.Product
	for i := range p.Lines {
		l := &p.Lines[i]
		if !l.Supported(today) || (p.SuggestLTS && (l.LTS == nil || !*l.LTS)) || compareVersions(l.Line, m.Line.Line) <= 0 {
			continue
		}
		var text string
		switch {
		case m.Alias:
			if len(l.Aliases) == 0 {
				continue
			}
			text = l.Aliases[0]
		case m.Start > 0 && p.SuffixPrefix != "":
			text = p.SuffixPrefix + l.Line
		default:
			text = p.TagPrefix + l.Line
		}
		out = append(out, Candidate{Line: l, Text: text})
	}
	sort.SliceStable(out, func(i, j int) bool { return compareVersions(out[i].Line.Line, out[j].Line.Line) > 0 })
	return out
}

// SameMajor tells whether moving from line a to line b of the product stays
// within one major version: the first number is the same (python 3.8 →
// 3.12, golang 1.21 → 1.25, php 8.1 → 8.4). Each line of an operating
// system is a release of its own, with its own package versions (Debian 11
// → 12, Ubuntu 20.04 → 24.04, Alpine 3.18 → 3.22), so no move between two
// of its lines is within a major version.
func (p *Product) SameMajor(a, b string) bool {
	if p.OS {
		return a == b
	}
	ma, _, _ := strings.Cut(a, ".")
	mb, _, _ := strings.Cut(b, ".")
	return ma == mb
}

// PinPattern matches the names of packages and images that carry the given
// line of the product in their name ("python3.9-dev", "py39",
// "nodejs20-debian12", "openjdk-11-jre", "php8.1-fpm", "php81-fpm"): what a
// Dockerfile installs or runs beside an image of that line, which moving the
// image to another line would leave behind. Nil when the product names no
// pins.
func (p *Product) PinPattern(line string) *regexp.Regexp {
	if len(p.Pins) == 0 {
		return nil
	}
	forms := []string{regexp.QuoteMeta(line)}
	if joined := strings.ReplaceAll(line, ".", ""); joined != line {
		forms = append(forms, joined)
	}
	names := make([]string, len(p.Pins))
	for i, n := range p.Pins {
		names[i] = regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(`(?i)(?:^|[^a-z0-9])(?:` + strings.Join(names, "|") + `)[-_]?(?:` + strings.Join(forms, "|") + `)(?:$|[^0-9.]|\.[^0-9])`)
}

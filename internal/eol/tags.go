package eol

import (
	_ "embed"
	"encoding/json"
	"sync"
)

//go:embed tags.json
var tagsData []byte

// Tags is the table of the tags an image repository publishes (tags.json):
// the tags DF106 may write. A repository the table does not list has no
// known tags.
type Tags struct {
	Sources []string                `json:"sources"`
	Checked string                  `json:"checked"`
	Repos   map[string]*PublishedIn `json:"repos"`
}

// PublishedIn is one repository's tags and where they were read.
type PublishedIn struct {
	Source string   `json:"source"`
	Tags   []string `json:"tags"`

	set map[string]bool
}

// ParseTags reads a table in the format of tags.json.
func ParseTags(b []byte) (*Tags, error) {
	var t Tags
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	for _, r := range t.Repos {
		r.set = make(map[string]bool, len(r.Tags))
		for _, tag := range r.Tags {
			r.set[tag] = true
		}
	}
	return &t, nil
}

var (
	tagsOnce    sync.Once
	defaultTags *Tags
)

// DefaultTags returns the table of published tags shipped with dflint.
func DefaultTags() *Tags {
	tagsOnce.Do(func() {
		t, err := ParseTags(tagsData)
		if err != nil {
			panic("tags.json: " + err.Error())
		}
		defaultTags = t
	})
	return defaultTags
}

// Published tells whether repo (an official image's name: "python") is
// known to publish tag.
func (t *Tags) Published(repo, tag string) bool {
	r := t.Repos[repo]
	return r != nil && r.set[tag]
}

// Knows tells whether the table lists repo's tags at all.
func (t *Tags) Knows(repo string) bool { return t.Repos[repo] != nil }

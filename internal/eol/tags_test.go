package eol

import (
	"testing"
	"time"
)

func TestTagsTable(t *testing.T) {
	tags := DefaultTags()
	if len(tags.Sources) == 0 || tags.Checked == "" {
		t.Fatal("tags.json needs sources and a checked date")
	}
	if _, err := time.Parse("2006-01-02", tags.Checked); err != nil {
		t.Errorf("checked: %v", err)
	}
	for name, r := range tags.Repos {
		if r.Source == "" || len(r.Tags) == 0 {
			t.Errorf("%s: a source and tags are required", name)
		}
	}
	// Every product that names official images has its tags in the table,
	// or DF106 could never propose a move for it.
	for _, p := range Default().Products {
		if p.Name == "dotnet" {
			continue // mcr.microsoft.com, not an official image
		}
		for _, img := range p.Images {
			if d := Default().Deprecation(img); d != nil && d.AllTags {
				continue // removed from Docker Hub: no tag to propose (CentOS Stream lives on quay.io)
			}
			if tags.Repos[img] == nil {
				t.Errorf("product %s: no published tags for %s", p.Name, img)
			}
		}
	}
	// A floating tag group lists tags as the official image publishes them,
	// or DF109 would wait for a tag no one can pull.
	for _, p := range Default().Products {
		for _, ft := range p.FloatingTags {
			for _, tag := range ft.Tags {
				if !tags.Published(p.Name, tag) {
					t.Errorf("product %s: floating tag %q is not published", p.Name, tag)
				}
			}
		}
	}
	if !tags.Published("python", "3.14-slim-trixie") || tags.Published("openjdk", "17-slim-trixie") || tags.Published("nosuchimage", "1") {
		t.Error("Published answers wrongly")
	}
}

func TestCandidatesSameMajorPins(t *testing.T) {
	today := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	ms := Default().Check("python", "python", "3.9-slim-buster", today)
	if len(ms) != 2 {
		t.Fatalf("got %d matches", len(ms))
	}
	py := ms[0].Candidates(today)
	if len(py) == 0 || py[0].Text != "3.14" || py[len(py)-1].Text != "3.11" {
		t.Errorf("python candidates %+v", py)
	}
	deb := ms[1].Candidates(today)
	if len(deb) != 2 || deb[0].Text != "trixie" || deb[1].Text != "bookworm" {
		t.Errorf("debian candidates %+v", deb)
	}
	if !ms[0].Product.SameMajor("3.9", "3.14") || ms[1].Product.SameMajor("10", "13") {
		t.Error("SameMajor: python 3.9 → 3.14 is within 3, debian 10 → 13 is not")
	}
	re := ms[0].Product.PinPattern("3.9")
	for name, want := range map[string]bool{"python3.9": true, "python3.9-dev": true, "libpython3.9": true, "py39": true, "python3.10": false, "python3": false, "python3.91": false, "mypy39x": false} {
		if got := re.MatchString(name); got != want {
			t.Errorf("python 3.9 pin %q: got %v", name, got)
		}
	}
}

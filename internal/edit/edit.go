// Package edit is the contract between the rules that propose changes and
// package rewrite that applies them: a Fix is a list of byte Edits on the
// original text, with an Applicability that says when it is applied. It is
// a leaf: it imports nothing of dflint, so rules, rewrite and the packages
// they use can all speak it.
package edit

import "sort"

// Applicability says when a fix is applied.
type Applicability string

const (
	// Safe fixes do not change what the image does; `dflint fix` applies them.
	Safe Applicability = "safe"
	// Unsafe fixes may change the image (base, user, packages, stages);
	// applied only with --unsafe-fixes.
	Unsafe Applicability = "unsafe"
	// DisplayOnly fixes are shown, never applied.
	DisplayOnly Applicability = "display-only"
)

// Fix is a suggested change: edits on the original bytes, applied together.
type Fix struct {
	Title         string        `json:"title"`
	Applicability Applicability `json:"applicability"`
	Edits         []Edit        `json:"edits"`
	// Restructures are the byte ranges of the stages whose base image or
	// structure the fix changes (a new base, new stages, moved
	// instructions). Other fixes in those ranges were computed for what
	// this fix replaces: the fix loop applies this fix alone there, and
	// they wait for the next round, to be computed again on the new text.
	Restructures []Range `json:"-"`
}

// Range is the byte range [Start, End) of the text.
type Range struct {
	Start, End int
}

// Holds tells whether the edit touches the range: it overlaps it, or
// inserts inside it or at one of its ends.
func (r Range) Holds(e Edit) bool {
	if e.Start == e.End {
		return r.Start <= e.Start && e.Start <= r.End
	}
	return e.Start < r.End && r.Start < e.End
}

// Edit replaces the bytes [Start, End) with NewText. Start == End inserts.
// It has the shape of go/analysis's TextEdit.
type Edit struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	NewText string `json:"new_text"`
}

// Sort orders a fix's edits by position, an insertion before a deletion
// that starts at the same offset.
func Sort(edits []Edit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
}

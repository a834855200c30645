package rewrite

// The second half of the fix loop's safety net. Parsing is not enough: an
// edit can leave a file that parses and means something else, as when a
// line inserted after a RUN whose continuation runs on through a comment
// line becomes part of that RUN. So after each round the loop compares the
// instructions as BuildKit parsed them before and after, and every
// instruction that no edit of the round touches must come back unchanged:
// the same keyword, flags, arguments and heredocs, at the same place.
// What an edit touches is its fix's own business.

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// fixEdit is an edit of a round with the fix (its index among the round's
// fixes) that it belongs to, and where its text starts in the new text.
type fixEdit struct {
	edit.Edit
	fix      int
	newStart int
}

// outsideChange is an instruction that a round changed although none of the
// round's edits touches it.
type outsideChange struct {
	// Line is in the round's input for an instruction that changed, in the
	// fixed text for one that appeared.
	Line    int
	Message string
}

// changedOutside compares old, the round's input, with next, old with the
// fixes' edits applied (fixes[i] are the edits of the round's i-th fix),
// and returns the first instruction that changed outside the fixes' own
// edits, or nil.
//
// An instruction is a fix's own when one of its edits overlaps it, inserts
// inside it, or writes on its first or last line (whole lines inserted or
// deleted before or after it do not count). Every other instruction
// must parse the same at its new place. An instruction of the new text
// that is not one of those must lie within what one group of fixes wrote
// or owns (fixes that own a common instruction form a group): a line that
// one fix inserted must not run into an instruction another fix edits.
func changedOutside(old, next *parser.File, fixes [][]edit.Edit) *outsideChange {
	var all []edit.Edit
	var owner []int
	for i, es := range fixes {
		for _, e := range es {
			if e.Start == e.End && e.NewText == "" {
				continue // inserts nothing
			}
			all = append(all, e)
			owner = append(owner, i)
		}
	}
	// The order apply uses, so that new offsets agree with the new text.
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return all[idx[a]].Start < all[idx[b]].Start })
	edits := make([]fixEdit, len(all))
	delta := 0
	for i, j := range idx {
		e := all[j]
		edits[i] = fixEdit{Edit: e, fix: owner[j], newStart: e.Start + delta}
		delta += len(e.NewText) - (e.End - e.Start)
	}
	m := offsetMap{edits: edits}

	groups := newUnionFind(len(fixes))
	// A region of the new text that a fix wrote or owns; once the groups
	// are known, owner is its group (the group's root fix).
	type region struct {
		start, end int
		owner      int
	}
	var regions []region
	type kept struct {
		in         *parser.Instruction
		start, end int // in the new text
	}
	var keep []kept
	for _, in := range old.Instructions {
		owners := m.owners(in.Start, in.End)
		if len(owners) == 0 {
			keep = append(keep, kept{in: in, start: m.newStart(in.Start), end: m.newEnd(in.End)})
			continue
		}
		for _, o := range owners[1:] {
			groups.union(owners[0], o)
		}
		regions = append(regions, region{m.newStart(in.Start), m.newEnd(in.End), owners[0]})
	}
	for _, e := range edits {
		regions = append(regions, region{e.newStart, e.newStart + len(e.NewText), e.fix})
	}

	// Each group's regions, merged where they touch or where nothing that
	// must be kept lies between them.
	keptAt := func(start, end int) bool { // a kept instruction starts in [start, end)
		i := sort.Search(len(keep), func(i int) bool { return keep[i].start >= start })
		return i < len(keep) && keep[i].start < end
	}
	for i := range regions {
		regions[i].owner = groups.find(regions[i].owner)
	}
	sort.SliceStable(regions, func(a, b int) bool {
		if regions[a].owner != regions[b].owner {
			return regions[a].owner < regions[b].owner
		}
		return regions[a].start < regions[b].start
	})
	var areas []region
	for _, r := range regions {
		if n := len(areas); n > 0 && areas[n-1].owner == r.owner && (r.start <= areas[n-1].end || !keptAt(areas[n-1].end, r.start)) {
			areas[n-1].end = max(areas[n-1].end, r.end)
			continue
		}
		areas = append(areas, r)
	}
	sort.Slice(areas, func(a, b int) bool { return areas[a].start < areas[b].start })
	reach := make([]int, len(areas)) // the farthest end of areas[:i+1]
	for i, a := range areas {
		reach[i] = a.end
		if i > 0 {
			reach[i] = max(reach[i], reach[i-1])
		}
	}
	inArea := func(start, end int) bool {
		i := sort.Search(len(areas), func(i int) bool { return areas[i].start > start }) - 1
		return i >= 0 && reach[i] >= end
	}

	changed := func(in *parser.Instruction) *outsideChange {
		return &outsideChange{Line: in.StartLine, Message: fmt.Sprintf("the %s on line %d would read differently", in.Keyword, in.StartLine)}
	}
	k := 0 // the next kept instruction to find
	for _, n := range next.Instructions {
		if k < len(keep) && keep[k].start < n.Start {
			return changed(keep[k].in) // gone, or swallowed by an earlier one
		}
		if k < len(keep) && keep[k].start == n.Start {
			if keep[k].end != n.End || !sameNode(keep[k].in.Node, n.Node) {
				return changed(keep[k].in)
			}
			k++
			continue
		}
		if !inArea(n.Start, n.End) {
			return &outsideChange{Line: n.StartLine, Message: fmt.Sprintf("the %s on line %d of the fixed text would run into text the fix does not edit", n.Keyword, n.StartLine)}
		}
	}
	if k < len(keep) {
		return changed(keep[k].in)
	}
	return nil
}

// offsetMap maps offsets of a round's input to its output.
type offsetMap struct {
	edits []fixEdit // sorted, not overlapping
}

// owners are the fixes whose edits touch the instruction [start, end):
// overlap it, insert inside it, or write on its first or last line.
func (m offsetMap) owners(start, end int) []int {
	var out []int
	// Edits end in order: the first that may touch ends at start or later.
	i := sort.Search(len(m.edits), func(i int) bool { return m.edits[i].End >= start })
	for ; i < len(m.edits) && m.edits[i].Start <= end; i++ {
		e := m.edits[i]
		owns := true // it overlaps the instruction, or inserts inside it
		switch {
		case e.End == start:
			// Whole lines inserted above, or lines deleted, leave the
			// instruction to itself; if they do not, the check tells.
			owns = e.NewText != "" && !strings.HasSuffix(e.NewText, "\n")
		case e.Start == end:
			// So do lines after its last line's end; but deleting that
			// line break, or writing before it, joins its line.
			owns = !strings.HasPrefix(e.NewText, "\n") && !strings.HasPrefix(e.NewText, "\r")
		}
		if owns && !slices.Contains(out, e.fix) {
			out = append(out, e.fix)
		}
	}
	return out
}

// newStart is where the text at old offset p starts in the new text: after
// the text inserted at p, after a replacement that p lies inside.
func (m offsetMap) newStart(p int) int {
	i := sort.Search(len(m.edits), func(i int) bool { return m.edits[i].End > p })
	if i < len(m.edits) && m.edits[i].Start < p {
		e := m.edits[i]
		return e.newStart + len(e.NewText)
	}
	return m.shifted(p, i)
}

// newEnd is where text that ends at old offset p ends in the new text:
// before the text inserted at p, after a replacement that p lies inside.
func (m offsetMap) newEnd(p int) int {
	i := sort.Search(len(m.edits), func(i int) bool { return m.edits[i].End > p })
	if i < len(m.edits) && m.edits[i].Start < p {
		e := m.edits[i]
		return e.newStart + len(e.NewText)
	}
	for i > 0 && m.edits[i-1].Start == p && m.edits[i-1].End == p {
		i-- // an insertion at p goes after
	}
	return m.shifted(p, i)
}

// shifted maps p, which lies after the first n edits and inside none.
func (m offsetMap) shifted(p, n int) int {
	if n == 0 {
		return p
	}
	e := m.edits[n-1]
	return p + (e.newStart + len(e.NewText) - e.End)
}

// sameNode tells whether two instructions parsed the same: keyword as
// written, flags, arguments (ONBUILD's trigger included), heredocs and the
// normalised line BuildKit built them from. Line numbers do not count.
func sameNode(a, b *bkparser.Node) bool {
	for ; a != nil && b != nil; a, b = a.Next, b.Next {
		if a.Value != b.Value || a.Original != b.Original || !slices.Equal(a.Flags, b.Flags) ||
			!maps.Equal(a.Attributes, b.Attributes) || !slices.Equal(a.Heredocs, b.Heredocs) ||
			len(a.Children) != len(b.Children) {
			return false
		}
		for i := range a.Children {
			if !sameNode(a.Children[i], b.Children[i]) {
				return false
			}
		}
	}
	return a == nil && b == nil
}

// unionFind groups the fixes of a round that own a common instruction.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) { u[u.find(a)] = u.find(b) }

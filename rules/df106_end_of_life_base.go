package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/dflint/dflint/internal/eol"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

var _ = register(&Rule{
	ID:         "DF106",
	Name:       "end-of-life-base",
	Severity:   Warning,
	Summary:    "A base image past end of life: its language or distribution release, or the image itself",
	Fix:        Unsafe,
	FixSummary: "use the newest supported line of the same image",
	Check:      checkEndOfLifeBase,
})

func checkEndOfLifeBase(p *Pass) {
	table := eol.Default()
	for _, s := range p.File.Stages {
		ref, ok := s.Image()
		if !ok || isWindowsBase(s) {
			continue
		}
		var dep *eol.Deprecated
		// A deprecation covers the official image's mirrors and
		// architecture namespaces too (arm32v7/openjdk).
		if name, official := images.OfficialName(ref); official {
			dep = table.Deprecation(name)
		}
		var ms []eol.Match
		if ref.Tag != "" {
			info := images.Lookup(ref)
			ms = table.Check(info.Family, ref.Name(), ref.Tag, p.Options.Today)
		}
		allTags := dep != nil && dep.AllTags && !p.Options.Today.Before(dep.EOL.Time)
		if len(ms) == 0 && !allTags {
			continue
		}
		var parts, moves []string
		for _, m := range ms {
			parts = append(parts, endOfLife(table, m, p.Options.Today))
			switch {
			case m.Newest != nil:
				moves = append(moves, m.Product.LineName(m.Newest))
			case m.Product.Replacement != "":
				moves = append(moves, m.Product.Replacement)
			}
		}
		var msg string
		if len(parts) > 0 {
			msg = fmt.Sprintf("`%s` is past end of life: %s", ref.Original, strings.Join(parts, "; "))
			if dep != nil {
				msg += "; " + dep.Note
			}
		} else {
			// No line is dated, but the whole image is past end of life
			// (centos:latest).
			msg = fmt.Sprintf("`%s` is past end of life: %s", ref.Original, dep.Note)
		}
		if len(moves) == 0 && dep != nil && dep.Replacement != "" {
			moves = append(moves, dep.Replacement)
		}
		if len(moves) > 0 {
			msg += "; move to " + strings.Join(moves, " and ")
		}
		fix, why := eolFix(p, s, ref, ms)
		if why != "" {
			msg += " (" + why + ")"
		}
		start, end := reportRange(s.From)
		p.Report(start, end, msg, fix)
	}
}

// endOfLife says what reached end of life in a match: a language or
// runtime release ("the language release python 3.8 reached end of life on
// …", "the runtime release node 18 …"), a distribution release, or an image's tags of a release (the deprecated
// openjdk image stopped updating its Java 17 tags, while Java 17 itself
// is supported elsewhere: saying "Java 17 reached end of life" would be
// wrong).
func endOfLife(table *eol.Table, m eol.Match, today time.Time) string {
	name := m.Product.LineName(m.Line)
	switch m.Product.Kind {
	case eol.KindDistribution:
		return fmt.Sprintf("the distribution release %s reached end of life on %s", name, m.Line.EOL)
	case eol.KindRuntime:
		return fmt.Sprintf("the runtime release %s reached end of life on %s", name, m.Line.EOL)
	case eol.KindImage:
		s := fmt.Sprintf("the `%s` image stopped maintaining its %s tags on %s", m.Product.Name, name, m.Line.EOL)
		if rel := table.Releases(m.Product); rel != nil {
			if l := rel.Line(m.Line.Line); l != nil {
				if l.Supported(today) {
					s += fmt.Sprintf(" (%s itself is supported until %s, in other images)", name, l.EOL)
				} else {
					s += fmt.Sprintf(" (%s itself reached end of life on %s)", name, l.EOL)
				}
			}
		}
		return s
	default:
		return fmt.Sprintf("the language release %s reached end of life on %s", name, m.Line.EOL)
	}
}

// lineName names a line for a message: "python 3.8", "debian 10 (buster)".
func lineName(m eol.Match) string { return m.Product.LineName(m.Line) }

// eolFix replaces the end-of-life lines in the FROM's tag, when the tag is
// written literally, with the newest supported lines whose tag the image
// publishes (eol.DefaultTags): a tag that was never published would not
// build. The fix is applicable (unsafe, as every base change) only when
// each move stays within a major version and nothing in the file is pinned
// to the old line; otherwise it is display-only and why says so.
func eolFix(p *Pass, s *parser.Stage, ref parser.ImageRef, ms []eol.Match) (fix *Fix, why string) {
	f := p.File
	start, end, hasTag, ok := shellcmd.FromTagRange(s.From)
	if !ok || !hasTag || string(f.Source[start:end]) != ref.Tag {
		return nil, ""
	}
	var moving []eol.Match
	for _, m := range ms {
		if m.Newest != nil {
			moving = append(moving, m)
		}
	}
	if len(moving) == 0 {
		return nil, ""
	}
	repo, official := officialRepo(ref)
	if !official {
		return nil, "no fix: dflint has no table of the tags `" + ref.Repository() + "` publishes, so it cannot tell which tag exists"
	}
	tags := eol.DefaultTags()
	if !tags.Knows(repo) {
		return nil, "no fix: dflint has no table of the tags `" + ref.Repository() + "` publishes, so it cannot tell which tag exists"
	}
	picked, tag := publishedMove(ref.Tag, moving, p.Options.Today, func(t string) bool { return tags.Published(repo, t) })
	if picked == nil {
		return nil, fmt.Sprintf("no fix: `%s` publishes no tag of this variant on a supported line (tags checked %s)", ref.Repository(), tags.Checked)
	}
	var edits []Edit
	var reasons []string
	for i, m := range moving {
		c := picked[i]
		edits = append(edits, Edit{Start: start + m.Start, End: start + m.End, NewText: c.Text})
		if !m.Product.SameMajor(m.Line.Line, c.Line.Line) {
			reasons = append(reasons, fmt.Sprintf("%s → %s is a new major version", lineName(m), lineName(eol.Match{Product: m.Product, Line: c.Line})))
		} else if pin := pinnedTo(f, s, m); pin != "" {
			reasons = append(reasons, fmt.Sprintf("`%s` is pinned to %s", pin, lineName(m)))
		}
	}
	fix = &Fix{
		Title:         fmt.Sprintf("Use `%s`", ref.WithTag(tag)),
		Applicability: Unsafe,
		Edits:         edits,
		Restructures:  rewrite.StagesOn(p.File, s),
	}
	if len(reasons) > 0 {
		fix.Applicability = DisplayOnly
		why = "the fix is shown, not applied: " + strings.Join(reasons, "; ") + ", check that the build still works on it"
	}
	return fix, why
}

// officialRepo returns the name of a Docker Official Image (on Docker Hub
// or one of its mirrors, as "python"), the repositories the table of
// published tags covers.
func officialRepo(ref parser.ImageRef) (string, bool) {
	repo := strings.ToLower(ref.Repository())
	if ref.IsDockerHub() && !strings.Contains(repo, "/") {
		return repo, true
	}
	if dir, name, ok := strings.Cut(repo, "/library/"); ok && dir != "" && !strings.Contains(name, "/") {
		// A mirror of the official images (public.ecr.aws/docker/library/python).
		return name, true
	}
	if strings.HasPrefix(repo, "mirror.gcr.io/") && !strings.Contains(strings.TrimPrefix(repo, "mirror.gcr.io/"), "/") {
		return strings.TrimPrefix(repo, "mirror.gcr.io/"), true
	}
	return "", false
}

// publishedMove picks, for each match, the line to move to: the newest
// combination of supported lines (the first match's newest first) whose tag
// is published. nil when there is none.
func publishedMove(tag string, ms []eol.Match, today time.Time, published func(string) bool) ([]eol.Candidate, string) {
	cands := make([][]eol.Candidate, len(ms))
	for i, m := range ms {
		cands[i] = m.Candidates(today)
		if len(cands[i]) == 0 {
			return nil, ""
		}
	}
	idx := make([]int, len(ms))
	for {
		t := tag
		for i := len(ms) - 1; i >= 0; i-- {
			t = t[:ms[i].Start] + cands[i][idx[i]].Text + t[ms[i].End:]
		}
		if published(t) {
			out := make([]eol.Candidate, len(ms))
			for i := range ms {
				out[i] = cands[i][idx[i]]
			}
			return out, t
		}
		// Next combination: the last match's lines vary fastest.
		i := len(ms) - 1
		for ; i >= 0; i-- {
			if idx[i]++; idx[i] < len(cands[i]) {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return nil, ""
		}
	}
}

// pinnedTo returns a package installed anywhere in the file, or another
// stage's image, whose name carries the matched line ("python3.9-dev",
// "gcr.io/distroless/nodejs20-debian12"): moving the stage to another line
// would leave it behind. "" when there is none.
func pinnedTo(f *parser.File, s *parser.Stage, m eol.Match) string {
	re := m.Product.PinPattern(m.Line.Line)
	if re == nil {
		return ""
	}
	for in := range shellcmd.RunInstructions(f) {
		for _, c := range shellcmd.CommandsIn(in) {
			pkgs, _ := shellcmd.InstalledPackages(c)
			for _, w := range pkgs {
				if name := shellcmd.WordText(w); re.MatchString(name) {
					return name
				}
			}
		}
	}
	for _, o := range f.Stages {
		if o == s {
			continue
		}
		ref, ok := o.Image()
		if !ok {
			continue
		}
		// A stage of the same product gets its own finding and move.
		if info := images.Lookup(ref); containsStr(m.Product.Families, info.Family) {
			continue
		}
		if re.MatchString(ref.Name()) {
			return ref.Original
		}
	}
	return ""
}

package rules

import (
	"fmt"

	"github.com/dflint/dflint/internal/eol"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

var _ = register(&Rule{
	ID:         "DF104",
	Name:       "full-base-image",
	Severity:   Warning,
	Summary:    "The final stage runs on a language image's full variant where a slim one exists (under the alpine base family: on a Debian-based one where an Alpine one exists)",
	Fix:        Unsafe,
	FixSummary: "use the slim (or JRE) variant's tag, or the Alpine one under the alpine base family",
	Check:      checkFullBaseImage,
})

func checkFullBaseImage(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || isDevEnvironment(p.File) {
		return
	}
	slim, info, ok := slimVariant(final)
	if !ok {
		smallToAlpine(p, final)
		return
	}
	root := final.RootImage()
	start, end := reportRange(root.From)
	what := "the full variant, with compilers and build tools it does not need at run time"
	switch info.Kind {
	case images.Toolchain:
		what = "a JDK, with a compiler it does not need at run time"
	case images.Distro:
		what = "the full variant, with documentation, locales and other files a container does not need"
	}
	through := ""
	if root != final {
		through = fmt.Sprintf(" (through stage `%s`)", root.Name)
	}
	msg := fmt.Sprintf("the final stage runs on `%s`%s, %s", root.Base, through, what)
	// Online, the registry's compressed sizes of both images follow.
	sized := func(m, target string) string {
		if note := sizeNote(p, root, target); note != "" {
			return m + " (" + note + ")"
		}
		return m
	}
	family, override := p.Options.BasePolicy.For(rewrite.MustImage(root))
	fallback := ""
	switch {
	case override != "" || images.IsHardenedFamily(family):
		// DF105 swaps the image under this policy (or DF201 splits the
		// stage onto it); DF104 offers the slim variant only where
		// neither can, so that one fix applies.
		if runtime, ok, _ := splitOwnsHardenedMove(p, final, info); ok {
			p.Report(start, end, fmt.Sprintf("%s: DF201 builds in an earlier stage and runs on `%s`", msg, runtime), nil)
			return
		}
		res := hardenedSwap(p.Options, p.File, final)
		if res.plan != nil && res.plan.Blocked == "" {
			p.Report(start, end, fmt.Sprintf("%s: DF105 moves it to `%s`", msg, res.plan.Target), nil)
			return
		}
		if res.plan != nil {
			fallback = fmt.Sprintf(" (its %s equivalent `%s` cannot be used here: %s)", familyTitle(res.family), res.plan.Target, res.plan.Blocked)
		} else if res.why != "" {
			fallback = fmt.Sprintf(" (no %s equivalent: %s)", familyTitle(res.family), res.why)
		}
	case family == images.FamilyAlpine:
		if tag, ok := info.AlpineTag(); ok {
			alpine, blocked, fix := alpineSwap(p, final, info, tag)
			if blocked != "" {
				p.Report(start, end, sized(fmt.Sprintf("%s: use `%s` (dflint cannot swap it: %s)", msg, alpine, blocked), alpine), nil)
				return
			}
			p.Report(start, end, sized(fmt.Sprintf("%s: use `%s`", msg, alpine), alpine), fix)
			return
		}
		fallback = " (it has no Alpine variant)"
	}
	p.Report(start, end, sized(fmt.Sprintf("%s: use `%s`%s", msg, info.Ref.WithTag(slim), fallback), info.Ref.WithTag(slim)), slimFix(p.File, final, root, slim))
}

// slimVariant tells whether the final stage's image has a slim (or JRE)
// variant that DF104 should suggest, and returns its tag.
func slimVariant(final *parser.Stage) (tag string, info images.Info, ok bool) {
	info, ok = baseInfo(final)
	if !ok || isWindowsBase(final) {
		return "", info, false
	}
	tag, ok = info.SlimTag()
	if !ok {
		return "", info, false
	}
	if info.Kind == images.Toolchain {
		// A compiler image whose slim variant still compiles is DF201's
		// concern: it points at a runtime image instead.
		slimRef := info.Ref
		slimRef.Tag = tag
		if images.Lookup(slimRef).Kind == images.Toolchain {
			return "", info, false
		}
		// A JDK stage that compiles (mvn package, gradle build, javac)
		// cannot run on the JRE: DF201 splits it instead.
		if compilesInStage(final) {
			return "", info, false
		}
	}
	return tag, info, true
}

// slimFix replaces the tag of the root stage's FROM, when its text is
// literal and no stage outside the final image's chain is built on it (a
// build stage there may need the full image).
func slimFix(f *parser.File, final, root *parser.Stage, slim string) *Fix {
	chain := map[*parser.Stage]bool{}
	for _, s := range final.Chain() {
		chain[s] = true
	}
	for _, s := range f.Stages {
		if !chain[s] && s.RootImage() == root {
			return nil
		}
	}
	start, end, hasTag, ok := shellcmd.FromTagRange(root.From)
	if !ok {
		return nil
	}
	text := slim
	if !hasTag {
		text = ":" + slim
	}
	return &Fix{
		Title:         fmt.Sprintf("Use the `%s` variant", slim),
		Applicability: Unsafe,
		Edits:         []Edit{{Start: start, End: end, NewText: text}},
		Restructures:  rewrite.StagesOn(f, root),
	}
}

// smallToAlpine is DF104 under the alpine base family for an image that is
// already small but Debian- or Ubuntu-based (python:3.11-slim,
// eclipse-temurin:21-jre): the family asks for the Alpine variant, which
// is smaller still. It reports only under that family, and only where the
// Alpine tag is one the official image publishes (tags.json): the
// rewrite must name an image that can be pulled. The move changes the C
// library (glibc to musl), the shell (BusyBox ash) and the package
// manager, so the fix is unsafe, and where SwapBase cannot convert the
// stage the finding says why instead.
func smallToAlpine(p *Pass, final *parser.Stage) {
	info, ok := baseInfo(final)
	if !ok || !info.Known() || isWindowsBase(final) || info.Kind == images.Toolchain {
		return
	}
	if info.OS != images.Debian && info.OS != images.Ubuntu {
		return
	}
	root := final.RootImage()
	ref := rewrite.MustImage(root)
	if family, override := p.Options.BasePolicy.For(ref); family != images.FamilyAlpine || override != "" {
		return
	}
	tag, ok := info.AlpineTag()
	if !ok {
		return // no Alpine variant that runs the same program (debian, perl)
	}
	alpine := info.Ref.WithTag(tag)
	start, end := reportRange(root.From)
	through := ""
	if root != final {
		through = fmt.Sprintf(" (through stage `%s`)", root.Name)
	}
	msg := fmt.Sprintf("the final stage runs on `%s`%s, %s image; the alpine base family asks for its Alpine variant `%s`, smaller, with musl and BusyBox", root.Base, through, osTitle(info.OS), alpine)
	if note := sizeNote(p, root, alpine); note != "" {
		msg += " (" + note + ")"
	}
	if why := alpineUnpublished(ref, tag); why != "" {
		p.Report(start, end, fmt.Sprintf("%s, but %s", msg, why), nil)
		return
	}
	if _, blocked, fix := alpineSwap(p, final, info, tag); blocked != "" {
		p.Report(start, end, fmt.Sprintf("%s, but dflint cannot move the stage there: %s; keep `%s` or change that step by hand", msg, blocked, root.Base), nil)
	} else {
		p.Report(start, end, msg, fix)
	}
}

// alpineSwap plans the move of the final stage's image to its Alpine tag,
// for both of DF104's moves to Alpine (a full image, and a slim one under
// the alpine family): the image written, and the fix, or why SwapBase
// cannot convert the stage.
func alpineSwap(p *Pass, final *parser.Stage, info images.Info, tag string) (alpine, blocked string, fix *Fix) {
	target := info.Ref
	target.Tag = tag
	alpine = info.Ref.WithTag(tag)
	plan := rewrite.SwapBase(p.File, final, rewrite.SwapTarget{Image: alpine, Tag: tag, Info: images.Lookup(target)})
	if plan.Blocked != "" {
		return alpine, plan.Blocked, nil
	}
	return alpine, "", &Fix{
		Title:         rewrite.FixTitle(fmt.Sprintf("Use the `%s` variant", tag), plan.Notes),
		Applicability: Unsafe,
		Edits:         plan.Edits,
		Restructures:  rewrite.StagesOn(p.File, final.RootImage()),
	}
}

// osTitle is how messages name a Debian-family OS, with its article.
func osTitle(os images.OS) string {
	if os == images.Ubuntu {
		return "an Ubuntu"
	}
	return "a Debian"
}

// alpineUnpublished returns why DF104 does not write an Alpine tag of an
// image: dflint writes only tags the official image publishes
// (internal/eol's table, read from docker-library/official-images), so
// that the rewritten FROM names an image that can be pulled and is still
// maintained. "" when the tag is published.
func alpineUnpublished(ref parser.ImageRef, tag string) string {
	tags := eol.DefaultTags()
	repo, official := officialRepo(ref)
	from := ref.Tag
	if from == "" {
		from = "latest"
	}
	switch {
	case !official || !tags.Knows(repo):
		return fmt.Sprintf("dflint's table of published tags does not cover `%s`, so it cannot tell whether `%s` exists: check the registry, and change the FROM by hand if it does", ref.Repository(), ref.WithTag(tag))
	case tags.Published(repo, tag):
		return ""
	case !tags.Published(repo, from):
		return fmt.Sprintf("neither `%s` nor `%s` is among the tags the official image maintains (read %s): move to a maintained version first (DF106 does once the line is past its end of life), then rerun", ref.WithTag(from), ref.WithTag(tag), tags.Checked)
	}
	return fmt.Sprintf("`%s` is not among the tags the official image publishes (read %s)", ref.WithTag(tag), tags.Checked)
}

package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

var _ = register(&Rule{
	ID:       "DF105",
	Name:     "hardened-base-available",
	Severity: Info,
	// Moving to distroless or Chainguard is a team's choice (registry,
	// support, debugging without a shell): without it the rule was
	// advice on half the corpus's files (issue 18). Choosing the family
	// is what makes it actionable: it then runs and fixes.
	OptIn: true,
	Policy: &PolicySetting{
		Setting: "a hardened base family: `--base-family distroless` or `chainguard`, `base-family:` in .dflint.yaml, or a `base-images:` entry that names one of them or an image",
		Given:   hardenedPolicy,
	},
	Summary:    "The final stage's base has a distroless or Chainguard equivalent",
	Fix:        Unsafe,
	FixSummary: "with --base-family distroless or chainguard: swap the base, converting apt/yum installs to apk",
	Check:      checkHardenedBase,
})

func checkHardenedBase(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || !shipsApplication(p.File) || isWindowsBase(final) {
		return
	}
	info, ok := baseInfo(final)
	if !ok {
		return
	}
	root := final.RootImage()
	ref := rewrite.MustImage(root)
	family, override := p.Options.BasePolicy.For(ref)
	if len(info.HasHardened()) == 0 && override == "" {
		return
	}
	if hardenedAlready(info) && family != images.FamilyChainguard && override == "" {
		// Distroless, and Microsoft's chiseled and -distroless .NET
		// images, are hardened already: only a user who asked for
		// Chainguard wants them moved.
		return
	}
	_, split, splitWhy := splitOwnsHardenedMove(p, final, info)
	if split {
		return // DF201 splits the stage onto the hardened image
	}
	start, end := reportRange(root.From)
	through := ""
	if root != final {
		through = fmt.Sprintf(" (through stage `%s`)", root.Name)
	}
	res := hardenedSwap(p.Options, p.File, final)
	switch {
	case res.plan != nil && res.plan.Blocked == "":
		msg := fmt.Sprintf("the final stage runs on `%s`%s; its %s equivalent is `%s`", root.Base, through, familyTitle(res.family), res.plan.Target)
		if res.note != "" {
			msg += " (" + res.note + ")"
		}
		if note := sizeNote(p, root, res.plan.Target); note != "" {
			msg += " (" + note + ")" // online: the registry's sizes
		}
		p.Report(start, end, msg, &Fix{
			Title:         rewrite.FixTitle(fmt.Sprintf("Use `%s`", res.plan.Target), res.plan.Notes),
			Applicability: Unsafe,
			Edits:         res.plan.Edits,
			Restructures:  rewrite.StagesOn(p.File, root),
		})
	case res.plan != nil:
		// Not "its equivalent": an image that cannot run the stage is
		// none; it is the image the policy would move it to.
		msg := fmt.Sprintf("the final stage runs on `%s`%s; the %s policy would move it to `%s`, but dflint cannot swap it: %s",
			root.Base, through, familyTitle(res.family), res.plan.Target, res.plan.Blocked)
		if splitWhy != "" {
			msg += "; nor move the install to a build stage: " + splitWhy
		}
		if note := sizeNote(p, root, res.plan.Target); note != "" {
			msg += " (" + note + ")"
		}
		p.Report(start, end, msg, nil)
	case images.IsHardenedFamily(family):
		msg := fmt.Sprintf("the final stage runs on `%s`%s, which has no %s equivalent: %s", root.Base, through, familyTitle(family), res.why)
		if others := usableEquivalents(p.Options, p.File, final, info); len(others) > 0 {
			msg += "; other hardened equivalents: " + strings.Join(others, ", ")
		}
		p.Report(start, end, msg, nil)
	default:
		// Enabled without a family: name what would really replace the
		// base, or say nothing when nothing would.
		usable := usableEquivalents(p.Options, p.File, final, info)
		if len(usable) == 0 {
			return
		}
		p.Report(start, end, fmt.Sprintf("the final stage runs on `%s`%s; hardened equivalents: %s; choose `--base-family distroless` or `chainguard` for `dflint fix --unsafe-fixes` to swap it",
			root.Base, through, strings.Join(usable, ", ")), nil)
	}
}

// hardenedAlready tells whether the base is a hardened image itself:
// distroless, or an image without a package manager that runs as a
// user other than root (Microsoft's -chiseled and -distroless .NET tags).
func hardenedAlready(info images.Info) bool {
	return info.Family == images.FamilyDistroless ||
		info.PackageManager == "none" && info.UserKnown && !info.RunsAsRoot()
}

// hardenedPolicy tells whether the base policy moves some image to a
// hardened family or to an image of the user's: DF104 then leaves that
// image to DF105, which must run.
func hardenedPolicy(o *Options) bool {
	if images.IsHardenedFamily(o.BasePolicy.Family) {
		return true
	}
	for _, v := range o.BasePolicy.Overrides {
		switch v = strings.ToLower(strings.TrimSpace(v)); {
		case images.IsHardenedFamily(v):
			return true
		case v != "" && !slices.Contains(images.BaseFamilies, v):
			return true // an image reference
		}
	}
	return false
}

// hardenedResult is what the policy makes of the final stage's base: a
// plan when the policy names a hardened family (or an image) and there is
// an equivalent; else why there is none.
type hardenedResult struct {
	family string
	plan   *rewrite.BaseSwap
	note   string
	why    string
	// shellVariant is set when the plan moves to the variant with a
	// shell and apk, because the runtime image cannot run the stage.
	shellVariant bool
}

// hardenedSwap plans DF105's swap under the policy. DF104 asks it too, so
// that only one of them offers a fix for the same FROM.
func hardenedSwap(opts *Options, f *parser.File, final *parser.Stage) hardenedResult {
	info, ok := baseInfo(final)
	if !ok {
		return hardenedResult{}
	}
	ref := rewrite.MustImage(final.RootImage())
	family, override := opts.BasePolicy.For(ref)
	if override != "" {
		target, err := parser.ParseImageRef(override)
		if err != nil {
			return hardenedResult{why: fmt.Sprintf("the override %q is not an image reference", override)}
		}
		ti := images.Lookup(target)
		plan := rewrite.SwapBase(f, final, rewrite.SwapTarget{Image: override, Info: ti, Entrypoint: ti.Kind == images.Minimal && ti.Language != ""})
		return hardenedResult{family: "configured", plan: &plan}
	}
	if !images.IsHardenedFamily(family) {
		return hardenedResult{family: family}
	}
	return hardenedSwapTo(opts, f, final, info, family)
}

// hardenedSwapTo plans the move of the final stage to its equivalent in a
// hardened family: the runtime image, or the variant with a shell and apk
// when the stage needs one. An image with another C library than the base
// is no equivalent: what the stage copies in was built for the base's.
func hardenedSwapTo(opts *Options, f *parser.File, final *parser.Stage, info images.Info, family string) hardenedResult {
	h, ok, why := info.Hardened(family, opts.BasePolicy.Chainguard)
	if !ok {
		if why == "" {
			why = "dflint knows of none"
		}
		return hardenedResult{family: family, why: why}
	}
	runtimeInfo := images.LookupName(h.Runtime)
	if why := otherLibc(info, h.Runtime, runtimeInfo); why != "" {
		return hardenedResult{family: family, why: why}
	}
	runtime := rewrite.SwapTarget{Image: h.Runtime, Info: runtimeInfo, Entrypoint: h.Entrypoint}
	plan := rewrite.SwapBase(f, final, runtime)
	if plan.Blocked != "" && h.Shell != "" {
		// The runtime image cannot run the stage: the variant with a shell
		// and apk can, if it has the same C library.
		shellInfo := images.LookupName(h.Shell)
		if why := otherLibc(info, h.Shell, shellInfo); why != "" {
			return hardenedResult{family: family, why: why}
		}
		shell := rewrite.SwapTarget{Image: h.Shell, Info: shellInfo, Entrypoint: h.Entrypoint}
		withShell := rewrite.SwapBase(f, final, shell)
		if withShell.Blocked == "" {
			withShell.Notes = append([]string{"the variant with a shell, for the steps that need one"}, withShell.Notes...)
		}
		return hardenedResult{family: family, plan: &withShell, note: h.Note, shellVariant: true}
	}
	return hardenedResult{family: family, plan: &plan, note: h.Note}
}

// otherLibc says why target is no equivalent of the base when their C
// libraries differ (musl and glibc, or none in a static image): a program
// the stage copies in, linked against the base's, does not run there.
// Unknown libraries are not judged. "" when they match.
func otherLibc(base images.Info, target string, ti images.Info) string {
	if base.Libc == "" || ti.Libc == "" || base.Libc == ti.Libc {
		return ""
	}
	return fmt.Sprintf("`%s` has %s and `%s` %s: a program linked against the one does not run on the other (build it static, or for the target's C library, first)",
		base.Ref.Original, libcText(base.Libc), target, libcText(ti.Libc))
}

func libcText(libc string) string {
	if libc == "none" {
		return "no C library"
	}
	return libc
}

// usableEquivalents names, for a message, the final stage's runtime
// equivalents that could replace its base as the stage is: the same C
// library, and no RUN step or shell-form command that needs a shell. The
// variants with a shell are left out: moving a stage's RUN steps onto
// another distribution (Wolfi) is a migration the user chooses with a
// family, not an equivalent (install scripts, distribution tarballs and
// .debs do not follow).
func usableEquivalents(opts *Options, f *parser.File, final *parser.Stage, info images.Info) []string {
	var out []string
	for _, fam := range info.HasHardened() {
		res := hardenedSwapTo(opts, f, final, info, fam)
		if res.plan == nil || res.plan.Blocked != "" || res.shellVariant {
			continue
		}
		out = append(out, fmt.Sprintf("`%s` (%s)", res.plan.Target, familyTitle(fam)))
	}
	return out
}

func familyTitle(f string) string {
	switch f {
	case images.FamilyChainguard:
		return "Chainguard"
	case "configured":
		return "configured"
	}
	return f
}

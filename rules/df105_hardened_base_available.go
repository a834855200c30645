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
	if final == nil || isDevEnvironment(p.File) || isWindowsBase(final) {
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
	if info.Family == "distroless" && family != images.FamilyChainguard && override == "" {
		// Distroless is hardened already: only a user who asked for
		// Chainguard wants it moved.
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
		msg := fmt.Sprintf("the final stage runs on `%s`%s; its %s equivalent is `%s`, but dflint cannot swap it: %s",
			root.Base, through, familyTitle(res.family), res.plan.Target, res.plan.Blocked)
		if splitWhy != "" {
			msg += "; nor move the install to a build stage: " + splitWhy
		}
		if note := sizeNote(p, root, res.plan.Target); note != "" {
			msg += " (" + note + ")"
		}
		p.Report(start, end, msg, nil)
	case images.IsHardenedFamily(family):
		p.Report(start, end, fmt.Sprintf("the final stage runs on `%s`%s, which has no %s equivalent: %s; %s",
			root.Base, through, familyTitle(family), res.why, equivalentsText(info, p.Options.BasePolicy.Chainguard)), nil)
	default:
		p.Report(start, end, fmt.Sprintf("the final stage runs on `%s`%s; hardened equivalents: %s; choose `--base-family distroless` or `chainguard` for `dflint fix --unsafe-fixes` to swap it",
			root.Base, through, equivalentsText(info, p.Options.BasePolicy.Chainguard)), nil)
	}
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
	h, ok, why := info.Hardened(family, opts.BasePolicy.Chainguard)
	if !ok {
		if why == "" {
			why = "dflint knows of none"
		}
		return hardenedResult{family: family, why: why}
	}
	runtime := rewrite.SwapTarget{Image: h.Runtime, Info: images.LookupName(h.Runtime), Entrypoint: h.Entrypoint}
	plan := rewrite.SwapBase(f, final, runtime)
	if plan.Blocked != "" && h.Shell != "" {
		// The runtime image cannot run the stage: the variant with a shell
		// and apk can.
		shell := rewrite.SwapTarget{Image: h.Shell, Info: images.LookupName(h.Shell), Entrypoint: h.Entrypoint}
		withShell := rewrite.SwapBase(f, final, shell)
		if withShell.Blocked == "" {
			withShell.Notes = append([]string{"the variant with a shell, for the steps that need one"}, withShell.Notes...)
		}
		plan = withShell
	}
	return hardenedResult{family: family, plan: &plan, note: h.Note}
}

// equivalentsText names an image's hardened equivalents for a message.
func equivalentsText(info images.Info, registry string) string {
	var parts []string
	for _, fam := range info.HasHardened() {
		h, _, _ := info.Hardened(fam, registry)
		parts = append(parts, fmt.Sprintf("`%s` (%s)", h.Runtime, familyTitle(fam)))
	}
	if len(parts) == 0 {
		return "none known"
	}
	return strings.Join(parts, ", ")
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

package rules

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
)

// buildkitCheck is one of BuildKit's own checks, as `docker build --check`
// runs them.
type buildkitCheck struct {
	Name, Description, URL string
	Experimental           bool
}

func check[F any](r linter.LinterRule[F]) buildkitCheck {
	return buildkitCheck{Name: r.Name, Description: r.Description, URL: r.URL, Experimental: r.Experimental}
}

// buildkitChecks lists BuildKit's checks from its own rule set, so names,
// descriptions and links stay BuildKit's.
var buildkitChecks = []buildkitCheck{
	check(linter.RuleStageNameCasing),
	check(linter.RuleFromAsCasing),
	check(linter.RuleNoEmptyContinuation),
	check(linter.RuleConsistentInstructionCasing),
	check(linter.RuleDuplicateStageName),
	check(linter.RuleReservedStageName),
	check(linter.RuleJSONArgsRecommended),
	check(linter.RuleMaintainerDeprecated),
	check(linter.RuleUndefinedArgInFrom),
	check(linter.RuleWorkdirRelativePath),
	check(linter.RuleUndefinedVar),
	check(linter.RuleMultipleInstructionsDisallowed),
	check(linter.RuleLegacyKeyValueFormat),
	check(linter.RuleInvalidBaseImagePlatform),
	check(linter.RuleRedundantTargetPlatform),
	check(linter.RuleSecretsUsedInArgOrEnv),
	check(linter.RuleInvalidDefaultArgInFrom),
	check(linter.RuleFromPlatformFlagConstDisallowed),
	check(linter.RuleCopyIgnoredFile),
	check(linter.RuleInvalidDefinitionDescription),
	check(linter.RuleExposeProtoCasing),
	check(linter.RuleExposeInvalidFormat),
}

// buildkitAliases are other tools' codes for a BuildKit check that no DF
// rule covers, so that they resolve to the check.
var buildkitAliases = map[string][]string{
	// hadolint: "FROM aliases (stage names) must be unique".
	"DuplicateStageName": {"DL3024"},
}

// BuildKitPrefix starts the ID of a BuildKit check that no DF rule covers.
const BuildKitPrefix = "buildkit/"

// buildkitRules makes registry entries for the BuildKit checks that no DF
// rule names as an alias. Called with the registry locked.
func buildkitRules(dfRules []*Rule) []*Rule {
	covered := map[string]bool{}
	for _, r := range dfRules {
		for _, a := range r.Aliases {
			covered[strings.ToLower(a)] = true
		}
	}
	var out []*Rule
	for _, c := range buildkitChecks {
		if covered[strings.ToLower(c.Name)] {
			continue
		}
		desc := c.Description + "."
		if c.Experimental {
			desc += "\n\nBuildKit marks this check experimental: it runs only when BuildKit's experimental checks are enabled."
		}
		url := c.URL
		if url == "" {
			url = "https://docs.docker.com/reference/build-checks/" + kebab(c.Name) + "/"
		}
		out = append(out, &Rule{
			ID:          BuildKitPrefix + c.Name,
			Name:        c.Name,
			Severity:    Warning,
			Summary:     c.Description,
			Description: desc,
			URL:         url,
			Aliases:     append([]string{c.Name}, buildkitAliases[c.Name]...),
		})
	}
	return out
}

// offlineResolver answers BuildKit's image metadata look-ups without any
// network: an empty image config. It reports no platform, so that
// InvalidBaseImagePlatform does not fire on every FROM.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

var allLLBCaps = pb.Caps.CapSet(pb.Caps.All())

// runBuildKit runs BuildKit's checks in-process and returns their warnings
// as findings. Checks that a DF rule covers are left out: that rule reports
// them, once, with its fix.
func runBuildKit(ctx context.Context, f *parser.File, resolver sourceresolver.ImageMetaResolver) (out []Finding, err error) {
	defer func() {
		// BuildKit's converter is not written for hostile input; a panic in
		// it must not take the other files down.
		if r := recover(); r != nil {
			err = fmt.Errorf("BuildKit checks failed: %v", r)
		}
	}()
	if resolver == nil {
		resolver = offlineResolver{}
	}
	sm := llb.NewSourceMap(nil, f.Path, "Dockerfile", f.Source)
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(ctx, f.Source, dockerfile2llb.ConvertOpt{
		SourceMap:    sm,
		MetaResolver: resolver,
		// Without LLB capabilities the converter dereferences nil on
		// `RUN --mount=type=bind,rw` and the later checks are lost: claim
		// them all, as a current BuildKit daemon would.
		LLBCaps: &allLLBCaps,
	})
	if err != nil {
		return nil, err
	}
	for _, w := range res.Warnings {
		rule := ByID(BuildKitPrefix + w.RuleName)
		if rule == nil {
			continue // covered by a DF rule, or a check newer than this list
		}
		start, end := 0, 0
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			first, last := int(w.Location.Ranges[0].Start.Line), int(w.Location.Ranges[0].End.Line)
			for _, r := range w.Location.Ranges[1:] {
				first, last = min(first, int(r.Start.Line)), max(last, int(r.End.Line))
			}
			start = f.LineStart(first)
			if first == 1 && f.HasBOM {
				start += 3
			}
			end = f.LineEnd(max(first, last))
		}
		msg := w.Detail
		if msg == "" {
			msg = w.Description
		}
		out = append(out, Finding{Rule: rule, Start: start, End: end, Message: msg})
	}
	// BuildKit reports some warnings in map order (UndefinedVar for two
	// variables of one RUN): sorting them makes the output the same on
	// every run. The engine's sort by position is stable and keeps this.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Rule.ID != b.Rule.ID {
			return a.Rule.ID < b.Rule.ID
		}
		return a.Message < b.Message
	})
	return out, nil
}

// kebab turns "InvalidBaseImagePlatform" into "invalid-base-image-platform",
// the form of BuildKit's documentation pages.
func kebab(name string) string {
	var b strings.Builder
	for i, r := range name {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

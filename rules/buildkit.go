package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
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

// runBuildKit runs BuildKit's checks that no DF rule covers on the parsed
// file (internal/buildkitcheck, ported from dockerfile2llb) and returns
// their warnings as findings. Online, the base images' configs come from
// the Registry.
func runBuildKit(f *parser.File, online *lookups) (out []Finding, err error) {
	defer func() {
		// A crash in the port must not take the other files down.
		if r := recover(); r != nil {
			err = fmt.Errorf("BuildKit checks failed: %v (please report this with the Dockerfile)", r)
		}
	}()
	var opts buildkitcheck.Options
	if online != nil {
		opts.Images = online.imageConfig
	}
	res := buildkitcheck.Check(f, opts)
	for _, w := range res.Warnings {
		rule := ByID(BuildKitPrefix + w.Rule)
		if rule == nil {
			continue // covered by a DF rule
		}
		start, end := f.Location(w.Location)
		out = append(out, Finding{Rule: rule, Start: start, End: end, Message: w.Message})
	}
	// The port reports in BuildKit's order; sort like the engine does, by
	// position, then rule and message, so that the output is stable.
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

package rules

import (
	"context"
	"fmt"
	"runtime/debug"
	"sort"
	"time"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/patternmatcher"
)

// Options choose the rules to run and how.
type Options struct {
	// Select, when not empty, runs only these rules (IDs, names or aliases),
	// including rules that are off by default.
	Select []string
	// Ignore never runs these rules.
	Ignore []string
	// Severity overrides default severities; keys are IDs, names or aliases.
	// Off disables a rule.
	Severity map[string]Severity
	// NoBuildKit skips BuildKit's checks.
	NoBuildKit bool
	// Build is the build files are linted for (--platform, --build-arg):
	// the FROM lines resolve for it and BuildKit's checks run for it. A
	// file parsed for another build is parsed again for this one.
	Build parser.Build
	// Today is the date that date-dependent rules judge by; zero means now.
	Today time.Time
	// ShellCheck is the path of the shellcheck binary to run on every RUN
	// ("" for none); see shellcheck.go. The caller checks that it exists.
	ShellCheck string
	// BasePolicy is the base-image family that DF104 and DF105 move images
	// to (--base-family, `base-family:` in config).
	BasePolicy rewrite.BasePolicy
	// StdinPath is the path standard input is reported under when one of
	// the files is standard input ("" otherwise): that file has no
	// directory on disk, so rules that look beside it stay quiet.
	StdinPath string
	// NoIgnoreComments makes the dflint and hadolint ignore comments in
	// the files count for nothing, so that every finding is reported
	// (hadolint's disable-ignore-pragma, `disable-ignore-comments:` in
	// config). BuildKit's `# check=skip=` still counts: BuildKit honours it.
	NoIgnoreComments bool
	// TrustedRegistries, when not empty, are the only registries DF107
	// accepts base images from (`trusted-registries:` in config).
	TrustedRegistries []string
	// Registry answers what only an image registry knows: the digests of
	// DF103's fix, the version tags of DF101's and DF102's, the image facts
	// (user, compressed size) that DF301, DF104 and DF105 use, and the
	// base images' configs that BuildKit's checks read (environment for
	// UndefinedVar, platform for InvalidBaseImagePlatform). Nil means
	// offline: no look-up and no cache, ever (see online.go).
	Registry Registry
	// LabelSchema is the team's label schema (`label-schema:` in config, as
	// in hadolint): label key → the type of its value. Every key is
	// required in the images the file builds. It turns DF521 on.
	LabelSchema map[string]LabelType
	// StrictLabels makes DF521 report labels that are not in LabelSchema
	// (`strict-labels: true`). It turns DF521 on.
	StrictLabels bool
	// PinDigests is the policy that every base image is pinned to a
	// digest (`pin: digest` in config): it turns DF103 on.
	PinDigests bool
	// UpdateDigests makes DF103 also check digests already pinned against
	// what their tag points to now (`dflint pin --update`).
	UpdateDigests bool
	// CacheMissIsError makes a question the offline cache cannot answer
	// an error of the file, like a registry that cannot be reached
	// (`dflint pin --offline`: a pin it cannot make is not "nothing to
	// fix"). Otherwise such answers are just missing.
	CacheMissIsError bool
}

// Engine runs a fixed set of rules. It is safe for concurrent use: each
// Lint call works on its own file.
type Engine struct {
	opts     Options
	enabled  []*Rule
	severity map[*Rule]Severity
	buildkit bool // at least one BuildKit check is enabled
	// selected and ignored also judge ShellCheck's codes, which are not
	// in the registry.
	selected, ignored map[*Rule]bool
	// partSelected, partIgnored and partSeverity are what the options say
	// about one part of a rule (see Rule.Parts), by rule and check name:
	// they judge each finding by its Check.
	partSelected, partIgnored map[*Rule]map[string]bool
	partSeverity              map[*Rule]map[string]Severity
	// judgeOnly are rules that run only so that DF002 can tell whether an
	// ignore comment naming them silences anything; their findings are
	// not reported.
	judgeOnly map[*Rule]bool
	// readsIgnoreFile is set when CopyIgnoredFile runs: only it reads the
	// build context's ignore file.
	readsIgnoreFile bool
}

// NewEngine resolves the options against the registry. Unknown rule names
// are errors.
func NewEngine(opts Options) (*Engine, error) {
	e := &Engine{opts: opts, severity: map[*Rule]Severity{},
		partSelected: map[*Rule]map[string]bool{}, partIgnored: map[*Rule]map[string]bool{},
		partSeverity: map[*Rule]map[string]Severity{}}
	// markPart records a name that stands for one part of r, and tells
	// whether k was one.
	markPart := func(parts map[*Rule]map[string]bool, r *Rule, k string) bool {
		part := r.Part(k)
		if part == "" {
			return false
		}
		if parts[r] == nil {
			parts[r] = map[string]bool{}
		}
		parts[r][part] = true
		return true
	}
	if e.opts.Today.IsZero() {
		e.opts.Today = time.Now()
	}
	selected := map[*Rule]bool{}
	for _, k := range opts.Select {
		rs, err := Resolve(k)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if !markPart(e.partSelected, r, k) {
				selected[r] = true
			}
		}
	}
	ignored := map[*Rule]bool{}
	for _, k := range opts.Ignore {
		rs, err := Resolve(k)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if !markPart(e.partIgnored, r, k) {
				ignored[r] = true
			}
		}
	}
	overrides := map[*Rule]Severity{}
	for k, sev := range opts.Severity {
		rs, err := Resolve(k)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if part := r.Part(k); part != "" {
				if e.partSeverity[r] == nil {
					e.partSeverity[r] = map[string]Severity{}
				}
				e.partSeverity[r][part] = sev
				continue
			}
			overrides[r] = sev
		}
	}
	e.selected, e.ignored = selected, ignored
	for _, r := range All() {
		sev := r.Severity
		if o, ok := overrides[r]; ok {
			sev = o
		}
		if ignored[r] || sev == Off {
			continue
		}
		// A rule runs when one of its parts is selected or given a
		// severity; partDropped then keeps that part's findings only.
		partSelected := len(e.partSelected[r]) > 0
		// A selection of only uncovered hadolint codes selects nothing.
		if len(opts.Select) > 0 && !selected[r] && !partSelected {
			continue
		}
		// Opt-in rules run only when selected, given a severity, or
		// given the policy they enforce.
		if r.OptIn && !selected[r] && !partSelected && !(r.Policy != nil && r.Policy.Given(&opts)) {
			if _, ok := overrides[r]; !ok {
				if !partGivenLevel(e.partSeverity[r]) {
					continue
				}
				// Only the parts given a level run.
				for part, sev := range e.partSeverity[r] {
					if sev != Off {
						markPart(e.partSelected, r, part)
					}
				}
			}
		}
		e.enabled = append(e.enabled, r)
		e.severity[r] = sev
		if isBuildKitRule(r) {
			e.buildkit = true
		}
	}
	// DF002 judges ignore comments against every rule that runs by
	// default, also when --select narrows what is reported.
	if e.Enabled(ByID(unusedIgnoreID)) {
		e.judgeOnly = map[*Rule]bool{}
		for _, r := range All() {
			sev := r.Severity
			if o, ok := overrides[r]; ok {
				sev = o
			}
			if e.Enabled(r) || ignored[r] || sev == Off || r.OptIn {
				continue
			}
			e.judgeOnly[r] = true
			if isBuildKitRule(r) {
				e.buildkit = true
			}
		}
	}
	e.readsIgnoreFile = e.runs(ByID(BuildKitPrefix + linter.RuleCopyIgnoredFile.Name))
	return e, nil
}

// isBuildKitRule tells whether the rule is one of BuildKit's checks (they
// have no Check: runBuildKit reports them). DF001 and DF002 are the
// engine's own.
func isBuildKitRule(r *Rule) bool {
	return r.Check == nil && r.ID != parseErrorID && r.ID != unusedIgnoreID
}

// runs tells whether the rule runs on each file, reported or not.
func (e *Engine) runs(r *Rule) bool { return e.Enabled(r) || e.judgeOnly[r] }

// Rules returns the enabled rules.
func (e *Engine) Rules() []*Rule { return append([]*Rule(nil), e.enabled...) }

// ReadsIgnoreComments tells whether dflint and hadolint ignore comments
// silence findings (they do unless Options.NoIgnoreComments says not).
func (e *Engine) ReadsIgnoreComments() bool { return !e.opts.NoIgnoreComments }

// Enabled tells whether the rule runs.
func (e *Engine) Enabled(r *Rule) bool { _, ok := e.severity[r]; return ok }

// Lint runs the enabled rules on a parsed file and returns its findings in
// file order. A file that did not parse gets one DF001 finding. errs holds
// internal failures (a rule that panicked), reported with the file name;
// the other rules still run.
//
// When ctx is cancelled (Ctrl-C, a newer version of an editor's document)
// Lint stops between rules, and rules that walk the instructions stop
// inside: it returns no findings, only ctx's error, so that part of a
// file's findings never passes for all of them.
func (e *Engine) Lint(ctx context.Context, f *parser.File) (findings []Finding, errs []error) {
	if err := ctx.Err(); err != nil {
		return nil, []error{fmt.Errorf("%s: %w", f.Path, err)}
	}
	if !f.Build.Equal(e.opts.Build) {
		// The callers (runner, rewrite, lsp) parse for the default build;
		// the stages and ARGs resolve differently for another. The
		// source is the same, so the findings' offsets hold for f.
		f = parser.ParseFor(f.Path, f.Source, e.opts.Build)
	}
	if f.Err != nil {
		r := ByID(parseErrorID)
		start := f.LineStart(f.Err.Line)
		fd := Finding{Rule: r, Start: start, End: f.LineEnd(f.Err.Line), Message: f.Err.Message}
		e.finish(f, &fd)
		return []Finding{fd}, nil
	}
	// judged holds the findings of judge-only rules: they mark ignore
	// comments as used and are then dropped.
	var raw, judged []Finding
	online := newLookups(ctx, e.opts.Registry, e.opts.CacheMissIsError)
	online.prefetch(f, e.wantsFacts())
	// One Pass serves the rules in turn: they run one after another and
	// keep no reference to it.
	pass := &Pass{File: f, Options: &e.opts, engine: e, ctx: ctx}
	for _, r := range All() {
		if r.Check == nil || !e.runs(r) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, []error{fmt.Errorf("%s: %w", f.Path, err)}
		}
		pass.Rule, pass.findings, pass.lookups = r, &raw, online
		if e.judgeOnly[r] {
			// Rules run only to judge ignore comments ask no registry.
			pass.findings, pass.lookups = &judged, nil
		}
		if err := runCheck(r, pass); err != nil && !e.judgeOnly[r] {
			errs = append(errs, fmt.Errorf("%s: %w", f.Path, err))
		}
	}
	if r := ByID(expansionLimitID); e.runs(r) {
		pass.Rule, pass.findings, pass.lookups = r, &raw, nil
		if e.judgeOnly[r] {
			pass.findings = &judged
		}
		reportWordsPastLimit(pass)
	}
	if err := ctx.Err(); err != nil {
		return nil, []error{fmt.Errorf("%s: %w", f.Path, err)}
	}
	if e.buildkit && !e.opts.NoBuildKit {
		var ignore *patternmatcher.PatternMatcher
		if e.readsIgnoreFile && !fromStdin(f, &e.opts) {
			var err error
			if ignore, err = contextIgnore(f.Path); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", f.Path, err))
			}
		}
		bk, err := runBuildKit(f, ignore, online)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Path, err))
		}
		for _, fd := range bk {
			if e.Enabled(fd.Rule) {
				raw = append(raw, fd)
			} else if e.judgeOnly[fd.Rule] {
				judged = append(judged, fd)
			}
		}
	}
	if e.opts.ShellCheck != "" {
		sc, err := runShellCheck(ctx, f, e.opts.ShellCheck)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.Path, err))
		}
		// --select narrows ShellCheck's codes only when it names some:
		// `--shellcheck --select DF401` means "DF401 and ShellCheck".
		narrowed := false
		for r := range e.selected {
			if _, ok := shellcheckCode(r.ID); ok {
				narrowed = true
			}
		}
		for _, fd := range sc {
			if !e.ignored[fd.Rule] && (!narrowed || e.selected[fd.Rule]) {
				raw = append(raw, fd)
			}
		}
	}
	if online != nil {
		for _, err := range online.errs {
			errs = append(errs, fmt.Errorf("%s: %w", f.Path, err))
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, []error{fmt.Errorf("%s: %w", f.Path, err)}
	}
	// A part the user turned off still judges ignore comments, like a
	// rule that runs only for DF002.
	kept := raw[:0]
	for _, fd := range raw {
		if !e.partDropped(&fd) {
			kept = append(kept, fd)
		} else if e.judgeOnly != nil {
			judged = append(judged, fd)
		}
	}
	raw = kept
	sup := newSuppressions(f, e.opts.NoIgnoreComments)
	for i := range raw {
		fd := &raw[i]
		if sup.suppressed(f, fd) {
			continue
		}
		e.finish(f, fd)
		findings = append(findings, *fd)
	}
	if e.judgeOnly != nil {
		for i := range judged {
			sup.suppressed(f, &judged[i])
		}
		ran := func(r *Rule) bool {
			if _, ok := shellcheckCode(r.ID); ok {
				return e.opts.ShellCheck != "" && !e.ignored[r]
			}
			return e.runs(r)
		}
		for _, fd := range unusedIgnores(sup, ran) {
			// An ignore comment can silence DF002 too (`dflint ignore=DF002`).
			if !sup.suppressed(f, &fd) {
				e.finish(f, &fd)
				findings = append(findings, fd)
			}
		}
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return ruleLess(a.Rule, b.Rule)
	})
	return findings, errs
}

// partGivenLevel tells whether a severity other than off is given to a
// part: that turns an opt-in rule on, for that part.
func partGivenLevel(levels map[string]Severity) bool {
	for _, sev := range levels {
		if sev != Off {
			return true
		}
	}
	return false
}

// partDropped tells whether the options turn off the part of its rule
// that made the finding: the part is ignored or set to off, or the user
// selected other parts of the rule and not the rule itself.
func (e *Engine) partDropped(fd *Finding) bool {
	r := fd.Rule
	if parts := e.partSelected[r]; len(parts) > 0 && !e.selected[r] && !parts[fd.Check] {
		return true
	}
	if fd.Check == "" {
		return false
	}
	if e.partIgnored[r][fd.Check] {
		return true
	}
	sev, ok := e.partSeverity[r][fd.Check]
	return ok && sev == Off
}

// wantsFacts tells whether an enabled check reads image facts, so that the
// engine fetches them for every base up front.
func (e *Engine) wantsFacts() bool {
	if e.buildkit && !e.opts.NoBuildKit {
		return true
	}
	for _, r := range e.enabled {
		if factsRules[r.ID] {
			return true
		}
	}
	return false
}

// finish fills in the derived fields of a finding.
func (e *Engine) finish(f *parser.File, fd *Finding) {
	fd.RuleID = fd.Rule.ID
	fd.Name = fd.Rule.Name
	if sev, ok := e.partSeverity[fd.Rule][fd.Check]; ok && fd.Check != "" && sev != Off {
		fd.Severity = sev
	} else if sev, ok := e.severity[fd.Rule]; ok {
		fd.Severity = sev
	} else if fd.Severity == Off {
		// A finding may carry its own level (ShellCheck's); else the rule's.
		fd.Severity = fd.Rule.Severity
	}
	fd.File = f.Path
	if fd.End < fd.Start {
		fd.End = fd.Start
	}
	fd.Line, fd.Column = f.Position(fd.Start)
	fd.EndLine, fd.EndColumn = f.Position(fd.End)
}

// runCheck runs one rule, turning a panic into an error that names the rule.
func runCheck(r *Rule, p *Pass) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("rule %s crashed: %v (please report this with the Dockerfile)\n%s", r.ID, x, debug.Stack())
		}
	}()
	r.Check(p)
	return nil
}

// Package rules holds dflint's rules, one file each, and the engine that runs
// them over a parsed Dockerfile.
//
// A Rule is a value that carries its metadata (ID, name, severity, summary,
// aliases in other tools, what fix it offers) next to its check; its
// documentation is the Markdown file beside it (ruledoc.go). Checks
// report Findings; a Finding may carry a Fix, a list of byte edits on the
// original file. Rules decide: a fix larger than a few edits of words is
// built by one of package rewrite's transformations (a new base, a split
// into stages, a user, dependencies first), and commands are read through
// internal/shellcmd. Rules never write files: package rewrite applies fixes.
package rules

import (
	"context"
	"fmt"
	"iter"
	"regexp"
	"strings"
	"sync"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

// lazyRegexp compiles a rule's regular expression the first time the rule
// needs it rather than at start-up: a run that lints one file pays only
// for the expressions its rules reach.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Severity orders findings. Off, in a severity override, disables a rule.
type Severity int

const (
	Off Severity = iota
	Style
	Info
	Warning
	Error
)

var severityNames = [...]string{"off", "style", "info", "warning", "error"}

func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "error", "warning", "info", "style" or "off".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q: use one of error, warning, info, style", s)
}

// MarshalText makes severities print as their names in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// The fix vocabulary of the rule files; package edit defines it, so that
// rewrite can apply fixes without importing rules.
type (
	Applicability = edit.Applicability
	Fix           = edit.Fix
	Edit          = edit.Edit
)

const (
	Safe        = edit.Safe
	Unsafe      = edit.Unsafe
	DisplayOnly = edit.DisplayOnly
)

// Rule is one lint rule with its documentation.
type Rule struct {
	ID       string   // stable public ID: "DF101", or "buildkit/<Name>"
	Name     string   // kebab-case name, accepted wherever an ID is
	Severity Severity // the level of its findings
	// OptIn rules ("off" in RULES.md) run only when selected or configured.
	OptIn bool
	// Policy, for an opt-in rule that enforces a team's policy, is the
	// setting that states the policy: when the options give it, the rule
	// runs without being selected (DF103 under `pin: digest`, DF105 under
	// a hardened base family). Nil for other rules.
	Policy  *PolicySetting
	Summary string // one line: what the rule finds
	// Description, Bad and Good are the documentation of a rule made in
	// code (BuildKit's checks); read them, for any rule, with Doc. A DF
	// rule leaves them empty: its documentation is the .md file beside its
	// Go file (dfNNN_name.md next to dfNNN_name.go; see ruledoc.go).
	Description string
	Bad, Good   string
	// ExampleFlags are the command-line flags the examples are linted with,
	// for rules that need configuration to report anything (DF107's
	// trusted registries); ExampleOptions sets the same in Options.
	ExampleFlags   string
	ExampleOptions func(*Options)
	// Aliases are the same concern in other tools: hadolint DL codes,
	// BuildKit check names, Trivy (DS-) and Checkov (CKV_) IDs.
	Aliases []string
	// Parts divide a rule that stands for several checks of other tools
	// (DF511 is BuildKit's ConsistentInstructionCasing and FromAsCasing;
	// DF505 is hadolint's DL4003, DL4004 and DL3012): each part lists the
	// aliases that name one of those checks, its check name first. Every
	// finding of such a rule says its part in Finding.Check (reported with
	// Pass.ReportPart), so that a user who names a part (--select,
	// --ignore, a severity, an ignore comment, `# check=skip=`) selects,
	// silences or sets the level of that part's findings only, as the
	// other tool would; the rule's ID and name still mean all of it.
	Parts [][]string
	// Fix is the best applicability the rule's fixes have; "" for none.
	Fix Applicability
	// FixOnline is set when the fix needs registry look-ups.
	FixOnline bool
	// FixSummary says what the fix does.
	FixSummary string
	// URL is where the rule is documented (BuildKit rules link upstream).
	URL string
	// Check inspects a file and reports findings through the Pass.
	Check func(*Pass)
}

// PolicySetting is a setting that turns an opt-in rule on by stating the
// policy the rule enforces.
type PolicySetting struct {
	// Setting says how to give it, for the rule's documentation
	// ("`pin: digest` in .dflint.yaml").
	Setting string
	// Given tells whether the options give it.
	Given func(*Options) bool
}

// Finding is one problem found in a file.
type Finding struct {
	Rule     *Rule    `json:"-"`
	RuleID   string   `json:"rule"`
	Name     string   `json:"name"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	// Start and End are the byte range in the original file.
	Start int `json:"start"`
	End   int `json:"end"`
	// Line/Column are 1-based and derived from Start; EndLine/EndColumn
	// from End (EndColumn points just past the range, like LSP ranges).
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
	Fix       *Fix   `json:"fix"`
	// Check is the part of the rule that made the finding (see
	// Rule.Parts): the other tool's check name, "" for a rule of one part.
	Check string `json:"check,omitempty"`
}

// Part returns the check name of the rule's part that key names (an alias
// listed in Parts, case-insensitive), or "" when key names no part: the
// rule's ID, name, or an alias that stands for all of it.
func (r *Rule) Part(key string) string {
	key = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(key)), strings.ToLower(BuildKitPrefix))
	for _, aliases := range r.Parts {
		for _, a := range aliases {
			if strings.EqualFold(a, key) {
				return aliases[0]
			}
		}
	}
	return ""
}

// Pass is what a rule's Check receives: the file and a way to report.
type Pass struct {
	File    *parser.File
	Rule    *Rule
	Options *Options
	// findings receives what the rule reports.
	findings *[]Finding
	// lookups asks the Options' Registry; nil offline (see online.go).
	lookups *lookups
	// facts remembers stageFacts per stage for this file: seven rules ask
	// it about every stage (see imagefacts_common.go).
	facts map[factsKey]cachedStageFacts
	// interpreterSplits remembers DF201's hardened split per final stage
	// for this file: DF104 and DF105 ask for it too.
	interpreterSplits map[*parser.Stage]interpreterSplit
	// engine runs the pass: rules that leave a fix to another rule ask
	// whether that rule runs (nil in tests that make a Pass by hand).
	engine *Engine
	// ctx is the Lint call's; nil in tests that make a Pass by hand.
	ctx context.Context
}

// Canceled tells whether the lint was cancelled: a rule that loops over
// many instructions stops when it is (see untilCanceled), and the engine
// then drops every finding of the file.
func (p *Pass) Canceled() bool { return p.ctx != nil && p.ctx.Err() != nil }

// untilCanceled yields what seq yields until the lint is cancelled: rules
// wrap their walk over the instructions in it, so that a cancelled lint of
// a long file stops within one instruction.
func (p *Pass) untilCanceled(seq iter.Seq[*parser.Instruction]) iter.Seq[*parser.Instruction] {
	return func(yield func(*parser.Instruction) bool) {
		for in := range seq {
			if p.Canceled() || !yield(in) {
				return
			}
		}
	}
}

// ruleRuns tells whether the rule with this ID runs in the pass's engine,
// so that a rule that defers to it (DF105 to DF201's split) still reports
// when it is turned off.
func (p *Pass) ruleRuns(id string) bool {
	return p.engine == nil || p.engine.Enabled(ByID(id))
}

// Report records a finding of the pass's rule on the byte range
// [start, end) with an optional fix.
func (p *Pass) Report(start, end int, message string, fix *Fix) {
	*p.findings = append(*p.findings, Finding{Rule: p.Rule, Start: start, End: end, Message: message, Fix: fix})
}

// ReportPart records a finding of one part of the pass's rule: check is
// the first alias of one of the rule's Parts.
func (p *Pass) ReportPart(check string, start, end int, message string, fix *Fix) {
	*p.findings = append(*p.findings, Finding{Rule: p.Rule, Start: start, End: end, Message: message, Fix: fix, Check: check})
}

// ReportInstruction records a finding that covers the whole instruction.
func (p *Pass) ReportInstruction(in *parser.Instruction, message string, fix *Fix) {
	p.Report(in.Start, in.End, message, fix)
}

// Proposal is the finding as package rewrite's fix loop reads it.
func (f Finding) Proposal() rewrite.Proposal {
	return rewrite.Proposal{RuleID: f.RuleID, Line: f.Line, Message: f.Message, Fix: f.Fix}
}

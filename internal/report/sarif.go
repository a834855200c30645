package report

import (
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

func init() { register("sarif", func(o Options) Reporter { return sarifReporter{o} }) }

// sarifReporter writes SARIF 2.1.0, the format GitHub code scanning, Azure
// DevOps and most security dashboards read. One run; the rules that
// produced findings are described in tool.driver.rules (with their
// documentation, so that an alert explains itself); each result points at
// its rule by ruleIndex, has a full region with 1-based columns counted in
// UTF-16 code units (SARIF's default columnKind), a path relative to the
// repository root under the %SRCROOT% base, a fingerprint that survives
// line moves, and its fix as artifact changes. Paths that could not be
// linted are tool execution notifications, and make executionSuccessful
// false.
type sarifReporter struct{ opts Options }

const (
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the uriBaseId that repository-relative paths are under;
	// GitHub resolves it to the checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names dflint's partial fingerprint; bump the version
	// if the way it is computed changes.
	fingerprintKey = "dflint/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name,omitempty"`
	ShortDescription     sarifMessage    `json:"shortDescription"`
	FullDescription      sarifMessage    `json:"fullDescription"`
	Help                 *sarifMessage   `json:"help,omitempty"`
	HelpURI              string          `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           *sarifRuleProps `json:"properties,omitempty"`
}

type sarifMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags,omitempty"`
	// SecuritySeverity is GitHub's score of a security rule, a number
	// written as a string (see rules.SecurityRating).
	SecuritySeverity string `json:"security-severity,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn"`
	EndLine     int  `json:"endLine"`
	EndColumn   int  `json:"endColumn"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     sarifMessage          `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion sarifRegion `json:"deletedRegion"`
	// InsertedContent is written for a deletion too, with empty text:
	// SARIF allows leaving it out, but reviewdog's SARIF reader (v0.21.0)
	// crashed on a deletion without it (issue 20, item 5, 2026-12-07).
	InsertedContent sarifArtifactContent `json:"insertedContent"`
}

type sarifArtifactContent struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

func (s sarifReporter) Report(w io.Writer, run *Run) error {
	driver := sarifDriver{
		Name:           "dflint",
		Version:        s.opts.Version,
		InformationURI: rules.RepositoryURL,
		Rules:          []sarifRule{},
	}
	if v, ok := strings.CutPrefix(s.opts.Version, "v"); ok && v != "" {
		driver.SemanticVersion = v
	}

	// The rules that fired, in registry order (DF rules by ID, then
	// BuildKit's, then ShellCheck's codes), so the output does not depend
	// on which file came first.
	byID := map[string]*rules.Rule{}
	var ids []string
	for _, r := range run.Results {
		for i := range r.Findings {
			f := &r.Findings[i]
			if _, ok := byID[f.RuleID]; !ok {
				byID[f.RuleID] = ruleOf(f)
				ids = append(ids, f.RuleID)
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ruleOrder(ids[i]) < ruleOrder(ids[j]) })
	index := map[string]int{}
	for i, id := range ids {
		index[id] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(id, byID[id]))
	}

	inv := sarifInvocation{ExecutionSuccessful: true}
	results := []sarifResult{}
	for i := range run.Results {
		r := &run.Results[i]
		loc := s.artifact(r.Path)
		fp := newFingerprinter()
		for j := range r.Findings {
			f := &r.Findings[j]
			sp := findingSpan(r, f)
			res := sarifResult{
				RuleID:    f.RuleID,
				RuleIndex: index[f.RuleID],
				Level:     level(sarifLevel, f.Severity),
				Message:   sarifMessage{Text: f.Message},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: loc,
					Region:           &sarifRegion{StartLine: sp.startLine, StartColumn: sp.startCol, EndLine: sp.endLine, EndColumn: sp.endCol},
				}}},
				PartialFingerprints: map[string]string{fingerprintKey: fp.of(relPath(s.opts.Root, r.Path), r, f)},
			}
			if fix := sarifFixOf(r.File, loc, f.Fix); fix != nil {
				res.Fixes = []sarifFix{*fix}
			}
			results = append(results, res)
		}
		for _, err := range r.Errors {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
				Level:     "error",
				Message:   sarifMessage{Text: err.Error()},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}},
			})
		}
	}

	log := sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:        sarifTool{Driver: driver},
			Invocations: []sarifInvocation{inv},
			Results:     results,
			ColumnKind:  "utf16CodeUnits",
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func (s sarifReporter) artifact(path string) sarifArtifactLocation {
	uri, relative := uriReference(relPath(s.opts.Root, path))
	if relative {
		return sarifArtifactLocation{URI: uri, URIBaseID: srcRoot}
	}
	return sarifArtifactLocation{URI: uri}
}

// ruleOrder sorts rule IDs as the registry does: DF rules, then BuildKit's
// checks, then anything else (ShellCheck), each group by ID.
func ruleOrder(id string) string {
	switch {
	case strings.HasPrefix(id, "DF"):
		return "0" + id
	case strings.HasPrefix(id, rules.BuildKitPrefix):
		return "1" + id
	}
	return "2" + id
}

func sarifRuleOf(id string, r *rules.Rule) sarifRule {
	if r == nil {
		return sarifRule{ID: id, ShortDescription: sarifMessage{Text: id}, FullDescription: sarifMessage{Text: id},
			DefaultConfiguration: sarifConfig{Level: "warning"}}
	}
	summary := strings.TrimSpace(r.Summary)
	if summary == "" {
		summary = id
	}
	doc := r.Doc()
	full := strings.TrimSpace(doc.Description)
	if full == "" {
		full = summary
	}
	short, description := cutDescription(summary, sarifDescriptionLimit), cutDescription(full, sarifDescriptionLimit)
	sr := sarifRule{
		ID:                   r.ID,
		Name:                 r.Name,
		ShortDescription:     sarifMessage{Text: short},
		FullDescription:      sarifMessage{Text: description, Markdown: description},
		HelpURI:              rules.DocURL(r),
		DefaultConfiguration: sarifConfig{Level: level(sarifLevel, r.Severity)},
	}
	help := full
	if doc.Bad != "" {
		help += "\n\nBad:\n\n```dockerfile\n" + strings.TrimRight(doc.Bad, "\n") + "\n```"
	}
	if doc.Good != "" {
		help += "\n\nGood:\n\n```dockerfile\n" + strings.TrimRight(doc.Good, "\n") + "\n```"
	}
	// help has no length limit: the whole documentation is there, also
	// when fullDescription had to be cut.
	sr.Help = &sarifMessage{Text: help, Markdown: help}
	props := &sarifRuleProps{Tags: []string{"dockerfile"}}
	if rating, ok := r.Security(); ok {
		props.Tags = append(props.Tags, "security")
		props.SecuritySeverity = strconv.FormatFloat(rating.Score, 'f', 1, 64)
	}
	sr.Properties = props
	return sr
}

// sarifFixOf turns a fix into one artifact change. Each replacement's
// region has both line/column (UTF-16) and byte offsets, which agree, so a
// consumer can splice either way.
func sarifFixOf(file *parser.File, loc sarifArtifactLocation, fix *rules.Fix) *sarifFix {
	if fix == nil || len(fix.Edits) == 0 || file == nil {
		return nil
	}
	change := sarifArtifactChange{ArtifactLocation: loc}
	for _, e := range fix.Edits {
		sp := byteSpan(file, e.Start, e.End)
		offset, length := e.Start, max(0, e.End-e.Start)
		change.Replacements = append(change.Replacements, sarifReplacement{
			DeletedRegion: sarifRegion{
				StartLine: sp.startLine, StartColumn: sp.startCol, EndLine: sp.endLine, EndColumn: sp.endCol,
				ByteOffset: &offset, ByteLength: &length,
			},
			InsertedContent: sarifArtifactContent{Text: e.NewText},
		})
	}
	return &sarifFix{
		Description:     sarifMessage{Text: fixDescription(fix)},
		ArtifactChanges: []sarifArtifactChange{change},
	}
}

// fixDescription is the fix's title with its applicability, so a reader
// knows whether `dflint fix` applies it by default.
func fixDescription(fix *rules.Fix) string {
	if fix.Applicability == "" {
		return fix.Title
	}
	return fix.Title + " (" + string(fix.Applicability) + " fix)"
}

// sarifDescriptionLimit is the longest shortDescription.text and
// fullDescription.text GitHub code scanning accepts: 1,024 characters
// (GitHub Docs, "SARIF support for code scanning", reportingDescriptor
// object; checked 2026-12-07). It is counted here in bytes, never fewer
// than characters or UTF-16 units, so the text fits however GitHub counts.
const sarifDescriptionLimit = 1024

// cutDescription shortens Markdown text to at most limit bytes, where a
// reader loses least: after the last whole paragraph, else after the last
// whole sentence, else at a word boundary with an ellipsis. A cut never
// falls inside a code block or a code span, so what is left renders as the
// author wrote it. The whole text stays in the rule's help.
func cutDescription(text string, limit int) string {
	if len(text) <= limit {
		return text
	}
	const ellipsis = " …"
	// A paragraph or sentence end is a good cut if it keeps at least
	// half of what fits; otherwise more is kept by cutting at a word.
	enough := limit / 2
	best := -1
	for _, end := range []func(string, int) bool{paragraphEnd, sentenceEnd} {
		for i := limit; i >= enough; i-- {
			if end(text, i) && balanced(text[:i]) {
				best = i
				break
			}
		}
		if best >= 0 {
			return strings.TrimRight(text[:best], " \t\n")
		}
	}
	room := limit - len(ellipsis)
	for i := room; i > 0; i-- {
		if (text[i] == ' ' || text[i] == '\n') && balanced(text[:i]) {
			return strings.TrimRight(text[:i], " \t\n") + ellipsis
		}
	}
	// One word longer than the limit: cut it at a character boundary.
	for room > 0 && !utf8.RuneStart(text[room]) {
		room--
	}
	return text[:room] + ellipsis
}

// paragraphEnd: text[:i] ends a paragraph (a blank line follows) that
// does not introduce what follows it (a list or example after a colon,
// which the cut would leave out).
func paragraphEnd(text string, i int) bool {
	return i > 0 && i < len(text) && strings.HasPrefix(text[i:], "\n\n") && text[i-1] != ':'
}

// sentenceEnd: text[:i] ends with a full stop, question or exclamation
// mark that whitespace follows.
func sentenceEnd(text string, i int) bool {
	if i < 1 || i >= len(text) {
		return false
	}
	switch text[i-1] {
	case '.', '?', '!':
	default:
		return false
	}
	return text[i] == ' ' || text[i] == '\n'
}

// balanced tells whether Markdown text closes every code fence and code
// span it opens, so that cutting after it leaves no code open.
func balanced(text string) bool {
	fences := 0
	ticks := 0
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "```") {
			fences++
			continue
		}
		if fences%2 == 1 {
			continue // inside a code block, backticks are text
		}
		ticks += strings.Count(line, "`")
	}
	return fences%2 == 0 && ticks%2 == 0
}

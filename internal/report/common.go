package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

// ruleOf finds the rule of a finding: the engine sets Finding.Rule; a
// finding built elsewhere is looked up by its ID (ShellCheck's codes too).
func ruleOf(f *rules.Finding) *rules.Rule {
	if f.Rule != nil {
		return f.Rule
	}
	if r := rules.ByID(f.RuleID); r != nil {
		return r
	}
	for _, r := range rules.Lookup(f.RuleID) {
		if strings.EqualFold(r.ID, f.RuleID) {
			return r
		}
	}
	return nil
}

// utf16Position turns a byte offset into a 1-based line and a 1-based
// column counted in UTF-16 code units, the unit SARIF (columnKind
// utf16CodeUnits, its default), GitHub and Java-based tools count in. The
// byte order mark is not a character of line 1: columns start after it.
// Bytes that are not valid UTF-8 count as one unit each, as editors show
// them as one replacement character.
func utf16Position(f *parser.File, offset int) (line, col int) {
	line, _ = f.Position(offset)
	start := f.LineStart(line)
	if line == 1 && f.HasBOM {
		start = min(3, len(f.Source))
	}
	offset = min(max(offset, start), len(f.Source))
	return line, 1 + utf16Len(f.Source[start:offset])
}

// utf16Len counts the UTF-16 code units of UTF-8 text.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		// 2 outside the Basic Multilingual Plane (a surrogate pair).
		n += max(1, utf16.RuneLen(r))
	}
	return n
}

// span is a finding's range in the units of the formats that count UTF-16.
type span struct{ startLine, startCol, endLine, endCol int }

// findingSpan converts a finding's byte range; without the file (a result
// built by hand) the byte columns are the best there is.
func findingSpan(r *Result, f *rules.Finding) span {
	if r.File == nil {
		return span{f.Line, f.Column, f.EndLine, f.EndColumn}
	}
	return byteSpan(r.File, f.Start, f.End)
}

func byteSpan(file *parser.File, start, end int) span {
	var s span
	s.startLine, s.startCol = utf16Position(file, start)
	s.endLine, s.endCol = utf16Position(file, max(start, end))
	return s
}

// relPath is how a path is written in formats read by services that resolve
// it against the repository checkout: relative to root, with forward
// slashes. A path outside root, or any path when root is empty, is kept as
// given (cleaned).
func relPath(root, p string) string {
	if root != "" {
		abs, err := filepath.Abs(p)
		if err == nil {
			if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return filepath.ToSlash(rel)
			}
			return filepath.ToSlash(abs)
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// uriReference writes a path as a URI reference (RFC 3986): relative paths
// stay relative with their characters escaped ("my file" becomes
// "my%20file"), absolute ones become file: URIs.
func uriReference(p string) (uri string, relative bool) {
	if strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: p}).String(), false
	}
	// A colon in the first segment would read as a scheme: "./" guards it.
	if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ":") {
		p = "./" + p
	}
	return (&url.URL{Path: p}).EscapedPath(), true
}

// fingerprinter gives findings identities that survive edits elsewhere in
// the file: a hash of the rule, the path, the text of the instruction the
// finding is in and the text it covers, without line numbers, so that
// adding a line above does not make every finding below look new. Two equal
// findings in equal instructions of one file are told apart by their order.
type fingerprinter struct{ seen map[string]int }

func newFingerprinter() *fingerprinter { return &fingerprinter{seen: map[string]int{}} }

func (fp *fingerprinter) of(path string, r *Result, f *rules.Finding) string {
	var context, covered string
	if r.File == nil {
		context = f.Message // an error about the path, not a finding in it
	} else {
		src := r.File.Source
		start, end := min(f.Start, len(src)), min(max(f.Start, f.End), len(src))
		covered = string(src[start:end])
		context = string(r.File.Line(f.Line))
		if start, end, ok := r.File.InstructionAround(f.Start); ok {
			context = string(src[start:end])
		}
	}
	key := strings.Join([]string{f.RuleID, path, normalizeSpace(context), normalizeSpace(covered)}, "\x00")
	n := fp.seen[key]
	fp.seen[key] = n + 1
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:])
}

// normalizeSpace makes text compare equal across line-ending and
// indentation changes.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// Severity maps. Each format has its own words for levels; these tables are
// the single place that decides them (docs/cli.md lists them).
var (
	sarifLevel = map[rules.Severity]string{
		rules.Error: "error", rules.Warning: "warning", rules.Info: "note", rules.Style: "note",
	}
	rdjsonSeverity = map[rules.Severity]string{
		rules.Error: "ERROR", rules.Warning: "WARNING", rules.Info: "INFO", rules.Style: "INFO",
	}
	githubLevel = map[rules.Severity]string{
		rules.Error: "error", rules.Warning: "warning", rules.Info: "notice", rules.Style: "notice",
	}
	checkstyleSeverity = map[rules.Severity]string{
		rules.Error: "error", rules.Warning: "warning", rules.Info: "info", rules.Style: "info",
	}
	gitlabSeverity = map[rules.Severity]string{
		rules.Error: "critical", rules.Warning: "major", rules.Info: "minor", rules.Style: "info",
	}
	// gnuSeverity uses the words Emacs's compilation mode and Vim's
	// errorformat (%t: e, w, i, n) tell apart; style has no word of its
	// own there and is a note, as GCC's remarks are.
	gnuSeverity = map[rules.Severity]string{
		rules.Error: "error", rules.Warning: "warning", rules.Info: "info", rules.Style: "note",
	}
	// sonarImpactSeverity is SonarQube's impact severity. LOW, MEDIUM and HIGH are
	// the values every server since 10.3 reads (INFO and BLOCKER came in
	// 10.8 and would break an import into an older one).
	sonarImpactSeverity = map[rules.Severity]string{
		rules.Error: "HIGH", rules.Warning: "MEDIUM", rules.Info: "LOW", rules.Style: "LOW",
	}
)

// level looks a severity up in a map, falling back to the map's warning.
func level(m map[rules.Severity]string, s rules.Severity) string {
	if v, ok := m[s]; ok {
		return v
	}
	return m[rules.Warning]
}

// ruleTitle is "DF104 full-base-image", or just the ID for BuildKit's
// checks and ShellCheck's codes, whose IDs already name them.
func ruleTitle(id, name string) string {
	if name == "" || strings.HasSuffix(id, "/"+name) || name == "shellcheck" {
		return id
	}
	return id + " " + name
}

// errorCheckName is the rule name the machine formats give a path that
// could not be linted (unreadable, missing, not a Dockerfile): it is no
// rule's finding, but those formats have no other place for it.
const errorCheckName = "dflint/error"

// issueClass is the kind of problem a finding is, for the formats that sort
// issues into kinds: Code Climate's categories (codeclimate, gitlab) and
// SonarQube's software qualities and clean code attributes (sonarqube).
type issueClass struct {
	// category is one of Code Climate's issue categories (Bug Risk,
	// Clarity, Compatibility, Complexity, Duplication, Performance,
	// Security, Style: codeclimate/platform SPEC.md, read 2026-12-07).
	category string
	// quality is SonarQube's software quality (SECURITY, RELIABILITY,
	// MAINTAINABILITY) and attribute its clean code attribute: the
	// generic issue import format of SonarQube Server 10.3 and later
	// (docs.sonarsource.com, "Generic issue import format", read
	// 2026-12-07).
	quality, attribute string
}

var (
	// securityIssue: the rules with a security rating (rules/security.go:
	// every DF3xx rule, and DF106 and DF107), which the sarif format tags
	// "security".
	securityIssue = issueClass{category: "Security", quality: "SECURITY", attribute: "TRUSTWORTHY"}
	// reliabilityIssue: any other error: the build fails or does what the
	// author did not mean.
	reliabilityIssue = issueClass{category: "Bug Risk", quality: "RELIABILITY", attribute: "LOGICAL"}
	// maintainabilityIssue: warnings and infos (bigger images, unpinned
	// versions, deprecated instructions).
	maintainabilityIssue = issueClass{category: "Bug Risk", quality: "MAINTAINABILITY", attribute: "CONVENTIONAL"}
	// styleIssue: style findings (casing, layout).
	styleIssue = issueClass{category: "Style", quality: "MAINTAINABILITY", attribute: "FORMATTED"}
)

// classOf classifies a finding of rule id at severity sev.
func classOf(id string, sev rules.Severity) issueClass {
	switch {
	case isSecurity(id):
		return securityIssue
	case sev >= rules.Error:
		return reliabilityIssue
	case sev <= rules.Style:
		return styleIssue
	}
	return maintainabilityIssue
}

// isSecurity tells whether rule id finds security problems: the same
// question the sarif format asks (Rule.Security).
func isSecurity(id string) bool {
	_, ok := rules.ByID(id).Security()
	return ok
}

// singleLine joins the lines of a message with spaces, for formats whose
// descriptions must be one line (Code Climate) or whose lines are records
// (gnu).
func singleLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), " ")
}

// marshalNoEscape is json.Marshal without HTML escaping (messages quote
// shell code: && and <<EOF stay readable) and without the encoder's
// newline.
func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

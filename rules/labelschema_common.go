package rules

// The label schema of DF521: the types a label's value can be required to
// have (hadolint's label-schema types, README "Configure"), and how each is
// checked. internal/config reads `label-schema:` from .dflint.yaml and
// .hadolint.yaml into Options.LabelSchema with ParseLabelType.

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"sync"
	"time"
)

// LabelType is the type a label's value must have.
type LabelType string

const (
	LabelText    LabelType = "text"    // any value that is not empty
	LabelURL     LabelType = "url"     // an absolute URL (DL3052)
	LabelSPDX    LabelType = "spdx"    // an SPDX license expression (DL3054)
	LabelRFC3339 LabelType = "rfc3339" // an RFC 3339 date-time (DL3053)
	LabelSemver  LabelType = "semver"  // a semantic version (DL3056)
	LabelHash    LabelType = "hash"    // a git commit hash (DL3055)
	LabelEmail   LabelType = "email"   // an e-mail address (DL3058)
)

// LabelTypes are the types label-schema accepts, hadolint's seven.
var LabelTypes = []LabelType{LabelText, LabelURL, LabelSPDX, LabelRFC3339, LabelSemver, LabelHash, LabelEmail}

// ParseLabelType reads a type of label-schema. An empty type is text, as
// in hadolint.
func ParseLabelType(s string) (LabelType, error) {
	if s == "" {
		return LabelText, nil
	}
	for _, t := range LabelTypes {
		if strings.EqualFold(s, string(t)) {
			return t, nil
		}
	}
	names := make([]string, len(LabelTypes))
	for i, t := range LabelTypes {
		names[i] = string(t)
	}
	return "", fmt.Errorf("unknown label type %q: use one of %s", s, strings.Join(names, ", "))
}

// ociLabelTypes are the types of the OCI image annotations whose format
// the OCI image spec fixes (image-spec annotations.md, v1.1.0, read
// 2026-12-07); every other org.opencontainers.image.* key is text. DF521
// checks them without a schema; a schema entry for the same key wins.
var ociLabelTypes = map[string]LabelType{
	ociPrefix + "created":       LabelRFC3339,
	ociPrefix + "url":           LabelURL,
	ociPrefix + "source":        LabelURL,
	ociPrefix + "documentation": LabelURL,
	ociPrefix + "licenses":      LabelSPDX,
}

const ociPrefix = "org.opencontainers.image."

// labelValueCheck is how a type's values are checked: the hadolint code of
// the check, and a function that returns what is wrong ("" for nothing).
type labelValueCheck struct {
	code  string
	check func(key, val string) string
}

var labelValueChecks = map[LabelType]labelValueCheck{
	LabelText:    {"DL3051", func(string, string) string { return "" }},
	LabelURL:     {"DL3052", checkURLLabel},
	LabelSPDX:    {"DL3054", checkSPDXLabel},
	LabelRFC3339: {"DL3053", checkRFC3339Label},
	LabelSemver:  {"DL3056", checkSemverLabel},
	LabelHash:    {"DL3055", checkHashLabel},
	LabelEmail:   {"DL3058", checkEmailLabel},
}

func checkURLLabel(key, val string) string {
	// A git remote in scp form is how many projects write their source.
	if key == ociPrefix+"source" && scpLikeGit().MatchString(val) {
		return ""
	}
	u, err := url.Parse(val)
	if err != nil || u.Scheme == "" || u.Host == "" && u.Scheme != "file" {
		return fmt.Sprintf("%q is not an absolute URL: write it with its scheme, like https://example.com/app", val)
	}
	return ""
}

var scpLikeGit = lazyRegexp(`^[\w.-]+@[\w.-]+:[\w./~-]+$`)

func checkRFC3339Label(_, val string) string {
	// time.RFC3339 also accepts fractional seconds when parsing.
	if _, err := time.Parse(time.RFC3339, val); err != nil {
		return fmt.Sprintf("%q is not an RFC 3339 date-time: write it like 2024-05-01T12:00:00Z (`date -u +%%Y-%%m-%%dT%%H:%%M:%%SZ`)", val)
	}
	return ""
}

// semverPattern is the regular expression of semver.org (Semantic
// Versioning 2.0.0, "Is there a suggested regular expression").
var semverPattern = lazyRegexp(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)

func checkSemverLabel(_, val string) string {
	if semverPattern().MatchString(val) {
		return ""
	}
	if semverPattern().MatchString(strings.TrimPrefix(val, "v")) {
		return fmt.Sprintf("%q is not a semantic version: drop the leading v (%s)", val, strings.TrimPrefix(val, "v"))
	}
	return fmt.Sprintf("%q is not a semantic version like 1.4.2 or 2.0.0-rc.1", val)
}

// gitHash is a commit hash: abbreviated (git's shortest is 7 digits, and
// `git rev-parse --short` gives more in a large repository) or full, SHA-1
// (40) or SHA-256 (64).
var gitHash = lazyRegexp(`^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$`)

func checkHashLabel(_, val string) string {
	if gitHash().MatchString(val) {
		return ""
	}
	return fmt.Sprintf("%q is not a git commit hash: use `git rev-parse HEAD` (40 lower-case hex digits) or its short form", val)
}

func checkEmailLabel(_, val string) string {
	// An address alone (RFC 5322 addr-spec), as hadolint requires: a
	// display name ("Ann <ann@example.com>") is not an e-mail address.
	a, err := mail.ParseAddress(val)
	if err == nil && a.Name == "" && a.Address == val {
		return ""
	}
	return fmt.Sprintf("%q is not an e-mail address: write the address alone, like ann@example.com", val)
}

func checkSPDXLabel(_, val string) string {
	if bad, ok := spdxExpressionProblem(val); !ok {
		if bad != "" {
			return fmt.Sprintf("%q is not an SPDX license expression: %q is not on the SPDX license list (use the identifier from spdx.org/licenses, or LicenseRef-<name> for your own)", val, bad)
		}
		return fmt.Sprintf("%q is not an SPDX license expression like \"Apache-2.0 OR MIT\"", val)
	}
	return ""
}

// spdxExpressionProblem checks an SPDX license expression (SPDX spec
// Annex D): license identifiers from the SPDX list (or LicenseRef-…), with
// an optional +, joined by AND and OR, an exception after WITH, and
// parentheses. ok is false for a malformed expression; unknown is then the
// identifier that is not on the list, if that is the problem.
func spdxExpressionProblem(s string) (unknown string, ok bool) {
	s = strings.NewReplacer("(", " ( ", ")", " ) ").Replace(s)
	depth := 0
	wantID, afterWith := true, false
	for _, tok := range strings.Fields(s) {
		switch up := strings.ToUpper(tok); {
		case tok == "(":
			if !wantID || afterWith {
				return "", false
			}
			depth++
		case tok == ")":
			if wantID || depth == 0 {
				return "", false
			}
			depth--
		case up == "AND" || up == "OR" || up == "WITH":
			if wantID {
				return "", false
			}
			wantID, afterWith = true, up == "WITH"
		default:
			if !wantID {
				return "", false
			}
			known := spdxLicenseRef().MatchString(tok)
			if afterWith {
				known = spdxList().exceptions[strings.ToLower(tok)]
			} else if !known {
				known = spdxList().licenses[strings.ToLower(strings.TrimSuffix(tok, "+"))]
			}
			if !known {
				return tok, false
			}
			wantID, afterWith = false, false
		}
	}
	return "", !wantID && depth == 0
}

var spdxLicenseRef = lazyRegexp(`^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$`)

// spdx.json is the SPDX License List's identifiers: where they come from and
// when they were read are in the file.
//
//go:embed spdx.json
var spdxData []byte

type spdxIDs struct {
	licenses, exceptions map[string]bool // lower-cased identifiers
}

var spdxList = sync.OnceValue(func() spdxIDs {
	var raw struct {
		Licenses, Deprecated, Exceptions []string
	}
	if err := json.Unmarshal(spdxData, &raw); err != nil {
		panic("rules: spdx.json: " + err.Error()) // embedded: caught by the tests
	}
	ids := spdxIDs{licenses: map[string]bool{}, exceptions: map[string]bool{}}
	for _, l := range append(raw.Licenses, raw.Deprecated...) {
		ids.licenses[strings.ToLower(l)] = true
	}
	for _, e := range raw.Exceptions {
		ids.exceptions[strings.ToLower(e)] = true
	}
	return ids
})

// labelKeyProblem says what is wrong with a label key by Docker's label
// key guidelines (docs.docker.com, "Docker object labels", read
// 2026-12-07), as hadolint's DL3048 checks them; "" for a good key.
func labelKeyProblem(key string) string {
	switch {
	case key == "":
		return "it is empty"
	case key[0] < 'a' || key[0] > 'z':
		return "it does not start with a lower-case letter"
	case !isLowerAlnum(key[len(key)-1]):
		return "it does not end with a lower-case letter or a digit"
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; !isLowerAlnum(c) && c != '.' && c != '-' && c != '_' && c != '/' {
			return fmt.Sprintf("it has %q: keys have only lower-case letters, digits, '.', '-', '_' and '/'", c)
		}
	}
	for _, ns := range reservedLabelNamespaces {
		if strings.HasPrefix(key, ns) {
			return fmt.Sprintf("the %s namespace is reserved for Docker's own labels", strings.TrimSuffix(ns, "."))
		}
	}
	if strings.Contains(key, "..") || strings.Contains(key, "--") {
		return "it has two separators in a row"
	}
	return ""
}

// reservedLabelNamespaces are the key prefixes Docker reserves for itself
// (the same guidelines).
var reservedLabelNamespaces = []string{"com.docker.", "io.docker.", "org.dockerproject."}

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

package rules

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF521",
	Name:     "label-schema",
	Severity: Info,
	OptIn:    true,
	Summary:  "Label values of the OCI annotation keys that are not well-formed",
	Aliases:  []string{"DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"},
	// Each hadolint code is a part; dflint reports DL3051 to DL3054's
	// concerns only, so naming another code selects or silences nothing.
	Parts: [][]string{{"DL3048"}, {"DL3049"}, {"DL3050"}, {labelEmptyCode}, {labelURLCode}, {labelTimeCode}, {labelLicenseCode}, {"DL3055"}, {"DL3056"}, {"DL3058"}},
	Check: checkLabelSchema,
})

const ociPrefix = "org.opencontainers.image."

func checkLabelSchema(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Trigger != nil {
			continue
		}
		c, ok := in.Command.(*instructions.LabelCommand)
		if !ok {
			continue
		}
		for _, kv := range c.Labels {
			key := shellcmd.Unquote(kv.Key)
			if !strings.HasPrefix(key, ociPrefix) {
				continue
			}
			val, ok := shellcmd.ExpandWord(in, kv.Value)
			if !ok {
				continue
			}
			if !strings.ContainsRune(kv.Value, '$') {
				val = shellcmd.Unquote(val)
			}
			if msg, code := checkOCILabel(strings.TrimPrefix(key, ociPrefix), val); msg != "" {
				p.ReportPart(code, in.Start, in.End, fmt.Sprintf("label %s: %s", key, msg), nil)
			}
		}
	}
}

// hadolint's codes for the label checks dflint makes (hadolint's
// src/Hadolint/Rule/DL3051.hs to DL3054.hs, read 2026-12-07).
const (
	labelEmptyCode   = "DL3051"
	labelURLCode     = "DL3052"
	labelTimeCode    = "DL3053"
	labelLicenseCode = "DL3054"
)

// checkOCILabel checks one OCI annotation value; it returns a problem and
// hadolint's code for it, or "".
func checkOCILabel(name, val string) (msg, code string) {
	if strings.TrimSpace(val) == "" {
		return "empty value", labelEmptyCode
	}
	switch name {
	case "created":
		if _, err := time.Parse(time.RFC3339, val); err != nil {
			return fmt.Sprintf("%q is not an RFC 3339 date-time like 2024-05-01T12:00:00Z", val), labelTimeCode
		}
	case "url", "source", "documentation":
		if name == "source" && scpLikeGit().MatchString(val) {
			return "", ""
		}
		u, err := url.Parse(val)
		if err != nil || u.Scheme == "" || u.Host == "" && u.Scheme != "file" {
			return fmt.Sprintf("%q is not an absolute URL", val), labelURLCode
		}
	case "licenses":
		if !isSPDXExpression(val) {
			return fmt.Sprintf("%q is not an SPDX license expression like \"Apache-2.0 OR MIT\"", val), labelLicenseCode
		}
	}
	return "", ""
}

var scpLikeGit = lazyRegexp(`^[\w.-]+@[\w.-]+:[\w./~-]+$`)

var spdxID = lazyRegexp(`^(LicenseRef-|DocumentRef-[\w.-]+:LicenseRef-)?[A-Za-z0-9][A-Za-z0-9.-]*\+?$`)

// isSPDXExpression checks the form of an SPDX license expression: license
// identifiers joined by AND, OR and WITH, with parentheses.
func isSPDXExpression(s string) bool {
	s = strings.NewReplacer("(", " ( ", ")", " ) ").Replace(s)
	depth := 0
	wantID := true
	for _, tok := range strings.Fields(s) {
		switch {
		case tok == "(":
			if !wantID {
				return false
			}
			depth++
		case tok == ")":
			if wantID || depth == 0 {
				return false
			}
			depth--
		case tok == "AND" || tok == "OR" || tok == "WITH" || tok == "and" || tok == "or" || tok == "with":
			if wantID {
				return false
			}
			wantID = true
		default:
			if !wantID || !spdxID().MatchString(tok) {
				return false
			}
			wantID = false
		}
	}
	return !wantID && depth == 0
}

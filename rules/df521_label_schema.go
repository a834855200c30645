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
	Description: `Registries, scanners and ` + "`docker inspect`" + ` read the OCI image annotations
(` + "`org.opencontainers.image.*`" + `); a malformed value is shown as is, or dropped.

Opt-in. dflint has no label schema configuration yet, so this rule checks only the values of the
well-known OCI keys, after the Dockerfile's own variables are expanded (values with other
variables, usually build args, are skipped):

- every ` + "`org.opencontainers.image.*`" + ` value is not empty (hadolint DL3051);
- ` + "`created`" + ` is an RFC 3339 date-time (DL3053);
- ` + "`url`" + `, ` + "`source`" + ` and ` + "`documentation`" + ` are absolute URLs (DL3052;
  ` + "`source`" + ` may also be a ` + "`git@host:path`" + ` address);
- ` + "`licenses`" + ` is an SPDX license expression in form (` + "`MIT`" + `, ` + "`Apache-2.0 OR MIT`" + `;
  the identifiers are not looked up) (DL3054).

Label key syntax, required labels, strict key sets, git hashes, semver and e-mail checks
(DL3048, DL3049, DL3050, DL3055, DL3056, DL3058) need a schema and are not checked until one can
be configured.`,
	Bad:     "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"yesterday\" org.opencontainers.image.source=\"github.com/acme/app\"\n",
	Good:    "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"2024-05-01T12:00:00Z\" org.opencontainers.image.source=\"https://github.com/acme/app\"\n",
	Aliases: []string{"DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"},
	Check:   checkLabelSchema,
})

const ociPrefix = "org.opencontainers.image."

func checkLabelSchema(p *Pass) {
	for in := range instructionsWithTriggers(p.File) {
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
			if msg := checkOCILabel(strings.TrimPrefix(key, ociPrefix), val); msg != "" {
				p.ReportInstruction(in, fmt.Sprintf("label %s: %s", key, msg), nil)
			}
		}
	}
}

// checkOCILabel checks one OCI annotation value; it returns a problem or "".
func checkOCILabel(name, val string) string {
	if strings.TrimSpace(val) == "" {
		return "empty value"
	}
	switch name {
	case "created":
		if _, err := time.Parse(time.RFC3339, val); err != nil {
			return fmt.Sprintf("%q is not an RFC 3339 date-time like 2024-05-01T12:00:00Z", val)
		}
	case "url", "source", "documentation":
		if name == "source" && scpLikeGit().MatchString(val) {
			return ""
		}
		u, err := url.Parse(val)
		if err != nil || u.Scheme == "" || u.Host == "" && u.Scheme != "file" {
			return fmt.Sprintf("%q is not an absolute URL", val)
		}
	case "licenses":
		if !isSPDXExpression(val) {
			return fmt.Sprintf("%q is not an SPDX license expression like \"Apache-2.0 OR MIT\"", val)
		}
	}
	return ""
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

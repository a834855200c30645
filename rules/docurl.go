package rules

import "strings"

// RepositoryURL is where dflint's source lives: the module path
// github.com/dflint/dflint as a web address. Links to rule pages in SARIF,
// rdjson and the language server are built from it.
const RepositoryURL = "https://github.com/dflint/dflint"

// DocURL is the web address of a rule's documentation: its generated page
// under docs/rules in the repository (BuildKit's checks included, as
// docs/rules/buildkit/Name.md), or the rule's own URL for rules that have
// no page there (ShellCheck's codes link to the ShellCheck wiki).
func DocURL(r *Rule) string {
	if r == nil {
		return ""
	}
	if ByID(r.ID) != nil {
		return RepositoryURL + "/blob/main/docs/rules/" + strings.TrimSuffix(r.ID, "/") + ".md"
	}
	return r.URL
}

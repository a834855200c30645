package rules

import (
	"fmt"
	"strings"
)

const unusedIgnoreID = "DF002"

// DF002 is reported by the engine itself (see unusedIgnores): it judges the
// ignore comments against what the other rules found, so it has no Check.
var _ = register(&Rule{
	ID:       unusedIgnoreID,
	Name:     "unused-ignore",
	Severity: Warning,
	OptIn:    true,
	Summary:  "an ignore comment (dflint, hadolint or `# check=skip=`) that silences nothing",
	Aliases:  []string{"DL1001"},
})

// hadolintCode matches hadolint's rule codes, including those newer than
// the table dflint knows.
var hadolintCode = lazyRegexp(`^(?i:DL)[0-9]{4}$`)

// unusedIgnores reports the entries that silenced nothing. ran tells
// whether a rule ran on the file, so that its silence means something.
//
// partial says that findings are still to come (ShellCheck's, in an
// editor): then an ignore comment that covers every rule is not judged.
func unusedIgnores(sup *suppressions, ran func(*Rule) bool, partial bool) []Finding {
	r := ByID(unusedIgnoreID)
	var out []Finding
	for _, e := range sup.entries() {
		if e.Used {
			continue
		}
		var msg string
		switch {
		case e.All && partial:
			continue
		case e.All:
			msg = fmt.Sprintf("`%s` silences nothing here: no rule reports anything it covers; remove it", e.Name)
		case len(e.Rules) == 0:
			if c, ok := LookupUncovered(e.Name); ok {
				if !c.Retired {
					continue // hadolint still reports it
				}
				msg = fmt.Sprintf("%s silences nothing: hadolint retired it and no dflint rule covers it; remove it", strings.ToUpper(e.Name))
			} else if hadolintCode().MatchString(e.Name) {
				continue // a hadolint rule newer than dflint's table
			} else {
				msg = fmt.Sprintf("%q names no rule, so it silences nothing (a typo?): run `dflint rules` for the names", e.Name)
			}
		default:
			judged := true
			for _, x := range e.Rules {
				if !ran(x) || e.Check && strings.HasPrefix(x.ID, BuildKitPrefix) {
					judged = false
				}
			}
			if !judged {
				continue
			}
			what := e.Rules[0].ID
			if !strings.EqualFold(e.Name, what) {
				what = e.Name + " (" + what + ")"
			}
			msg = fmt.Sprintf("%s reports nothing here, so this ignore silences nothing: remove it", what)
		}
		out = append(out, Finding{Rule: r, Start: e.Start, End: e.End, Message: msg})
	}
	return out
}

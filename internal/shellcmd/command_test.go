package shellcmd

import (
	"regexp"
	"testing"
)

// The command-name and assignment tests run on every command of every RUN,
// so they are string code; these are the regular expressions they replace.
func TestCommandNameTestsMatchTheirRegexps(t *testing.T) {
	words := []string{
		"", "pip", "pip3", "pip3.12", "pip3.", "pip.", "pipx", "pip3x", "pip-3", "xpip", "PIP", "pip 3",
		"python", "python3", "python3.11", "python3.11.2", "python2.7", "pythonw", "python3-config", "ipython", "Python3",
		"A=1", "a_b=", "_=x", "A1=2", "1A=2", "=x", "A", "A-B=1", "A.B=1", "Ä=1", "A B=1", "A=b=c", "PATH=$PATH:/x",
	}
	tests := []struct {
		name string
		re   *regexp.Regexp
		fn   func(string) bool
	}{
		{"isPipName", regexp.MustCompile(`^pip[0-9.]*$`), IsPipName},
		{"isPythonName", regexp.MustCompile(`^python[0-9.]*$`), IsPythonName},
		{"isAssignment", regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`), IsAssignment},
	}
	for _, tc := range tests {
		for _, w := range words {
			if got, want := tc.fn(w), tc.re.MatchString(w); got != want {
				t.Errorf("%s(%q) = %v, the regexp %s says %v", tc.name, w, got, tc.re, want)
			}
		}
	}
}

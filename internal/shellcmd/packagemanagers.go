package shellcmd

// More helpers for the package-manager rules (DF404–DF455), on top of
// command.go.

import (
	"iter"
	"strings"

	"github.com/dflint/dflint/parser"
)

// LinuxRuns yields the RUN instructions (and RUN triggers) of the file that
// build a Linux image: on Windows the POSIX tools these rules read do not
// exist.
func LinuxRuns(f *parser.File) iter.Seq[*parser.Instruction] {
	return func(yield func(*parser.Instruction) bool) {
		for in := range RunInstructions(f) {
			if !IsWindowsInstruction(in) && !yield(in) {
				return
			}
		}
	}
}

// OperandsAfter returns the operand words after the subcommand at index
// sub: the packages of `apt-get install -y a b`.
func (c *Command) OperandsAfter(spec *OptSpec, sub int) []parser.Word {
	_, operands := c.Options(spec)
	var out []parser.Word
	for _, i := range operands {
		if i > sub {
			out = append(out, c.Args[i])
		}
	}
	return out
}

// OptionValue returns the value of the last of the named options given.
func (c *Command) OptionValue(spec *OptSpec, names ...string) (string, bool) {
	opts, _ := c.Options(spec)
	val, found := "", false
	for _, o := range opts {
		for _, n := range names {
			if o.Name == n {
				val, found = o.Value, true
			}
		}
	}
	return val, found
}

// WordText is a word's literal value, or the file text it was written as
// when it has expansions.
func WordText(w parser.Word) string {
	if w.Literal {
		return w.Value
	}
	return LiteralPrefix(w.Word) + "…"
}

// QuotedList formats names for a message: `a`, `b` and 3 more.
func QuotedList(names []string) string {
	const max = 3
	var parts []string
	for i, n := range names {
		if i == max {
			break
		}
		parts = append(parts, "`"+n+"`")
	}
	s := strings.Join(parts, ", ")
	if len(names) > max {
		s += " and " + itoa(len(names)-max) + " more"
	}
	return s
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// OnlyVariable tells whether a word has no literal name in it
// (`$PACKAGES`, `"${DEPS}"`): what it expands to is not known.
func OnlyVariable(w parser.Word) bool {
	if w.Literal {
		return false
	}
	return !strings.ContainsAny(LiteralPrefix(w.Word), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
}

// packageManagerGroups are the package-manager commands, by the kind of
// image that has them: an image of one group has none of another's.
var packageManagerGroups = map[string]string{
	"apt-get": "apt", "apt": "apt", "aptitude": "apt",
	"apk": "apk",
	"yum": "rpm", "dnf": "rpm", "dnf-3": "rpm", "dnf5": "rpm", "microdnf": "rpm", "tdnf": "rpm",
	"zypper": "zypper",
}

// PackageManagerGroup is the kind of image ("apt", "apk", "rpm", "zypper")
// that has the package manager a command names (or an image's
// packageManager value); ok is false for anything else.
func PackageManagerGroup(name string) (group string, ok bool) {
	group, ok = packageManagerGroups[name]
	return group, ok
}

package rules

import (
	"strconv"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF308",
	Name:     "world-writable",
	Severity: Warning,
	Summary:  "`chmod 777` / `o+w`: files in the image writable by every user",
	Check:    checkWorldWritable,
})

var chmodSpec = shellcmd.OptSpec{LongValue: shellcmd.Set("--reference")}

func checkWorldWritable(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if (in.Name == "copy" || in.Name == "add") && !shellcmd.IsWindowsInstruction(in) {
			if mode, ok := in.Flag("chmod"); ok {
				if m, ok := shellcmd.ExpandWord(in, mode); ok && worldWritableMode(m) {
					p.ReportInstruction(in, "--chmod="+m+" makes the files writable by every user: give them to the user that needs them with --chown instead", nil)
				}
			}
		}
	}
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		if shellcmd.IsWindowsInstruction(in) {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "chmod" {
				continue
			}
			// The mode is the first operand; a symbolic mode like -w looks
			// like an option, and can only be the first word after them.
			opts, operands := c.Options(&chmodSpec)
			for _, o := range opts {
				if o.Name == "--reference" {
					operands = nil
				}
			}
			if len(operands) < 2 {
				continue
			}
			w := c.Args[operands[0]]
			mode := w.Value
			if !w.Literal {
				v, ok := shellcmd.ExpandWord(in, strings.Trim(string(p.File.Source[w.Start:w.End]), `"'`))
				if !ok {
					continue
				}
				mode = v
			}
			if worldWritableMode(mode) && !onlyScratchPaths(p.File, c, operands[1:], shellcmd.CommandsIn(in)) {
				p.Report(w.Start, w.End, "chmod "+mode+" makes files writable by every user: chown them to the user that needs them and keep the mode at 755/644", nil)
			}
		}
	}
}

// worldWritableMode tells whether a chmod mode gives others write
// permission without the sticky bit.
func worldWritableMode(mode string) bool {
	if mode == "" {
		return false
	}
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil {
		return n&0o002 != 0 && n&0o1000 == 0
	}
	ww, sticky := false, false
	for _, clause := range strings.Split(mode, ",") {
		i := 0
		for i < len(clause) && strings.IndexByte("ugoa", clause[i]) >= 0 {
			i++
		}
		who := clause[:i]
		ops := clause[i:]
		// Each action: an operator and its permissions.
		for len(ops) > 0 {
			op := ops[0]
			if op != '+' && op != '-' && op != '=' {
				return false // not a mode
			}
			j := 1
			for j < len(ops) && ops[j] != '+' && ops[j] != '-' && ops[j] != '=' {
				j++
			}
			perms := ops[1:j]
			if op != '-' && strings.ContainsRune(perms, 't') {
				sticky = true
			}
			if op != '-' && strings.ContainsRune(perms, 'w') && (strings.ContainsAny(who, "oa")) {
				ww = true
			}
			ops = ops[j:]
		}
	}
	return ww && !sticky
}

// onlyScratchPaths tells whether every path a chmod changes is scratch
// space that the image does not keep: under /tmp or /var/tmp, or deleted
// by an `rm` later in the same RUN (`tempDir="$(mktemp -d)" && chmod 777
// "$tempDir" … && rm -rf "$tempDir"`, as the nginx images do so that apt's
// _apt user can read it).
func onlyScratchPaths(f *parser.File, c *shellcmd.Command, operands []int, cmds []*shellcmd.Command) bool {
	text := func(w parser.Word) string { return strings.Trim(string(f.Source[w.Start:w.End]), `"'`) }
	for _, i := range operands {
		path := text(c.Args[i])
		if strings.HasPrefix(path, "/tmp/") || strings.HasPrefix(path, "/var/tmp/") || path == "/tmp" || path == "/var/tmp" {
			continue // /tmp itself is 1777 anyway
		}
		removed := false
		for _, r := range cmds {
			if r.Name() != "rm" || r.Call.Start() <= c.Call.Start() {
				continue
			}
			for _, w := range r.Args[1:] {
				if text(w) == path {
					removed = true
				}
			}
		}
		if !removed {
			return false
		}
	}
	return true
}

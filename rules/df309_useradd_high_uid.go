package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF309",
	Name:       "useradd-high-uid",
	Severity:   Warning,
	Summary:    "`useradd` with a high UID and no `-l`",
	Aliases:    []string{"DL3046"},
	Fix:        Safe,
	FixSummary: "insert `-l` after `useradd`",
	Check:      checkUseraddHighUID,
})

var useraddSpec = shellcmd.OptSpec{
	ShortValue: "bcdefgGkKpRPsuU",
	LongValue:  shellcmd.Set("--base-dir", "--comment", "--home-dir", "--expiredate", "--inactive", "--gid", "--groups", "--skel", "--key", "--password", "--root", "--prefix", "--shell", "--uid", "--selinux-user", "--btrfs-subvolume-home"),
}

func checkUseraddHighUID(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		if shellcmd.IsWindowsInstruction(in) {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "useradd" || c.HasOption(&useraddSpec, "-l", "--no-log-init") {
				continue
			}
			opts, _ := c.Options(&useraddSpec)
			high := false
			for _, o := range opts {
				if (o.Name != "-u" && o.Name != "--uid") || !o.HasValue {
					continue
				}
				uid, ok := optionValue(in, c, o)
				if !ok {
					continue
				}
				if len(strings.TrimSpace(uid)) > 5 {
					high = true
				}
			}
			if !high {
				continue
			}
			at := c.WordEnd(0)
			p.Report(c.Call.Start(), c.Call.End(), "`useradd` with a high UID and without `-l` writes huge sparse lastlog/faillog files into the layer: add `-l`",
				&Fix{Title: "Add -l", Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: " -l"}}})
		}
	}
}

// optionValue is an option's value with the Dockerfile's ARG and ENV
// values expanded: `-u 1000`, `-u$UID`, `--uid=${UID}`, `-u "$UID"`. ok is
// false when it holds a variable the Dockerfile does not set.
func optionValue(in *parser.Instruction, c *shellcmd.Command, o shellcmd.ShellOpt) (string, bool) {
	src := in.File.Source
	w := c.Args[o.Word]
	var raw string
	switch {
	case !w.Literal:
		raw = string(src[w.Start:w.End])[len(shellcmd.LiteralPrefix(w.Word)):]
	case o.Value != "" || o.Word+1 >= len(c.Args):
		return o.Value, true
	default:
		nw := c.Args[o.Word+1]
		if nw.Literal {
			return nw.Value, true
		}
		raw = string(src[nw.Start:nw.End])
	}
	return shellcmd.ExpandWord(in, strings.Trim(raw, `"`))
}

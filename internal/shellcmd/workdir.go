package shellcmd

import (
	"path"
	"strings"

	"github.com/dflint/dflint/parser"
)

// WorkdirAt returns the working directory an instruction runs in, from the
// WORKDIRs of its stage chain. A path that no WORKDIR made absolute is
// relative to the base image's own working directory, which dflint does not
// know: it is returned as "@base" joined with the relative part, so that two
// such directories still compare. ok is false when a WORKDIR has a variable
// without a known value.
func WorkdirAt(in *parser.Instruction) (dir string, ok bool) {
	dir = "@base"
	for x := range in.Stage.ChainInstructions() {
		if x == in || x.Stage == in.Stage && x.Index >= in.Index {
			break
		}
		if x.Name != "workdir" || x.Trigger != nil {
			continue
		}
		args := x.Args()
		if len(args) == 0 {
			continue
		}
		w, ok := ExpandWord(x, args[0])
		if !ok {
			return "", false
		}
		dir = JoinDir(dir, w)
	}
	return dir, true
}

// JoinDir resolves p against dir the way WORKDIR and COPY destinations
// are resolved ("@base" stands for the image's unknown directory).
func JoinDir(dir, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

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
	// Kept per stage and position (parser.FoldBefore): rules ask it for
	// every COPY, and a walk of the chain each time is quadratic.
	w := parser.FoldBefore(in, workdirKey{}, workdir{dir: "@base", ok: true}, workdir.then)
	if !w.ok {
		return "", false
	}
	return w.dir, true
}

// workdirKey keys the working directories kept per stage.
type workdirKey struct{}

// workdir is the working directory after some instructions; ok is false
// once a WORKDIR had a variable without a known value.
type workdir struct {
	dir string
	ok  bool
}

// then is the working directory after x.
func (w workdir) then(x *parser.Instruction) workdir {
	if !w.ok || x.Name != "workdir" || x.Trigger != nil {
		return w
	}
	args := x.Args()
	if len(args) == 0 {
		return w
	}
	d, ok := ExpandWord(x, args[0])
	if !ok {
		return workdir{}
	}
	return workdir{dir: JoinDir(w.dir, d), ok: true}
}

// JoinDir resolves p against dir the way WORKDIR and COPY destinations
// are resolved ("@base" stands for the image's unknown directory).
func JoinDir(dir, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join(dir, p)
}

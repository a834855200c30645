package buildverify

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/parser"
)

// unsupportedFlags are the instruction flags that Debian bookworm's buildah
// (1.28) rejects, found by building each one: its Dockerfile front end
// knows only --chmod, --chown and --from on COPY, --chmod and --chown on
// ADD, and --mount on RUN.
var unsupportedFlags = map[string][]string{
	"copy": {"link", "parents", "exclude"},
	"add":  {"link", "checksum", "keep-git-dir", "exclude"},
	"run":  {"network", "security"},
}

// Unsupported says why buildah 1.28 cannot build a Dockerfile as BuildKit
// would, or returns "". Heredocs (RUN <<EOF, COPY <<EOF) are the other
// gap: buildah 1.28 reads their bodies as instructions. Such a case is
// kept out of the harness rather than built by a weaker rule; a fix that
// introduces one of these is reported the same way.
func Unsupported(dockerfile []byte) string {
	f := parser.Parse("Dockerfile", dockerfile)
	if f.Err != nil {
		return ""
	}
	for _, in := range f.Instructions {
		if len(in.Heredocs()) > 0 {
			return fmt.Sprintf("line %d: heredocs in %s", in.StartLine, strings.ToUpper(in.Name))
		}
		for _, flag := range unsupportedFlags[in.Name] {
			if _, ok := in.Flag(flag); ok {
				return fmt.Sprintf("line %d: %s --%s", in.StartLine, strings.ToUpper(in.Name), flag)
			}
		}
	}
	return ""
}

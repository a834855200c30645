package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:         "DF506",
	Name:       "add-instead-of-copy",
	Severity:   Warning,
	Summary:    "ADD of local files that COPY would copy the same way",
	Aliases:    []string{"DL3020", "DS-0005", "CKV_DOCKER_4"},
	Fix:        Safe,
	FixSummary: "replace ADD with COPY",
	Check:      checkAddInsteadOfCopy,
})

// archiveSuffixes are the names of what ADD may unpack: tar archives,
// uncompressed or compressed with one of the formats BuildKit decompresses
// (gzip, bzip2, xz, zstd: github.com/moby/go-archive v0.2.0
// compression/compression.go, used by BuildKit v0.34.2's
// solver/llbsolver/file/unpack.go; read 2026-12-07). BuildKit looks at the
// content, not the name, so the name is the best guess a linter has. lz4,
// lzip, lzma and compress (.Z) files are copied as they are, so ADD of
// them is reported like any other file (hadolint's DL3020 takes .lz,
// .lzma, .Z, .tZ, .tlz and .tpz for archives).
var archiveSuffixes = []string{
	".tar",
	".gz", ".tgz",
	".bz2", ".tbz", ".tbz2", ".tb2",
	".xz", ".txz",
	".zst", ".tzst",
}

func checkAddInsteadOfCopy(p *Pass) {
	for _, in := range p.File.Instructions {
		x := in
		if in.Trigger != nil {
			x = in.Trigger
		}
		c, ok := x.Command.(*instructions.AddCommand)
		if !ok || x.Name != "add" {
			continue
		}
		if addOnlyFlags(x) {
			continue
		}
		report, fixable := true, true
		for _, src := range c.SourcePaths {
			// BuildKit removes the quotes of a source path, as a shell
			// would: `ADD "rootfs.tar.gz" /` unpacks.
			v, known := shellcmd.ExpandWord(x, shellcmd.Unquote(src))
			if !known {
				report = false
				break
			}
			switch {
			case strings.Contains(v, "://") || strings.HasPrefix(v, "git@"):
				report = false
			case mayBeArchive(v):
				report = false
			case globMayMatchArchive(v):
				fixable = false
			}
		}
		if !report {
			continue
		}
		var fix *Fix
		if fixable && x.KeywordWhole() {
			lg := x.Logical()
			start := lg.FileOffset(lg.KeywordStart)
			fix = &Fix{Title: "Use COPY", Applicability: Safe,
				Edits: []Edit{{Start: start, End: start + len(x.Keyword), NewText: shellcmd.KeywordInCase(x.Keyword, "COPY")}}}
		}
		p.ReportInstruction(in, "use COPY for local files: ADD also unpacks archives and fetches URLs", fix)
	}
}

// addOnlyFlags tells whether the ADD uses an option COPY does not have.
func addOnlyFlags(in *parser.Instruction) bool {
	for _, fl := range in.Flags() {
		name, _, _ := strings.Cut(strings.TrimPrefix(fl, "--"), "=")
		switch strings.ToLower(name) {
		case "chown", "chmod", "link", "exclude":
		default:
			return true
		}
	}
	return false
}

// mayBeArchive tells whether a source name looks like something ADD
// unpacks.
func mayBeArchive(src string) bool {
	name := strings.ToLower(path.Base(src))
	for _, s := range archiveSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// globMayMatchArchive tells whether a glob source could match an archive:
// its name does not end in a literal extension (`files/*`, `app-?`), which
// would decide (`*.py` cannot match a tar file's name).
func globMayMatchArchive(src string) bool {
	name := path.Base(src)
	i := strings.LastIndexAny(name, "*?]")
	if i < 0 {
		return false
	}
	return !strings.Contains(name[i+1:], ".")
}

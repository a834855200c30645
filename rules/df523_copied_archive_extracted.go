package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF523",
	Name:     "copied-archive-extracted",
	Severity: Info,
	Summary:  "A local archive COPYed into the image and unpacked by a later RUN: the archive stays in a layer",
	Aliases:  []string{"DL3010"},
	Check:    checkCopiedArchiveExtracted,
})

// tarNameSuffixes are the names of tar archives, plain or compressed: what
// `tar -x` unpacks, and what ADD would unpack. A compressor's own file
// (`.gz` alone) is not one: ADD copies it as it is.
var tarNameSuffixes = []string{
	".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz", ".txz",
	".tar.lz", ".tlz", ".tar.lzma", ".tar.z", ".taz", ".tz", ".tar.zst", ".tzst",
}

// decompressors read a compressed file; of a tar archive, the next step
// of the same pipeline unpacks it (`gunzip -c app.tar.gz | tar -x`).
var decompressors = shellcmd.Set("gunzip", "zcat", "gzcat", "bunzip2", "bzcat", "unxz", "xzcat", "unlzma", "lzcat", "uncompress", "unzstd", "zstdcat")

// compressors decompress only with -d (`gzip -dc app.tar.gz`).
var compressors = shellcmd.Set("gzip", "bzip2", "xz", "lzma", "zstd")

func checkCopiedArchiveExtracted(p *Pass) {
	for _, s := range shippedStages(p.File) {
		// archives are the names, in the image, of the tar archives COPYed
		// so far in the stage, with their COPY.
		archives := map[string]*parser.Instruction{}
		reported := map[*parser.Instruction]bool{}
		for _, in := range s.Instructions {
			if p.Canceled() {
				return
			}
			switch c := in.Command.(type) {
			case *instructions.CopyCommand:
				if c.From != "" {
					continue // from a stage or an image: not in the build context
				}
				for _, name := range copiedArchiveNames(in, c) {
					archives[name] = in
				}
			case *instructions.RunCommand:
				if len(archives) == 0 {
					continue
				}
				for _, cmd := range shellcmd.SimpleCommandsOf(in) {
					name, tool, ok := extractedArchive(cmd, archives)
					if !ok || reported[archives[name]] {
						continue
					}
					cp := archives[name]
					reported[cp] = true
					line, _ := p.File.Position(in.Start)
					p.ReportInstruction(cp, fmt.Sprintf("%s is COPYed here and unpacked by %s on line %d, so the archive stays in the image's layers: "+
						"drop the COPY and unpack it from a bind mount (`RUN --mount=type=bind,source=PATH/%s,target=/tmp/%s tar -xf /tmp/%s -C DIR`), or ADD it to a directory (ADD unpacks local tar archives)",
						name, tool, line, name, name, name), nil)
				}
			}
		}
	}
}

// shippedStages are the stages whose layers are in the final image: the
// final stage and the stages it is built FROM. An archive left in any
// other stage's layer never ships.
func shippedStages(f *parser.File) []*parser.Stage {
	var out []*parser.Stage
	for s := f.FinalStage(); s != nil; s = s.BaseStage {
		out = append(out, s)
	}
	return out
}

// copiedArchiveNames are the base names, in the image, of the tar archives
// a COPY puts there: the destination's when it names an archive (`COPY
// app.tgz /opt/app.tar.gz`), else each source's that does.
func copiedArchiveNames(in *parser.Instruction, c *instructions.CopyCommand) []string {
	if dest := archiveBaseName(in, c.DestPath); dest != "" {
		return []string{dest}
	}
	var out []string
	for _, src := range c.SourcePaths {
		if name := archiveBaseName(in, src); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// archiveBaseName is the base name of a path (Unix or Windows) when it
// names a tar archive, else "".
func archiveBaseName(in *parser.Instruction, word string) string {
	v, ok := shellcmd.ExpandWord(in, word)
	if !ok {
		v = word
	}
	name := fileBaseName(shellcmd.Unquote(v))
	if isTarName(name) {
		return name
	}
	return ""
}

// fileBaseName is the last element of a Unix or Windows path. Quotes are
// dropped: BuildKit splits the plain form of COPY at blanks, quoted or not,
// so `COPY a.tgz "C:\Program Files\a.tgz"` has the destination `Files\a.tgz"`.
func fileBaseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	return strings.Trim(p, `"'`)
}

func isTarName(name string) bool {
	if strings.ContainsAny(name, "*?[") {
		return false // a pattern: which files it copies is not known
	}
	lower := strings.ToLower(name)
	for _, s := range tarNameSuffixes {
		if strings.HasSuffix(lower, s) && len(lower) > len(s) {
			return true
		}
	}
	return false
}

// extractedArchive tells whether a command unpacks one of the archives
// (by base name): `tar` with -x (--extract, --get, or x in its first word
// of traditional letters, `tar xzf`), or a decompressor. tool names the
// command for the message.
func extractedArchive(cmd shellcmd.Simple, archives map[string]*parser.Instruction) (name, tool string, ok bool) {
	if len(cmd.Argv) == 0 {
		return "", "", false
	}
	tool = path.Base(cmd.Argv[0])
	args := cmd.Argv[1:]
	switch {
	case tool == "tar":
		if !tarExtracts(args) {
			return "", "", false
		}
	case decompressors[tool]:
	case compressors[tool]:
		if !decompresses(args) {
			return "", "", false
		}
	default:
		return "", "", false
	}
	for _, a := range args {
		if strings.HasPrefix(a, "-") {
			// --file=app.tar is the archive too.
			_, v, hasValue := strings.Cut(a, "=")
			if !hasValue || !strings.HasPrefix(a, "--") {
				continue
			}
			a = v
		}
		if n := fileBaseName(a); archives[n] != nil {
			return n, "`" + tool + "`", true
		}
	}
	return "", "", false
}

// decompresses tells whether a compressor's arguments ask it to
// decompress: -d in a short option group, or --decompress.
func decompresses(args []string) bool {
	for _, a := range args {
		if a == "--decompress" || a == "--uncompress" || !strings.HasPrefix(a, "--") && strings.HasPrefix(a, "-") && strings.ContainsRune(a, 'd') {
			return true
		}
	}
	return false
}

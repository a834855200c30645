package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF304",
	Name:     "remote-add-without-checksum",
	Severity: Warning,
	Summary:  "`ADD http(s)://…` without `--checksum`",
	Aliases:  []string{"DS-0005"},
	Check:    checkRemoteAddWithoutChecksum,
})

func checkRemoteAddWithoutChecksum(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		c, ok := in.Command.(*instructions.AddCommand)
		if !ok || in.Name != "add" {
			continue
		}
		if _, has := in.Flag("checksum"); has {
			continue
		}
		words := shellcmd.ArgWords(in)
		dest, destOK := shellcmd.ExpandWord(in, c.DestPath)
		for _, src := range c.SourcePaths {
			url, ok := shellcmd.ExpandWord(in, src)
			if !ok || !isHTTPSource(url) {
				continue
			}
			if destOK && laterRunVerifies(in, addedFileNames(url, shellcmd.Unquote(dest))) {
				continue
			}
			start, end := in.Start, in.End
			for _, w := range words {
				if strings.Contains(w.Text, src) {
					start, end = w.Start, w.End
					break
				}
			}
			p.Report(start, end, "ADD downloads "+url+" without `--checksum=sha256:…`: pin its content, or download and verify it in RUN", nil)
		}
	}
}

// isHTTPSource tells whether an ADD source is a plain HTTP(S) download, not
// a Git repository.
func isHTTPSource(s string) bool {
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return false
	}
	u, _, _ := strings.Cut(l, "#")
	u, _, _ = strings.Cut(u, "?")
	return !strings.HasSuffix(u, ".git")
}

// addedFileNames are the names a RUN may use for the file an ADD of url
// to dest wrote: its path and its base name (dest itself when it names a
// file, dest/<last part of the URL> when it is a directory).
func addedFileNames(url, dest string) []string {
	u, _, _ := strings.Cut(url, "#")
	u, _, _ = strings.Cut(u, "?")
	urlBase := path.Base(u)
	if dest == "" || dest == "." || strings.HasSuffix(dest, "/") {
		return []string{path.Clean(dest + "/" + urlBase), urlBase}
	}
	return []string{path.Clean(dest), path.Base(dest)}
}

// laterRunVerifies tells whether a RUN after the ADD, in its stage, checks
// the added file with a checksum or a signature that names it:
// `sha256sum -c` (the name in the checksum line it reads, or a checksum
// file named after it), `gpg --verify`/`gpgv`, `cosign verify-blob`
// (home-assistant/docker-base's python: ADD the tarball and its
// .sigstore bundle, then verify-blob). An ONBUILD ADD is not judged so:
// its RUNs run in another build.
func laterRunVerifies(add *parser.Instruction, names []string) bool {
	if add.Stage == nil || add.Parent != nil {
		return false
	}
	for _, x := range add.Stage.Instructions {
		if x.Index <= add.Index || x.Name != "run" {
			continue
		}
		cmds := shellcmd.CommandsIn(x)
		for _, c := range cmds {
			kind := verificationKind(c)
			if kind == "" {
				continue
			}
			if commandNames(x, c, names, kind == "checksum") {
				return true
			}
			// `echo "$SHA  file" | sha256sum -c -`: the name is in the
			// line the check reads, given by another command of the RUN.
			if kind == "checksum" {
				for _, o := range cmds {
					if o != c && commandNames(x, o, names, false) {
						return true
					}
				}
			}
		}
	}
	return false
}

// verificationKind tells whether a command verifies files: "checksum"
// for sha*sum -c, "signature" for gpg --verify, gpgv, cosign verify-blob;
// "" otherwise.
func verificationKind(c *shellcmd.Command) string {
	words := make([]string, 0, len(c.Args))
	for _, a := range c.Args[1:] {
		words = append(words, a.Value)
	}
	has := func(opts ...string) bool {
		for _, w := range words {
			for _, o := range opts {
				if w == o {
					return true
				}
			}
		}
		return false
	}
	switch c.Name() {
	case "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "shasum", "b2sum":
		if has("-c", "--check") {
			return "checksum"
		}
	case "gpg", "gpg2":
		if has("--verify") {
			return "signature"
		}
	case "gpgv", "gpgv2":
		return "signature"
	case "cosign":
		if has("verify-blob") {
			return "signature"
		}
	}
	return ""
}

// commandNames tells whether an argument of the command names one of the
// files: its path, or its base name as a whole word (also inside an
// argument such as "$SHA256  /tmp/file"). With checksumFile, an argument
// named after the file (file.sha256, file.asc) counts too.
func commandNames(run *parser.Instruction, c *shellcmd.Command, names []string, checksumFile bool) bool {
	for _, a := range c.Args[1:] {
		text := a.Value
		if !a.Literal {
			raw := string(run.File.Source[a.Start:a.End])
			v, ok := shellcmd.ExpandWord(run, raw)
			if !ok {
				continue
			}
			text = v
		}
		text = strings.Trim(text, `"'`)
		for _, n := range names {
			if n == "" || n == "." || n == "/" {
				continue
			}
			if containsName(text, n) {
				return true
			}
			if checksumFile && strings.HasPrefix(path.Base(text), path.Base(n)+".") {
				return true
			}
		}
	}
	return false
}

// containsName tells whether name occurs in text as a whole file name:
// bounded by the start or end of the text, white space, a quote or a
// slash before it.
func containsName(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(name)
		before := j == 0 || strings.ContainsRune(" \t/\"'*", rune(text[j-1]))
		after := end == len(text) || strings.ContainsRune(" \t\"'", rune(text[end]))
		if before && after {
			return true
		}
		i = j + 1
	}
}

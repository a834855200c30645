package rules

// Downloads in RUN, as DF312 (plain-HTTP downloads) and DF313 (unverified
// downloads) read them: which curl and wget calls fetch something that
// stays in the build (a file, or standard output piped on), from which URL,
// and whether the RUN checks anything it fetched. What cannot be read
// (a URL in a shell variable, an output path built at run time) is left
// out: these rules say less rather than guess.

import (
	"net"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// download is one curl or wget call that keeps what it fetches.
type download struct {
	Cmd *shellcmd.Command
	// URL is the first URL operand, expanded with the Dockerfile's ARG and
	// ENV values; Scheme and Host are read from it (Host lower-cased,
	// without port).
	URL, Scheme, Host string
	// Partial is set when only the start of the URL is known (the rest
	// comes from a command substitution or an unknown variable): Scheme and
	// Host are still right, URL ends in "…".
	Partial bool
	// Saved is the path the file is written to (its text as written, with
	// `${VAR}` for variables), "" when the content goes to standard output.
	Saved string
	// Piped is set when standard output goes on to the next command of a
	// pipeline; PipedTo is that command's name ("" when not known).
	Piped   bool
	PipedTo string

	locals map[string][]shellAssignment // the RUN's own variables
}

// downloadsIn lists the downloads of a RUN, in source order. A call whose
// output goes nowhere that lasts (printed to the build log, `-o
// /dev/null`, `--spider`, `-I`, a command substitution that reads a version
// string) is a probe and is not listed. The list is read once per RUN and
// shared by the rules that ask (DF312, DF313, DF314): do not modify it.
func downloadsIn(in *parser.Instruction) []download {
	return parser.Memo(in, downloadsInKey{}, readDownloads)
}

type downloadsInKey struct{}

func readDownloads(in *parser.Instruction) []download {
	var out []download
	var locals map[string][]shellAssignment
	readLocals := false
	var flow *pipeFlow
	var flowScript *parser.Script
	for _, c := range shellcmd.CommandsIn(in) {
		name := c.Name()
		if name != "curl" && name != "wget" {
			continue
		}
		if !readLocals {
			// The RUN's assignments are read once, and only for a RUN
			// that downloads: most do not.
			locals, readLocals = runAssignments(in), true
		}
		if flowScript != c.Call.Script {
			flowScript, flow = c.Call.Script, readPipeFlow(c.Call.Script)
		}
		if flow.inSubst[c.Call.Expr] {
			continue
		}
		d := download{Cmd: c, locals: locals}
		toStdout := false
		var ok bool
		if name == "curl" {
			toStdout, ok = readCurl(in, c, &d)
		} else {
			toStdout, ok = readWget(in, c, &d)
		}
		if !ok {
			continue
		}
		if toStdout {
			if next, piped := flow.next[c.Call.Stmt]; piped {
				if downloadTextReaders[next] {
					continue // `curl …/releases | jq -r .tag`: read, not kept
				}
				d.Piped, d.PipedTo = true, next
			} else if target := stdoutFile(c.Call.Stmt); target != "" {
				d.Saved = target
			} else {
				continue // printed into the build log
			}
		}
		if d.Saved == "/dev/null" {
			continue
		}
		out = append(out, d)
	}
	return out
}

// downloadTextReaders are commands that read a download as text to pick a value
// out of it (a version, a URL) rather than keep or run it.
var downloadTextReaders = map[string]bool{
	"grep": true, "egrep": true, "fgrep": true, "jq": true, "yq": true, "sed": true, "awk": true, "gawk": true,
	"head": true, "tail": true, "cut": true, "tr": true, "wc": true, "sort": true, "uniq": true, "xargs": true,
}

// readCurl fills d from a curl call; toStdout tells whether the content is
// written to standard output. ok is false for a probe or a call without a
// URL that can be read.
func readCurl(in *parser.Instruction, c *shellcmd.Command, d *download) (toStdout, ok bool) {
	opts, operands := c.Options(&curlSpec)
	remoteName := false
	for _, o := range opts {
		switch o.Name {
		case "-I", "--head", "--spider":
			return false, false
		case "-o", "--output":
			d.Saved = optionValueText(c, o)
		case "-O", "--remote-name", "--remote-name-all", "-J", "--remote-header-name":
			remoteName = true
		}
	}
	if !d.readURL(in, c, operands) {
		return false, false
	}
	if remoteName && d.Saved == "" {
		d.Saved = d.savedName()
	}
	return d.Saved == "" || d.Saved == "-", true
}

// readWget is readCurl for wget, which saves under the URL's name unless
// told otherwise.
func readWget(in *parser.Instruction, c *shellcmd.Command, d *download) (toStdout, ok bool) {
	opts, operands := c.Options(&wgetSpec)
	dir := ""
	for _, o := range opts {
		switch o.Name {
		case "--spider":
			return false, false
		case "-O", "--output-document":
			d.Saved = optionValueText(c, o)
		case "-P", "--directory-prefix":
			dir = optionValueText(c, o)
		}
	}
	if !d.readURL(in, c, operands) {
		return false, false
	}
	if d.Saved == "" {
		d.Saved = d.savedName()
		if dir != "" {
			d.Saved = path.Join(dir, d.Saved)
		}
	}
	return d.Saved == "-", true
}

// readURL takes the first operand that is a URL whose scheme and host can
// be read: the whole URL when every variable in it is known, else its
// start up to the first expansion that is not.
func (d *download) readURL(in *parser.Instruction, c *shellcmd.Command, operands []int) bool {
	for _, i := range operands {
		u, partial, ok := urlWord(in, c, d.locals, c.Args[i])
		if !ok {
			continue
		}
		scheme, rest, found := strings.Cut(u, "://")
		if !found {
			continue
		}
		hostPort, _, complete := strings.Cut(rest, "/")
		if partial && !complete {
			return false // the host itself is not known
		}
		hostPort, _, _ = strings.Cut(hostPort, "?")
		if strings.ContainsAny(hostPort, "$`{}") || hostPort == "" {
			return false
		}
		host := hostPort
		if h, _, err := net.SplitHostPort(hostPort); err == nil {
			host = h
		}
		if at := strings.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:]
		}
		if partial {
			u += "…"
		}
		d.URL, d.Partial, d.Scheme, d.Host = u, partial, strings.ToLower(scheme), strings.ToLower(strings.Trim(host, "[]"))
		return true
	}
	return false
}

// savedName is the file name wget and `curl -O` save the URL under; a NUL
// byte (matching no name) when the URL is only partly known.
func (d *download) savedName() string {
	if d.Partial {
		return "\x00"
	}
	return urlBase(d.URL)
}

// urlWord expands a word that may be a URL: the RUN's own variables set
// before the call first (`U="$BASE/a.tgz" && curl "$U"`), then the
// Dockerfile's ARG and ENV values. partial is set when only the text before
// the first unknown part could be expanded.
func urlWord(in *parser.Instruction, c *shellcmd.Command, locals map[string][]shellAssignment, w parser.Word) (u string, partial, ok bool) {
	if w.Literal {
		return w.Value, false, true
	}
	shape := substituteLocals(wordShape(w.Word), locals, c.Call.Start(), 3)
	if strings.IndexByte(shape, 0) < 0 {
		if v, ok := shellcmd.ExpandWord(in, shape); ok {
			return v, false, true
		}
	}
	// The known start: up to the first other expansion or unknown variable.
	prefix, _, _ := strings.Cut(shape, "\x00")
	for {
		if v, ok := shellcmd.ExpandWord(in, prefix); ok {
			return v, true, v != ""
		}
		i := strings.LastIndex(prefix, "${")
		if i < 0 {
			return "", false, false
		}
		prefix = prefix[:i]
	}
}

// shellAssignment is `NAME=value` as a command of its own in a RUN.
type shellAssignment struct {
	at    int    // file offset
	shape string // the value's wordShape
}

// runAssignments lists the plain assignments of a RUN's scripts by name.
func runAssignments(in *parser.Instruction) map[string][]shellAssignment {
	var out map[string][]shellAssignment
	for _, c := range in.Calls() {
		if len(c.Args) != 0 {
			continue // `A=1 cmd` sets A for cmd only
		}
		for _, a := range c.Expr.Assigns {
			if a.Name == nil || a.Append || a.Index != nil || a.Array != nil {
				continue
			}
			shape := "\x00"
			if a.Value != nil {
				shape = wordShape(a.Value)
			}
			if out == nil {
				out = map[string][]shellAssignment{}
			}
			out[a.Name.Value] = append(out[a.Name.Value], shellAssignment{at: c.Start(), shape: shape})
		}
	}
	return out
}

// substituteLocals puts in the values of the RUN's variables assigned once,
// before offset at; a variable assigned twice (per architecture, in a
// loop) is left as it is, and so stays unknown.
func substituteLocals(shape string, locals map[string][]shellAssignment, at, depth int) string {
	if len(locals) == 0 || depth == 0 {
		return shape
	}
	var sb strings.Builder
	for {
		i := strings.Index(shape, "${")
		if i < 0 {
			sb.WriteString(shape)
			return sb.String()
		}
		j := strings.IndexByte(shape[i:], '}')
		if j < 0 {
			sb.WriteString(shape)
			return sb.String()
		}
		name := shape[i+2 : i+j]
		sb.WriteString(shape[:i])
		if as := locals[name]; len(as) == 1 && as[0].at < at {
			sb.WriteString(substituteLocals(as[0].shape, locals, as[0].at, depth-1))
		} else if len(as) > 0 {
			sb.WriteByte(0) // set in the RUN, not knowably
		} else {
			sb.WriteString(shape[i : i+j+1])
		}
		shape = shape[i+j+1:]
	}
}

// optionValueText is the text of an option's value: attached (`-ofile`,
// `--output=file`) or in the next word, with variables as `${NAME}`.
func optionValueText(c *shellcmd.Command, o shellcmd.ShellOpt) string {
	text := wordShape(c.Args[o.Word].Word)
	if strings.HasPrefix(text, "--") {
		if _, v, has := strings.Cut(text, "="); has {
			return v
		}
	} else if i := strings.IndexByte(text, o.Name[1]); i >= 0 && i+1 < len(text) {
		return text[i+1:] // -ofile, -qO-
	}
	if o.Word+1 < len(c.Args) {
		return wordShape(c.Args[o.Word+1].Word)
	}
	return ""
}

// wordShape is a word's text with quotes taken off and each plain variable
// written `${NAME}`; any other expansion makes a NUL byte, which matches no
// name.
func wordShape(w *syntax.Word) string {
	var sb strings.Builder
	var add func(parts []syntax.WordPart)
	add = func(parts []syntax.WordPart) {
		for _, p := range parts {
			switch x := p.(type) {
			case *syntax.Lit:
				sb.WriteString(x.Value)
			case *syntax.SglQuoted:
				sb.WriteString(x.Value)
			case *syntax.DblQuoted:
				add(x.Parts)
			case *syntax.ParamExp:
				if x.Param == nil || x.Exp != nil || x.Repl != nil || x.Slice != nil || x.Index != nil || x.Length || x.Excl || x.Names != 0 {
					sb.WriteByte(0)
					continue
				}
				sb.WriteString("${" + x.Param.Value + "}")
			default:
				sb.WriteByte(0)
			}
		}
	}
	add(w.Parts)
	return sb.String()
}

// urlBase is the file name wget and `curl -O` save a URL under.
func urlBase(u string) string {
	u, _, _ = strings.Cut(u, "?")
	u, _, _ = strings.Cut(u, "#")
	if _, rest, ok := strings.Cut(u, "://"); ok {
		u = rest
	}
	if i := strings.IndexByte(u, '/'); i >= 0 {
		if b := path.Base(u[i:]); b != "/" && b != "." {
			return b
		}
	}
	return "index.html"
}

// pipeFlow is what a script's syntax says about where commands' output
// goes.
type pipeFlow struct {
	// next maps a statement whose standard output is piped to the name of
	// the command it is piped into ("" when that is not a plain command).
	next map[*syntax.Stmt]string
	// inSubst holds the commands inside command substitutions: their
	// output is a string for the shell (`V=$(curl …/latest)`).
	inSubst map[*syntax.CallExpr]bool
}

func readPipeFlow(s *parser.Script) *pipeFlow {
	f := &pipeFlow{}
	if s == nil || s.AST == nil {
		return f
	}
	var seen map[*syntax.BinaryCmd]bool
	// substs holds, per open node, whether it is a command substitution;
	// depth counts those around the node being visited (Walk calls the
	// function with nil when it leaves a node).
	var substs []bool
	depth := 0
	syntax.Walk(s.AST, func(n syntax.Node) bool {
		if n == nil {
			if substs[len(substs)-1] {
				depth--
			}
			substs = substs[:len(substs)-1]
			return true
		}
		_, isSubst := n.(*syntax.CmdSubst)
		substs = append(substs, isSubst)
		if isSubst {
			depth++
		}
		switch x := n.(type) {
		case *syntax.BinaryCmd:
			if seen[x] || (x.Op != syntax.Pipe && x.Op != syntax.PipeAll) {
				return true
			}
			if seen == nil {
				seen = map[*syntax.BinaryCmd]bool{}
				f.next = map[*syntax.Stmt]string{}
			}
			stmts := flattenPipe(x, seen)
			for i := 0; i+1 < len(stmts); i++ {
				f.next[stmts[i]] = stmtCommandName(stmts[i+1])
			}
		case *syntax.CallExpr:
			if depth > 0 {
				if f.inSubst == nil {
					f.inSubst = map[*syntax.CallExpr]bool{}
				}
				f.inSubst[x] = true
			}
		}
		return true
	})
	return f
}

// stmtCommandName is the name of the command a statement runs, wrappers
// taken off; "" when it is not a plain command.
func stmtCommandName(st *syntax.Stmt) string {
	ce, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		return ""
	}
	var words []parser.Word
	for _, w := range ce.Args {
		v, lit := parser.WordLiteral(w)
		words = append(words, parser.Word{Word: w, Value: v, Literal: lit})
	}
	args, _, ok := shellcmd.StripWrappers(words, nil)
	if !ok {
		return ""
	}
	return path.Base(args[0].Value)
}

// stdoutFile is the file a statement's standard output is redirected to
// (`curl … > /tmp/a.tgz`), "" when it is not.
func stdoutFile(st *syntax.Stmt) string {
	for _, r := range st.Redirs {
		if (r.Op == syntax.RdrOut || r.Op == syntax.AppOut || r.Op == syntax.RdrAll || r.Op == syntax.ClbOut) && (r.N == nil || r.N.Value == "1") && r.Word != nil {
			return wordShape(r.Word)
		}
	}
	return ""
}

// checksumTools are the commands that check a download against a digest
// or signature. Any of them in the RUN counts as verification: which file
// they check is often a variable, and these rules say nothing when they
// cannot tell.
var checksumTools = map[string]bool{
	"sha1sum": true, "sha224sum": true, "sha256sum": true, "sha384sum": true, "sha512sum": true,
	"md5sum": true, "shasum": true, "b2sum": true, "cksum": true, "gpgv": true, "gpgv2": true,
	"minisign": true, "signify": true, "cosign": true, "sigstore": true, "slsa-verifier": true,
}

// verifiedFrom tells whether the RUN, or a later RUN that sees its files
// (minio's Dockerfiles download in one RUN and run `minisign -V` in the
// next), checks a digest or signature.
func verifiedFrom(in *parser.Instruction) bool {
	return runVerifies(in) || shellcmd.AnyLaterRun(in, verifyingRunKey{}, runVerifies)
}

// verifyingRunKey keys AnyLaterRun's index of the RUNs that verify.
type verifyingRunKey struct{}

// runVerifies tells whether the RUN checks a digest or signature.
func runVerifies(in *parser.Instruction) bool {
	for _, c := range shellcmd.CommandsIn(in) {
		name := c.Name()
		if checksumTools[name] {
			return true
		}
		switch name {
		case "gpg", "gpg2":
			if c.HasOption(&shellcmd.NoValueOptions, "--verify", "--verify-files") {
				return true
			}
		case "openssl":
			for _, a := range c.Args[1:] {
				if a.Value == "-verify" || a.Value == "dgst" {
					return true
				}
			}
		case "rpm":
			if c.HasOption(&shellcmd.NoValueOptions, "-K", "--checksig") {
				return true
			}
		}
	}
	return false
}

// privateHost tells whether a host is this machine, a private network
// address, or a name only a build network resolves (a compose service, a
// `.local` or `.internal` name): a download from there does not cross the
// internet.
func privateHost(host string) bool {
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified()
	}
	if !strings.Contains(host, ".") {
		return true // localhost, a service name
	}
	for _, s := range []string{".localhost", ".local", ".internal", ".lan", ".home.arpa", ".svc", ".cluster.local"} {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

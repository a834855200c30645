package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF512",
	Name:     "invalid-expose",
	Severity: Error,
	Summary:  "EXPOSE with an invalid port, an IP or host mapping, or an upper-case protocol",
	Aliases:  []string{"DL3011", "ExposeInvalidFormat", "ExposeProtoCasing", "DS-0008"},
	// BuildKit's two checks and hadolint's port range are parts: each
	// problem of a port is its own finding, so that skipping one check
	// leaves the others. An unknown protocol is none of them.
	Parts:      [][]string{{exposeProtoCasingCheck}, {exposeFormatCheck}, {exposeRangeCode, "DS-0008"}},
	Fix:        Safe,
	FixSummary: "lower-case the protocol",
	Check:      checkInvalidExpose,
})

func checkInvalidExpose(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Name != "expose" || in.Trigger != nil {
			continue
		}
		for _, w := range shellcmd.ArgWords(in) {
			checkExposeWord(p, in, w)
		}
	}
}

func checkExposeWord(p *Pass, in *parser.Instruction, w shellcmd.ArgWord) {
	expanded, ok := shellcmd.ExpandWord(in, w.Text)
	if !ok {
		return
	}
	literal := !strings.ContainsRune(w.Text, '$')
	for _, spec := range strings.Fields(shellcmd.Unquote(expanded)) {
		report := func(check, problem string, fix *Fix) {
			p.ReportPart(check, w.Start, w.End, fmt.Sprintf("EXPOSE %s: %s", spec, problem), fix)
		}
		ip, hostPort, container := splitExposeParts(spec)
		port, proto, _ := strings.Cut(container, "/")
		if p := strings.ToLower(proto); p != "" && !isExposeProto(p) {
			report("", fmt.Sprintf("unknown protocol %q (tcp, udp or sctp)", proto), nil)
		}
		if proto != strings.ToLower(proto) {
			var fix *Fix
			// Lower case fixes a known protocol only; the fix rewrites the
			// text after the word's one slash.
			if literal && isExposeProto(strings.ToLower(proto)) && strings.Count(w.Text, "/") == 1 {
				fix = exposeProtoFix(in, w)
			}
			report(exposeProtoCasingCheck, fmt.Sprintf("protocol %q should be lower case", proto), fix)
		}
		if ip != "" || hostPort != "" {
			problem := "an IP address or host port belongs to `docker run -p`, not EXPOSE"
			if hostPort != "" {
				if msg := checkPortRange(hostPort); msg != "" {
					problem += "; host " + msg
				}
			}
			report(exposeFormatCheck, problem, nil)
		}
		if msg := checkPortRange(port); msg != "" {
			report(exposeRangeCode, msg, nil)
		}
	}
}

// The checks DF512 stands for (Rule.Parts): BuildKit's two, and hadolint's
// port range (DL3011).
const (
	exposeProtoCasingCheck = "ExposeProtoCasing"
	exposeFormatCheck      = "ExposeInvalidFormat"
	exposeRangeCode        = "DL3011"
)

// splitExposeParts splits [ip:][hostPort:]containerPort as BuildKit does.
func splitExposeParts(s string) (ip, hostPort, container string) {
	parts := strings.Split(s, ":")
	switch n := len(parts); n {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	default:
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
}

// checkPortRange checks "80" or "8000-8100"; it returns a problem or "".
func checkPortRange(s string) string {
	if s == "" {
		return "no port"
	}
	from, to, isRange := strings.Cut(s, "-")
	a, msg := checkPort(from)
	if msg != "" || !isRange {
		return msg
	}
	b, msg := checkPort(to)
	if msg != "" {
		return msg
	}
	if b < a {
		return fmt.Sprintf("port range %s ends before it starts", s)
	}
	return ""
}

func checkPort(s string) (int, string) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Sprintf("port %q is not a number", s)
	}
	if n < 0 || n > 65535 {
		return n, fmt.Sprintf("port %d is outside 0-65535", n)
	}
	return n, ""
}

// exposeProtoFix lower-cases the protocol after the last '/' of a literal
// port word.
func exposeProtoFix(in *parser.Instruction, w shellcmd.ArgWord) *Fix {
	slash := strings.LastIndexByte(w.Text, '/')
	if slash < 0 {
		return nil
	}
	end := len(w.Text)
	if q := w.Text[0]; (q == '"' || q == '\'') && w.Text[end-1] == q {
		end--
	}
	if slash+1 >= end {
		return nil
	}
	lg := in.Logical()
	start := lg.FileOffset(w.StartIdx + slash + 1)
	stop := lg.FileOffset(w.StartIdx+end-1) + 1
	if stop-start != end-slash-1 {
		return nil // the protocol is split across lines
	}
	return &Fix{
		Title:         "Lower-case the protocol",
		Applicability: Safe,
		Edits:         []Edit{{Start: start, End: stop, NewText: strings.ToLower(w.Text[slash+1 : end])}},
	}
}

// isExposeProto tells whether p is a protocol EXPOSE accepts.
func isExposeProto(p string) bool { return p == "tcp" || p == "udp" || p == "sctp" }

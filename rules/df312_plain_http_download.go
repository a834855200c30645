package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF312",
	Name:     "plain-http-download",
	Severity: Error,
	Summary:  "a file fetched over plain `http://` and kept in the build with no checksum or signature check",
	Check:    checkPlainHTTPDownload,
})

const plainHTTPAdvice = "anyone on the network path can replace it. Use https://, and check a published checksum (`echo \"<sha256>  file\" | sha256sum -c -`) or signature (`gpg --verify`)"

// checkPlainHTTPDownload reports once per RUN (the RUN is what a reviewer
// asks to change) and once per ADD.
func checkPlainHTTPDownload(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		var plain []download
		for _, d := range downloadsIn(in) {
			if d.Scheme == "http" && !privateHost(d.Host) {
				plain = append(plain, d)
			}
		}
		if len(plain) == 0 || verifiedFrom(in) {
			continue
		}
		start, end := plain[0].Cmd.Call.Start(), plain[len(plain)-1].Cmd.Call.End()
		var msg string
		if len(plain) == 1 {
			msg = fmt.Sprintf("`%s` fetches %s over plain HTTP and nothing in this RUN checks it: %s", plain[0].Cmd.Name(), plain[0].URL, plainHTTPAdvice)
		} else {
			msg = fmt.Sprintf("%d downloads over plain HTTP (%s, …) and nothing in this RUN checks them: %s", len(plain), plain[0].URL, plainHTTPAdvice)
		}
		p.Report(start, end, msg, nil)
	}
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		c, ok := in.Command.(*instructions.AddCommand)
		if !ok || in.Name != "add" || shellcmd.IsWindowsInstruction(in) {
			continue
		}
		if _, has := in.Flag("checksum"); has {
			continue
		}
		for _, src := range c.SourcePaths {
			u, ok := shellcmd.ExpandWord(in, src)
			if !ok || !isHTTPSource(u) || !strings.HasPrefix(strings.ToLower(u), "http://") {
				continue
			}
			d := download{}
			hostPort, _, _ := strings.Cut(u[len("http://"):], "/")
			d.Host = strings.ToLower(hostPort)
			if i := strings.LastIndexByte(d.Host, ':'); i >= 0 && !strings.Contains(d.Host, "]") {
				d.Host = d.Host[:i]
			}
			if privateHost(strings.Trim(d.Host, "[]")) {
				continue
			}
			p.ReportInstruction(in, "ADD fetches "+u+" over plain HTTP with no `--checksum`: "+plainHTTPAdvice+", or add `--checksum=sha256:…`", nil)
			break
		}
	}
}

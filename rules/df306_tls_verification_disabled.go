package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF306",
	Name:     "tls-verification-disabled",
	Severity: Error,
	Summary:  "TLS certificate or package signature checks turned off",
	Aliases:  []string{"CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11", "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16"},
	Check:    checkTLSVerificationDisabled,
})

var curlSpec = shellcmd.OptSpec{
	ShortValue: "AbcCdDeEFHKmoPQrtTuUwxXyYz",
	LongValue: shellcmd.Set("--output", "--header", "--data", "--data-binary", "--data-raw", "--data-urlencode", "--user", "--request",
		"--url", "--write-out", "--proxy", "--max-time", "--connect-timeout", "--retry", "--retry-delay", "--retry-max-time",
		"--user-agent", "--cacert", "--capath", "--cert", "--key", "--form", "--config", "--range", "--referer", "--upload-file",
		"--limit-rate", "--resolve", "--cookie", "--cookie-jar", "--output-dir", "--proto", "--proto-redir", "--dump-header"),
}

var wgetSpec = shellcmd.OptSpec{
	ShortValue: "OoaePtTUwQiBDIXlA",
	LongValue:  shellcmd.Set("--output-document", "--output-file", "--header", "--user-agent", "--directory-prefix", "--tries", "--timeout", "--user", "--password", "--ca-certificate", "--ca-directory"),
}

var yumSpec = shellcmd.OptSpec{ShortValue: "cdexR", LongValue: shellcmd.Set("--config", "--exclude", "--releasever", "--installroot", "--enablerepo", "--disablerepo", "--repo", "--repofrompath")}

func checkTLSVerificationDisabled(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if c, ok := in.Command.(*instructions.EnvCommand); ok {
			for _, kv := range c.Env {
				if why := insecureEnv(kv.Key, kv.Value); why != "" {
					s, e := keyRange(in, kv.Key)
					p.Report(s, e, why, nil)
				}
			}
		}
	}
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		for _, v := range shellcmd.CommandsIn(in) {
			// Sorted: two insecure variables on one command are reported
			// at the same place, and map order would change their order
			// from run to run.
			for _, k := range slices.Sorted(maps.Keys(v.Env)) {
				if why := insecureEnv(k, v.Env[k]); why != "" {
					p.Report(v.Call.Start(), v.Call.End(), why, nil)
				}
			}
			if i, why := insecureCommand(v); why != "" {
				w := v.Args[i]
				p.Report(w.Start, w.End, why, nil)
			}
		}
	}
}

func falsy(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"'`)) {
	case "0", "false", "no", "off":
		return true
	}
	return false
}

func insecureEnv(key, val string) string {
	switch strings.ToUpper(key) {
	case "NODE_TLS_REJECT_UNAUTHORIZED":
		if strings.Trim(val, `"'`) == "0" {
			return "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks in Node.js: add the CA with NODE_EXTRA_CA_CERTS instead"
		}
	case "PYTHONHTTPSVERIFY":
		if strings.Trim(val, `"'`) == "0" {
			return "PYTHONHTTPSVERIFY=0 turns off certificate checks in Python: add the CA to the trust store instead"
		}
	case "GIT_SSL_NO_VERIFY":
		if v := strings.Trim(val, `"'`); v != "" && !falsy(v) {
			return "GIT_SSL_NO_VERIFY turns off certificate checks in git: add the CA to the trust store instead"
		}
	case "NPM_CONFIG_STRICT_SSL":
		if falsy(val) {
			return "NPM_CONFIG_STRICT_SSL=false turns off certificate checks in npm: set `cafile` instead"
		}
	case "GOINSECURE":
		if strings.Trim(val, `"'`) != "" {
			return "GOINSECURE turns off certificate checks for Go module downloads: add the CA to the trust store instead"
		}
	case "PIP_TRUSTED_HOST":
		if strings.Trim(val, `"'`) != "" {
			return "PIP_TRUSTED_HOST turns off certificate checks in pip: set `PIP_CERT` to the CA bundle instead"
		}
	}
	return ""
}

// aptDownloadsPackages are the apt-get (and apt, aptitude) commands that
// fetch packages or sources, where an unsigned one can get in (apt-get(8),
// apt 2.x, checked 2026-12).
var aptDownloadsPackages = map[string]bool{
	"install": true, "reinstall": true, "upgrade": true, "dist-upgrade": true, "full-upgrade": true,
	"safe-upgrade": true, "dselect-upgrade": true, "build-dep": true, "source": true, "download": true,
}

// aptDownloads tells whether an apt command is one of aptDownloadsPackages;
// an unknown subcommand (a variable) is not judged.
func aptDownloads(c *shellcmd.Command) bool {
	_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
	return ok && aptDownloadsPackages[sub]
}

// insecureCommand returns the index of the word that turns a check off and
// the message, or "" when the command keeps its checks.
func insecureCommand(c *shellcmd.Command) (int, string) {
	name := c.Name()
	switch {
	case name == "curl":
		if i := optIn(c, &curlSpec, "-k", "--insecure", "--proxy-insecure"); i > 0 {
			return i, "`curl -k` turns off certificate checks: install ca-certificates or pass `--cacert` instead"
		}
	case name == "wget":
		if i := optIn(c, &wgetSpec, "--no-check-certificate"); i > 0 {
			return i, "`wget --no-check-certificate` turns off certificate checks: install ca-certificates or pass `--ca-certificate` instead"
		}
	case name == "apk":
		if i := optIn(c, &shellcmd.ApkSpec, "--allow-untrusted"); i > 0 && !apkFromBindMount(c) {
			return i, "`apk --allow-untrusted` installs unsigned packages: add the repository's signing key to /etc/apk/keys instead"
		}
	case name == "apt-get" || name == "apt" || name == "aptitude":
		if i := optIn(c, &shellcmd.AptSpec, "--allow-insecure-repositories"); i > 0 {
			return i, fmt.Sprintf("`%s %s` accepts unsigned repositories: import the repository's signing key instead", name, c.Args[i].Value)
		}
		// --allow-unauthenticated and --force-yes let unsigned packages
		// in only where apt downloads packages: on purge, remove or
		// autoremove they authenticate nothing.
		if aptDownloads(c) {
			_, sub, _ := c.Subcommand(&shellcmd.AptSpec)
			if i := optIn(c, &shellcmd.AptSpec, "--allow-unauthenticated", "--force-yes"); i > 0 {
				return i, fmt.Sprintf("`%s %s %s` accepts unsigned packages: import the repository's signing key instead", name, sub, c.Args[i].Value)
			}
		}
		opts, _ := c.Options(&shellcmd.AptSpec)
		for _, o := range opts {
			if o.Name != "-o" && o.Name != "--option" {
				continue
			}
			k, val, _ := strings.Cut(o.Value, "=")
			k = strings.ToLower(k)
			switch {
			case strings.HasPrefix(k, "acquire::https::") && (strings.HasSuffix(k, "::verify-peer") || strings.HasSuffix(k, "::verify-host")) && falsy(val):
				return o.Word, "apt `Verify-Peer=false` turns off certificate checks: install ca-certificates or set `Acquire::https::CaInfo` instead"
			case k == "apt::get::allowunauthenticated" && shellcmd.AptTrue(val) && aptDownloads(c),
				k == "acquire::allowinsecurerepositories" && shellcmd.AptTrue(val):
				return o.Word, "apt accepts unsigned packages or repositories: import the repository's signing key instead"
			}
		}
	case name == "yum" || name == "dnf" || name == "microdnf" || name == "tdnf" || name == "yum-config-manager" || strings.HasPrefix(name, "dnf-"):
		if i := optIn(c, &yumSpec, "--nogpgcheck"); i > 0 {
			return i, fmt.Sprintf("`%s --nogpgcheck` installs unsigned packages: import the repository's GPG key (`rpm --import`) instead", name)
		}
		opts, _ := c.Options(&yumSpec)
		for _, o := range opts {
			if o.Name == "--setopt" {
				k, val, _ := strings.Cut(o.Value, "=")
				k = strings.ToLower(k)
				if (k == "sslverify" || strings.HasSuffix(k, ".sslverify")) && falsy(val) {
					return o.Word, "`sslverify=false` turns off certificate checks: install ca-certificates instead"
				}
				if (k == "gpgcheck" || strings.HasSuffix(k, ".gpgcheck")) && falsy(val) {
					return o.Word, "`gpgcheck=0` installs unsigned packages: import the repository's GPG key instead"
				}
			}
		}
	case name == "rpm":
		if i := optIn(c, &shellcmd.NoValueOptions, "--nosignature"); i > 0 {
			return i, "`rpm --nosignature` installs unsigned packages: import the GPG key (`rpm --import`) instead"
		}
	case name == "git":
		for i := 1; i < len(c.Args); i++ {
			a := c.Args[i]
			if a.Value == "-c" && i+1 < len(c.Args) {
				k, val, _ := strings.Cut(c.Args[i+1].Value, "=")
				if isSSLVerifyKey(k) && falsy(val) {
					return i + 1, "git `http.sslVerify=false` turns off certificate checks: set `http.sslCAInfo` instead"
				}
				i++
				continue
			}
			if a.Value == "config" {
				ops := c.Args[i+1:]
				for j := 0; j+1 < len(ops); j++ {
					if isSSLVerifyKey(ops[j].Value) && falsy(ops[j+1].Value) {
						return i + 1 + j, "git `http.sslVerify false` turns off certificate checks: set `http.sslCAInfo` instead"
					}
				}
				break
			}
			if !strings.HasPrefix(a.Value, "-") {
				break
			}
		}
	case name == "npm" || name == "yarn" || name == "pnpm":
		for i := 1; i < len(c.Args); i++ {
			a := strings.ToLower(c.Args[i].Value)
			if (a == "--strict-ssl=false") || (a == "strict-ssl=false") {
				return i, fmt.Sprintf("`%s` strict-ssl false turns off certificate checks: set `cafile` instead", name)
			}
			if (a == "strict-ssl" || a == "strict_ssl") && i+1 < len(c.Args) && falsy(c.Args[i+1].Value) && i >= 2 && c.Args[i-1].Value == "set" {
				return i, fmt.Sprintf("`%s config set strict-ssl false` turns off certificate checks: set `cafile` instead", name)
			}
		}
	}
	if pip, ok := shellcmd.AsPip(c); ok {
		off := len(c.Args) - len(pip.Args)
		if i := optIn(pip, &shellcmd.PipSpec, "--trusted-host"); i > 0 {
			return off + i, "`pip --trusted-host` turns off certificate checks for that host: pass `--cert` with the CA bundle instead"
		}
		for i := 1; i+1 < len(pip.Args); i++ {
			if pip.Args[i].Value == "set" && strings.HasSuffix(strings.ToLower(pip.Args[i+1].Value), "trusted-host") {
				return off + i + 1, "pip `trusted-host` turns off certificate checks for that host: set `cert` to the CA bundle instead"
			}
		}
	}
	return 0, ""
}

func optIn(c *shellcmd.Command, spec *shellcmd.OptSpec, names ...string) int {
	opts, _ := c.Options(spec)
	for _, o := range opts {
		for _, n := range names {
			if o.Name == n {
				return o.Word
			}
		}
	}
	return -1
}

func isSSLVerifyKey(k string) bool {
	k = strings.ToLower(k)
	return strings.HasPrefix(k, "http.") && strings.HasSuffix(k, ".sslverify")
}

// apkFromBindMount tells whether every package an `apk add` installs is a
// file under a bind mount of the RUN: packages built in an earlier stage
// (`RUN --mount=from=builder,target=/tmp/packages apk add --allow-untrusted
// /tmp/packages/x.apk`), which nobody signs.
func apkFromBindMount(c *shellcmd.Command) bool {
	sub, name := shellcmd.ApkSub(c)
	if name != "add" {
		return false
	}
	var targets []string
	for _, m := range shellcmd.RunMounts(c.Call.Script.Instruction) {
		if m.Type == "bind" && m.Target != "" {
			targets = append(targets, strings.TrimSuffix(m.Target, "/")+"/")
		}
	}
	_, operands := c.Options(&shellcmd.ApkSpec)
	n := 0
	for _, i := range operands {
		if i <= sub {
			continue
		}
		n++
		text := c.Args[i].Value
		if !c.Args[i].Literal {
			text = shellcmd.LiteralPrefix(c.Args[i].Word)
		}
		local := false
		for _, t := range targets {
			if strings.HasPrefix(text, t) {
				local = true
			}
		}
		if !local {
			return false
		}
	}
	return n > 0
}

package rules

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/subrequests/lint"
)

func TestDF302SecretInArgOrEnv(t *testing.T) {
	runCases(t, "DF302", []ruleCase{
		{name: "arg with literal", src: "FROM alpine:3.20\nARG NPM_TOKEN=abc123\n", want: 1, onbuild: true},
		{name: "arg without value (BuildKit reports it)", src: "FROM alpine:3.20\nARG AWS_SECRET_ACCESS_KEY\n", want: 1, onbuild: true},
		{name: "env literal", src: "FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n", want: 1, onbuild: true},
		{name: "env from arg with a literal default", src: "FROM alpine:3.20\nARG X=ghp_abc123\nENV GITHUB_TOKEN=$X\n", want: 1},
		// The value comes from --build-arg X: reported at an ARG whose name
		// is a secret's, not at every copy.
		{name: "env from arg without default", src: "FROM alpine:3.20\nARG X\nENV GITHUB_TOKEN=$X\n", want: 0},
		{name: "env from base image variable", src: "FROM alpine:3.20\nENV APP_TOKEN=${TOKEN_FROM_BASE}\n", want: 0},
		{name: "legacy env", src: "FROM alpine:3.20\nENV API_KEY abc\n", want: 1},
		{name: "two keys one env", src: "FROM alpine:3.20\nENV AUTH=1 SECRET=2 OTHER=3\n", want: 2},
		{name: "lower case key", src: "FROM alpine:3.20\nARG github_token\n", want: 1},
		{name: "apikey", src: "FROM alpine:3.20\nARG APIKEY\n", want: 1},
		{name: "credentials", src: "FROM alpine:3.20\nARG GOOGLE_APPLICATION_CREDENTIALS\n", want: 1},
		// Paths say where a secret is, not what it is (corpus:
		// vimagick__dockerfiles/ngrokd__Dockerfile).
		{name: "credentials path", src: "FROM alpine:3.20\nARG GOOGLE_APPLICATION_CREDENTIALS=/x.json\n", want: 0},
		{name: "relative key path", src: "FROM alpine:3.20\nENV NGROK_CA_KEY assets/client/tls/ngrokroot.key\n", want: 0},
		{name: "key path name", src: "FROM alpine:3.20\nENV TLS_KEY_PATH=certs DB_PASSWORD_DIR=pw\n", want: 0},
		{name: "base64 with slashes is no path", src: "FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", want: 1},
		// Empty: the container gets the value at run time (corpus:
		// vimagick__dockerfiles/shadowsocks__Dockerfile).
		{name: "empty env", src: "FROM alpine:3.20\nENV PASSWORD=\n", want: 0, onbuild: true},
		{name: "empty env quoted", src: "FROM alpine:3.20\nENV HUBOT_SLACK_TOKEN=\"\"\n", want: 0},
		// An ARG's value comes from --build-arg whatever its default.
		{name: "empty arg default", src: "FROM alpine:3.20\nARG NPM_TOKEN=\n", want: 1},
		// .NET configuration entries (corpus: dotnet-docker monitor-base).
		{name: "config tree key with index", src: "FROM alpine:3.20\nENV DefaultProcess__Filters__0__Key=ProcessId\n", want: 0},
		{name: "config tree key with value", src: "FROM alpine:3.20\nENV Map__Entry__Key=a Map__Entry__Value=b\n", want: 0},
		{name: "config tree signing key", src: "FROM alpine:3.20\nENV Jwt__Key=s3cr3t-signing-material\n", want: 1},
		// Hex values are secrets unless the name says a signing key (corpus:
		// vimagick__dockerfiles/mtproxy__Dockerfile, fteproxy__Dockerfile).
		{name: "hex secret", src: "FROM alpine:3.20\nENV MTP_SECRET 00000000000000000000000000000000\n", want: 1},
		{name: "hex token", src: "FROM alpine:3.20\nENV API_TOKEN=4f3c2b1a9e8d7c6b5a4f3c2b1a9e8d7c\n", want: 1},
		{name: "hex key", src: "FROM alpine:3.20\nENV KEY=FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000000000000000000000000000\n", want: 1},
		{name: "hex fingerprint named password", src: "FROM alpine:3.20\nENV GPG_PASSWORD=7169605F62C751356D054A26A821E680E5FA6305\n", want: 1},
		{name: "gpg fingerprint", src: "FROM alpine:3.20\nENV JENKINS_GPG_KEY 5E386EADB55F01504CAE8BCF7198F4B714ABFC68\n", want: 0, onbuild: true},
		{name: "global arg", src: "ARG REGISTRY_PASSWD=x\nFROM alpine:3.20\n", want: 1, noVariants: true},
		{name: "unreachable stage", src: "FROM alpine:3.20 AS other\nENV PWORD=x\nFROM alpine:3.20\nRUN true\n", want: 1},
		{name: "password file", src: "FROM alpine:3.20\nENV POSTGRES_PASSWORD_FILE=/run/secrets/pw\n", want: 0, onbuild: true},
		{name: "public key", src: "FROM alpine:3.20\nARG PUBLIC_KEY=abc\n", want: 0},
		{name: "token version", src: "FROM alpine:3.20\nARG TOKEN_VERSION=3\n", want: 0},
		{name: "not a whole part", src: "FROM alpine:3.20\nENV KEYRING=/etc/x MONKEY=1 AUTHOR=me TOKENS=2 PASSWORDLESS=1\n", want: 0},
		{name: "keyboard", src: "FROM alpine:3.20\nARG DEBIAN_FRONTEND=noninteractive\n", want: 0},
		{name: "secret mount", src: "FROM alpine:3.20\nRUN --mount=type=secret,id=tok,env=TOKEN true\n", want: 0},
	})
}

func TestDF302Messages(t *testing.T) {
	fs := lintWith(t, "FROM alpine:3.20\nARG NPM_TOKEN=abc\nARG GH_TOKEN\nARG S=x\nENV SECRET=$S\nENV API_KEY=k1 DB_PASSWORD=pw\nRUN use \"$DB_PASSWORD\"\n", "DF302")
	if len(fs) != 5 {
		t.Fatalf("got %d findings: %+v", len(fs), fs)
	}
	for _, want := range []string{
		"ARG NPM_TOKEN writes a secret into the Dockerfile, and build arguments are recorded in the image history: pass it to the step that needs it with `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN …`",
		"ARG GH_TOKEN puts a secret in the image history",
		// A value the running container needs is passed at run time.
		"ENV SECRET bakes a secret into the image configuration (`docker inspect` shows it): leave it out of the image and pass it when the container starts (`docker run -e SECRET`, or your orchestrator's secrets)",
		"ENV API_KEY writes a secret into the Dockerfile and the image configuration (`docker inspect` shows it): leave it out of the image and pass it when the container starts (`docker run -e API_KEY`, or your orchestrator's secrets)",
		// A later RUN reads it: a build step needs it too.
		"ENV DB_PASSWORD writes a secret into the Dockerfile and the image configuration (`docker inspect` shows it): leave it out of the image and pass it when the container starts (`docker run -e DB_PASSWORD`, or your orchestrator's secrets); a build step that needs it reads it from `RUN --mount=type=secret,id=db_password,env=DB_PASSWORD …`",
	} {
		found := false
		for _, f := range fs {
			if strings.HasPrefix(f.Message, want) && (strings.HasSuffix(want, "…`") || !strings.Contains(f.Message, "build step")) {
				found = true
			}
		}
		if !found {
			t.Errorf("no message starting %q in %+v", want, fs)
		}
	}
	// Public key fingerprints are no secret (corpus: GPG_KEY in the python
	// images, SWIFT_SIGNING_KEY in swift-docker, 730 of 797 findings).
	for _, src := range []string{
		"FROM alpine:3.20\nARG SIGNING_KEY=A62AE125BBBFBB96A6E042EC925CC1CCED3D1561\nENV SIGNING_KEY=$SIGNING_KEY\n",
		"FROM python:3.12\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\n",
		"FROM alpine:3.20\nENV SWIFT_SIGNING_KEY=\"A62AE125BBBFBB96A6E042EC925CC1CCED3D1561 E813C892820A6FA13755B268F167DF1ACF9CE069\"\n",
		// The swift images copy the ARG into ENV in a stage whose base
		// dflint cannot name (`FROM base-$TARGETARCH`).
		"FROM alpine:3.20 AS base\nARG SWIFT_SIGNING_KEY=E813C892820A6FA13755B268F167DF1ACF9CE069\nFROM base-$TARGETARCH\nENV SWIFT_SIGNING_KEY=$SWIFT_SIGNING_KEY\n",
	} {
		if fs := lintWith(t, src, "DF302"); len(fs) != 0 {
			t.Errorf("fingerprints reported: %+v\n%s", fs, src)
		}
	}
	src := "FROM alpine:3.20\nENV A=1 DB_PASSWORD=x\n"
	fs = lintWith(t, src, "DF302")
	if len(fs) != 1 || src[fs[0].Start:fs[0].End] != "DB_PASSWORD" {
		t.Errorf("range: %+v", fs)
	}
}

// Every SecretsUsedInArgOrEnv warning of BuildKit is on a line DF302
// reports, but for the values dflint can tell are no secret (see
// TestDF302LeavesOutWhatBuildKitReports).
func TestDF302CoversBuildKit(t *testing.T) {
	srcs := []string{
		"FROM alpine:3.20\nARG NPM_TOKEN=abc\nARG GH_TOKEN\nARG X=1\nENV SECRET=$X\nARG PUBLIC_KEY\nENV MTP_SECRET 00000000000000000000000000000000\n",
		"ARG g_auth\nFROM alpine:3.20 AS a\nENV Pword=1\nFROM a\nARG credentials\nENV A=1 \\\n  MY_KEY=2\n",
	}
	for _, src := range srcs {
		res := buildkitLintOffline(t, src)
		ours := map[int]bool{}
		f := parser.Parse("Dockerfile", []byte(src))
		for _, fd := range lintWith(t, src, "DF302") {
			for _, in := range f.Instructions {
				if fd.Start >= in.Start && fd.End <= in.End {
					ours[in.StartLine] = true // BuildKit reports the instruction
				}
			}
		}
		n := 0
		for _, w := range res.Warnings {
			if w.RuleName != "SecretsUsedInArgOrEnv" {
				continue
			}
			n++
			if l := int(w.Location.Ranges[0].Start.Line); !ours[l] {
				t.Errorf("BuildKit reports the instruction on line %d (%s), DF302 does not\n%s", l, w.Detail, src)
			}
		}
		if n == 0 {
			t.Errorf("BuildKit reported nothing: the test is void")
		}
		if c := countRule(lintWith(t, src), "buildkit/SecretsUsedInArgOrEnv"); c != 0 {
			t.Errorf("BuildKit finding not dropped: %d", c)
		}
	}
}

// What DF302 leaves out of BuildKit's findings, on purpose: BuildKit
// reports each of these, DF302 none.
func TestDF302LeavesOutWhatBuildKitReports(t *testing.T) {
	for _, src := range []string{
		"FROM alpine:3.20\nENV PASSWORD=\n",
		"FROM alpine:3.20\nARG X\nENV GITHUB_TOKEN=$X\n",
		"FROM alpine:3.20\nENV NGROK_SERVER_KEY assets/server/tls/snakeoil.key\n",
		"FROM alpine:3.20\nENV TLS_KEY_PATH=/etc/tls\n",
		"FROM alpine:3.20\nENV DefaultProcess__Filters__0__Key=ProcessId\n",
		"FROM python:3.12\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\n",
	} {
		res := buildkitLintOffline(t, src)
		n := 0
		for _, w := range res.Warnings {
			if w.RuleName == "SecretsUsedInArgOrEnv" {
				n++
			}
		}
		if n == 0 {
			t.Errorf("BuildKit does not report it: the case proves nothing\n%s", src)
		}
		if fs := lintWith(t, src, "DF302"); len(fs) != 0 {
			t.Errorf("reported: %+v\n%s", fs, src)
		}
	}
}

// isSecretKey reads BuildKit's two regular expressions without them: this
// compares it with them on keys that match in every way they can.
func TestDF302SecretKeyMatchesBuildKitPatterns(t *testing.T) {
	secret := regexp.MustCompile(`(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)`)
	allow := regexp.MustCompile(`(?i)(?:_|^)(?:public|file|version)(?:_|$)`)
	keys := []string{
		"", "_", "__", "KEY", "key", "Key", "MY_KEY", "KEY_ID", "A_KEY_B", "MY__TOKEN", "_TOKEN_", "TOKEN_",
		"KEYS", "MONKEY", "KEYBOARD", "API_KEY", "APIKEY", "AUTH", "AUTHOR", "OAUTH", "AUTH_TOKEN",
		"CREDENTIALS", "CREDENTIAL_FILE", "PASSWORD", "DB_PASSWORD", "PASSWD", "PWORD", "SECRET_KEY_BASE",
		"PUBLIC_KEY", "GPG_KEY", "KEY_FILE", "TOKEN_VERSION", "VERSION", "PUBLIC", "FILE_KEY_VERSION",
		"npm_token", "Github_Token", "\u212aEY", "K\u212aY", "SECRET\nKEY", "A-KEY", "KEY.ID", "SECRETS", "TOKENS_FILE",
	}
	for _, k := range keys {
		want := secret.MatchString(k) && !allow.MatchString(k)
		if got := isSecretKey(k); got != want {
			t.Errorf("isSecretKey(%q) = %v, BuildKit's patterns say %v", k, got, want)
		}
	}
}

// buildkitLintOffline runs BuildKit's own DockerfileLint on src with no
// registry, for comparing DF302 with SecretsUsedInArgOrEnv.
func buildkitLintOffline(t *testing.T, src string) *lint.LintResults {
	t.Helper()
	f := parser.Parse("Dockerfile", []byte(src))
	sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", f.Source)
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), f.Source, dockerfile2llb.ConvertOpt{SourceMap: sm, MetaResolver: offlineResolver{}, LLBCaps: &allLLBCaps})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

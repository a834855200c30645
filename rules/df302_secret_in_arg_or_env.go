package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF302",
	Name:     "secret-in-arg-or-env",
	Severity: Warning,
	Summary:  "ARG or ENV with a secret-like name and a value that may be a secret",
	Aliases:  []string{"DL3064", "SecretsUsedInArgOrEnv", "DS-0031"},
	Check:    checkSecretInArgOrEnv,
})

// BuildKit's patterns (dockerfile2llb/validations.go getSecretsRegex):
// `(?i)(?:_|^)(?:apikey|auth|…|token)(?:_|$)` for a secret and
// `(?i)(?:_|^)(?:public|file|version)(?:_|$)` for a key that is none,
// that is: one of the key's parts between underscores is one of these
// words, in any case.
var (
	secretKeyWords      = []string{"apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"}
	secretKeyAllowWords = []string{"public", "file", "version"}
)

// secretLocationWords are parts of a key that say its value is where a
// secret is kept, not the secret (`TLS_KEY_PATH`, `SSH_KEY_DIR`): dflint's
// addition to BuildKit's allow list, beside its `file` (issue 18).
var secretLocationWords = []string{"path", "dir"}

// signingKeyWords are parts of a key that name the public key a download
// is verified with (`GPG_KEY`, `JENKINS_GPG_KEY`, `SWIFT_SIGNING_KEY` in
// the official images, corpus of 2026-12): with a key ID or fingerprint as
// its value, such a key is public.
var signingKeyWords = []string{"gpg", "pgp", "gnupg", "signing"}

// fingerprintRe is one or more OpenPGP key IDs (16 hexadecimal digits) or
// fingerprints (40 for v4 keys, 64 for v5 and v6 keys, RFC 9580).
var fingerprintRe = lazyRegexp(`^\s*(?:(?:0x)?(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{16})\s*)+$`)

// pathValueRe is a value that is a file or directory path: absolute, or
// relative with a file extension on its last part (`tls/server.key`).
// Base64 secrets may hold `/` but never `.`, and no `+` or `=` is allowed.
var pathValueRe = lazyRegexp(`^(?:(?:~|\.{1,2})?/[\w.@-]*(?:/[\w.@-]*)*|[\w.@-]+(?:/[\w.@-]+)*\.[A-Za-z][A-Za-z0-9]{0,4})$`)

// isSecretKey tells whether BuildKit's SecretsUsedInArgOrEnv reports a key.
func isSecretKey(key string) bool {
	secret := false
	for rest, more := key, true; more; {
		var part string
		part, rest, more = strings.Cut(rest, "_")
		if hasFold(secretKeyAllowWords, part) {
			return false
		}
		secret = secret || hasFold(secretKeyWords, part)
	}
	return secret
}

// keyParts are the `_`-separated parts of a key, as isSecretKey reads it.
func keyParts(key string) []string { return strings.Split(key, "_") }

// namesSecretLocation tells whether a part of the key says that its value
// is where a secret is (a path or a directory), not the secret.
func namesSecretLocation(key string) bool {
	for _, p := range keyParts(key) {
		if hasFold(secretLocationWords, p) {
			return true
		}
	}
	return false
}

// isSigningKeyName tells whether the key names a signing key and no secret
// word other than `key`: `GPG_KEY`, not `GPG_PASSPHRASE_TOKEN`.
func isSigningKeyName(key string) bool {
	signing := false
	for _, p := range keyParts(key) {
		if hasFold(signingKeyWords, p) {
			signing = true
		} else if hasFold(secretKeyWords, p) && !strings.EqualFold(p, "key") {
			return false
		}
	}
	return signing
}

// isConfigTreeKey tells whether key is the `Key` of a key/value entry of a
// hierarchical configuration (.NET reads `A__B__0__Key` as A:B:0:Key):
// `DefaultProcess__Filters__0__Key=ProcessId` in the dotnet-monitor
// images names what a filter matches, it holds no secret. The entry is
// one when the part before `Key` is a list index, or when the same
// instruction sets the entry's `…__Value`.
func isConfigTreeKey(key string, siblings []string) bool {
	i := strings.LastIndex(key, "__")
	if i < 0 || !strings.EqualFold(key[i+2:], "key") {
		return false
	}
	prefix := key[:i]
	if j := strings.LastIndex(prefix, "__"); j >= 0 && prefix[j+2:] != "" && strings.IndexFunc(prefix[j+2:], func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return true
	}
	for _, s := range siblings {
		if strings.EqualFold(s, prefix+"__Value") {
			return true
		}
	}
	return false
}

// hasFold tells whether s is one of the words, compared as (?i) does.
func hasFold(words []string, s string) bool {
	for _, w := range words {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// secretPair is one key an ARG or ENV sets.
type secretPair struct {
	key, value string
	hasValue   bool
}

func checkSecretInArgOrEnv(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Name == "onbuild" {
			continue
		}
		var pairs []secretPair
		switch c := in.Command.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				pr := secretPair{key: kv.Key}
				if kv.Value != nil {
					pr.value, pr.hasValue = *kv.Value, true
				}
				pairs = append(pairs, pr)
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				pairs = append(pairs, secretPair{key: kv.Key, value: kv.Value, hasValue: true})
			}
		default:
			continue
		}
		keys := make([]string, len(pairs))
		for i, pr := range pairs {
			keys[i] = pr.key
		}
		isArg := strings.EqualFold(in.Name, "arg")
		for _, pr := range pairs {
			if msg, ok := secretFinding(in, isArg, pr, keys); ok {
				start, end := keyRange(in, pr.key)
				p.Report(start, end, msg, nil)
			}
		}
	}
}

// secretFinding decides whether one key of an ARG (isArg) or ENV holds a
// secret and says what to do about it. A key BuildKit would report is left
// alone when dflint can tell its value is no secret: a location, a public
// key's fingerprint, a configuration entry's name, or, for ENV, nothing
// (empty) or a copy of a value the Dockerfile does not hold.
func secretFinding(in *parser.Instruction, isArg bool, pr secretPair, siblings []string) (string, bool) {
	if !isSecretKey(pr.key) || namesSecretLocation(pr.key) || isConfigTreeKey(pr.key, siblings) {
		return "", false
	}
	literal := pr.hasValue && pr.value != "" && !strings.Contains(pr.value, "$")
	value, known := "", !pr.hasValue
	if pr.hasValue {
		value, known = shellcmd.ExpandWord(in, pr.value)
		value = shellcmd.Unquote(strings.TrimSpace(value))
	}
	if known && value != "" {
		if pathValueRe().MatchString(value) {
			return "", false // where the secret is, not the secret
		}
		if isSigningKeyName(pr.key) && fingerprintRe().MatchString(value) {
			return "", false // a public key's fingerprint is no secret
		}
	}
	id := strings.ToLower(pr.key)
	mount := fmt.Sprintf("`RUN --mount=type=secret,id=%s,env=%s …`", id, pr.key)
	if isArg {
		// Whatever its default, a build argument's value is recorded in the
		// history of the RUN steps that see it.
		if literal {
			return fmt.Sprintf("ARG %s writes a secret into the Dockerfile, and build arguments are recorded in the image history: pass it to the step that needs it with %s", pr.key, mount), true
		}
		return fmt.Sprintf("ARG %s puts a secret in the image history: pass it to the step that needs it with %s", pr.key, mount), true
	}
	if !known || value == "" {
		// Empty: the container is to be given the value at run time. A
		// reference dflint cannot expand copies a build argument (reported
		// at its ARG when its name is a secret's) or the base image's value.
		return "", false
	}
	msg := fmt.Sprintf("ENV %s bakes a secret into the image configuration (`docker inspect` shows it): leave it out of the image and pass it when the container starts (`docker run -e %s`, or your orchestrator's secrets)", pr.key, pr.key)
	if literal {
		msg = fmt.Sprintf("ENV %s writes a secret into the Dockerfile and the image configuration (`docker inspect` shows it): leave it out of the image and pass it when the container starts (`docker run -e %s`, or your orchestrator's secrets)", pr.key, pr.key)
	}
	if usedByLaterRun(in, pr.key) {
		msg += "; a build step that needs it reads it from " + mount
	}
	return msg, true
}

// usedByLaterRun tells whether a RUN after in, in its stage, reads the
// variable: then a build step needs the value, not only the container.
func usedByLaterRun(in *parser.Instruction, key string) bool {
	if in.Stage == nil {
		return false
	}
	for _, other := range in.Stage.Instructions {
		if other.Index <= in.Index || !strings.EqualFold(other.Name, "run") {
			continue
		}
		t := string(other.Text())
		if strings.Contains(t, "${"+key) || containsVarRef(t, key) {
			return true
		}
	}
	return false
}

// containsVarRef tells whether text has `$key` not followed by more of a
// name (`$TOKEN`, not `$TOKEN_URL`).
func containsVarRef(text, key string) bool {
	ref := "$" + key
	for i := strings.Index(text, ref); i >= 0; {
		end := i + len(ref)
		if end == len(text) || !isNameByte(text[end]) {
			return true
		}
		next := strings.Index(text[end:], ref)
		if next < 0 {
			return false
		}
		i = end + next
	}
	return false
}

func isNameByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// keyRange is the byte range of the word that sets key in an ARG or ENV
// (the whole instruction when it cannot be found).
func keyRange(in *parser.Instruction, key string) (int, int) {
	lg := in.Logical()
	for _, w := range shellcmd.ArgWords(in) {
		t := w.Text
		if t == key || strings.HasPrefix(t, key+"=") {
			return w.Start, lg.FileOffset(w.StartIdx+len(key)-1) + 1
		}
	}
	return in.Start, in.End
}

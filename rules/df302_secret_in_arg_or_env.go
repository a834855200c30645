package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF302",
	Name:     "secret-in-arg-or-env",
	Severity: Warning,
	Summary:  "ARG or ENV with a secret-like name",
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

// fingerprintRe is one or more GPG key IDs or fingerprints: public
// values that images verify downloads with (GPG_KEY in the python images).
var fingerprintRe = lazyRegexp(`^\s*(?:(?:0x)?[0-9A-Fa-f]{16,40}\s*)+$`)

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

// hasFold tells whether s is one of the words, compared as (?i) does.
func hasFold(words []string, s string) bool {
	for _, w := range words {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

func checkSecretInArgOrEnv(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Name == "onbuild" {
			continue
		}
		type pair struct {
			key, value string
			hasValue   bool
		}
		var pairs []pair
		switch c := in.Command.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				pr := pair{key: kv.Key}
				if kv.Value != nil {
					pr.value, pr.hasValue = *kv.Value, true
				}
				pairs = append(pairs, pr)
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				pairs = append(pairs, pair{key: kv.Key, value: kv.Value, hasValue: true})
			}
		default:
			continue
		}
		kw := strings.ToUpper(in.Name)
		for _, pr := range pairs {
			if !isSecretKey(pr.key) {
				continue
			}
			id := strings.ToLower(pr.key)
			mount := fmt.Sprintf("`RUN --mount=type=secret,id=%s,env=%s …`", id, pr.key)
			value := pr.value
			if pr.hasValue {
				if v, ok := shellcmd.ExpandWord(in, value); ok {
					value = v
				}
			}
			if pr.hasValue && fingerprintRe().MatchString(shellcmd.Unquote(strings.TrimSpace(value))) {
				continue // a public key's fingerprint is no secret
			}
			var msg string
			switch {
			case pr.hasValue && pr.value != "" && !strings.Contains(pr.value, "$"):
				msg = fmt.Sprintf("%s %s writes a secret into the Dockerfile and the image: pass it to the step that needs it with %s", kw, pr.key, mount)
			case kw == "ENV":
				msg = fmt.Sprintf("ENV %s keeps a secret in the image configuration: pass it to the step that needs it with %s", pr.key, mount)
			default:
				msg = fmt.Sprintf("ARG %s puts a secret in the image history: pass it to the step that needs it with %s", pr.key, mount)
			}
			start, end := keyRange(in, pr.key)
			p.Report(start, end, msg, nil)
		}
	}
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

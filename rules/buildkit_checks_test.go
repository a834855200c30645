package rules

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
)

// TestBuildKitCheckGround covers the ground of BuildKit's own check tests
// (frontend/dockerfile/dockerfile_check_test.go in BuildKit v0.34.2) with
// dflint's own Dockerfiles: each case names the BuildKit test it follows
// and lists, as "Check:line", the warnings `docker build --check` gives,
// whether a BuildKit check of dflint reports them or a DF rule that stands
// for that check (its alias, or its part: Finding.Check). Every finding of
// a rule that stands for a BuildKit check counts, so that an extra one
// fails the case too.
//
// Where dflint deliberately reports otherwise, want is dflint's answer and
// differs says why (docs/hadolint.md collects these).
//
// Left to other tests: BuildKit's cases that need build arguments or a
// build platform (InvalidDefaultArgInFrom with --build-arg,
// InvalidBaseImagePlatform, RedundantTargetPlatform's and
// FromPlatformFlagConstDisallowed's platform matrix) and the experimental
// InvalidDefinitionDescription (off unless BuildKit's experimental checks
// are asked for).
func TestBuildKitCheckGround(t *testing.T) {
	tests := []struct {
		name, src string
		// dockerignore, when set, is written beside the Dockerfile.
		dockerignore string
		want         []string
		differs      string
	}{
		// testCopyIgnoredFiles, testCopyIgnoredFileContextRoot
		{name: "copy of an ignored file", dockerignore: "app.conf\n",
			src: "FROM scratch\nCOPY app.conf /etc/\nADD app.conf /srv/\n", want: []string{"CopyIgnoredFile:2", "CopyIgnoredFile:3"}},
		{name: "copy of an ignored file, skipped", dockerignore: "app.conf\n",
			src: "# check=skip=CopyIgnoredFile\nFROM scratch\nCOPY app.conf /etc/\n"},
		{name: "copy from a stage is not the context", dockerignore: "app.conf\n",
			src: "FROM scratch AS conf\nCOPY --from=conf /app.conf /etc/\n"},
		{name: "copy of the whole context, some ignored", dockerignore: "app.conf\n",
			src: "FROM scratch\nCOPY . /srv/\n"},
		{name: "copy of the whole context, all ignored", dockerignore: "*\n",
			src: "FROM scratch\nCOPY . /srv/\n", want: []string{"CopyIgnoredFile:2"}},

		// testSecretsUsedInArgOrEnv: DF302 stands for SecretsUsedInArgOrEnv
		// and has its own cases (df302_secret_in_arg_or_env_test.go); these
		// are the check directive's scopes.
		{name: "secret names, skipped per instruction",
			src:  "FROM scratch\nARG DB_PASSWORD\n# check=skip=SecretsUsedInArgOrEnv\nENV API_TOKEN=x\n# check=skip=all\nARG SIGNING_SECRET\n",
			want: []string{"SecretsUsedInArgOrEnv:2"}},
		{name: "secret name with an empty value", src: "FROM scratch\nENV GITHUB_TOKEN=\n",
			differs: "an ENV or ARG with an empty value puts no secret in the image (DF302); BuildKit judges the name alone"},

		// testAllTargetUnmarshal: offline, dflint reports UndefinedVar
		// where it can tell; on scratch it can.
		{name: "undefined variables in two stages",
			src:  "FROM scratch AS one\nCOPY $SRC_A /a\n\nFROM scratch AS two\nCOPY $SRC_B /b\n",
			want: []string{"UndefinedVar:2", "UndefinedVar:5"}},

		// testRuleCheckOption
		{name: "casing, skip=all", src: "#check=skip=all\nFROM scratch as build\ncopy app /app\n"},
		{name: "casing, skip both checks", src: "#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true\nFROM scratch as build\ncopy app /app\n"},
		{name: "casing, skip one check leaves the other", src: "#check=skip=ConsistentInstructionCasing\nFROM scratch as build\ncopy app /app\n",
			want: []string{"FromAsCasing:2"}},
		{name: "casing, error=true only", src: "#check=error=true\nFROM scratch AS build\nCOPY app /app\n"},

		// testStageName
		{name: "stage name casing and as casing",
			src:  "FROM scratch AS Builder\n\nFROM scratch as runner\n\nFROM scratch AS final\n",
			want: []string{"StageNameCasing:1", "FromAsCasing:3"}},
		{name: "AS with lower-case from",
			src:  "from scratch AS builder\n\nfrom scratch as runner\n",
			want: []string{"FromAsCasing:1"}},

		// testNoEmptyContinuation
		{name: "empty continuation line",
			src:  "FROM scratch\nCOPY app.conf \\\n\n/etc/\nCOPY app.conf \\\n/srv/\n",
			want: []string{"NoEmptyContinuation:4"}},

		// testConsistentInstructionCasing
		{name: "mixed-case FROM", src: "From scratch as build\nFROM scratch AS final\n",
			want: []string{"ConsistentInstructionCasing:1"}},
		{name: "one lower among upper", src: "FROM scratch\ncopy a /a\nCOPY b /b\n",
			want: []string{"ConsistentInstructionCasing:2"}},
		{name: "odd-case from among lower", src: "fROM scratch as build\nfrom scratch as final\n",
			want: []string{"ConsistentInstructionCasing:1"}},
		{name: "one upper among lower", src: "from scratch\nCOPY a /a\ncopy b /b\n",
			want: []string{"ConsistentInstructionCasing:2"}},
		{name: "lower FROM among upper", src: "from scratch\nCOPY a /a\nCOPY b /b\nCOPY c /c\n",
			want: []string{"ConsistentInstructionCasing:1"}},
		{name: "upper FROM among lower", src: "FROM scratch\ncopy a /a\ncopy b /b\ncopy c /c\n",
			want: []string{"ConsistentInstructionCasing:1"}},
		{name: "all lower", src: "from scratch\ncopy a /a\ncopy b /b\n"},
		{name: "all upper", src: "FROM scratch\nCOPY a /a\nCOPY b /b\n"},

		// testDuplicateStageName, testReservedStageName
		{name: "duplicate stage name", src: "FROM scratch AS out\nFROM scratch AS out\n", want: []string{"DuplicateStageName:2"}},
		{name: "distinct stage names", src: "FROM scratch AS out1\nFROM scratch AS out2\n"},
		{name: "reserved stage names", src: "FROM scratch AS scratch\nFROM scratch AS context\n",
			want: []string{"ReservedStageName:1", "ReservedStageName:2"}},
		{name: "ordinary stage names", src: "FROM scratch\nFROM scratch AS out\n"},

		// testJSONArgsRecommended
		{name: "shell-form CMD", src: "FROM scratch\nCMD serve\n", want: []string{"JSONArgsRecommended:2"}},
		{name: "shell-form ENTRYPOINT", src: "FROM scratch\nENTRYPOINT serve\n", want: []string{"JSONArgsRecommended:2"}},
		{name: "shell-form CMD under a custom SHELL", src: "FROM scratch\nSHELL [\"/bin/mysh\"]\nCMD serve\n"},
		{name: "shell-form ENTRYPOINT under a custom SHELL", src: "FROM scratch\nSHELL [\"/bin/mysh\"]\nENTRYPOINT serve\n"},
		{name: "custom SHELL of the base stage", src: "FROM scratch AS base\nSHELL [\"/bin/mysh\"]\n\nFROM base\nCMD serve\n"},
		{name: "custom SHELL of the base stage, ENTRYPOINT", src: "FROM scratch AS base\nSHELL [\"/bin/mysh\"]\n\nFROM base\nENTRYPOINT serve\n"},
		{name: "shell-form CMD, skipped", src: "FROM scratch\n# check=skip=JSONArgsRecommended\nCMD serve\n"},

		// testMaintainerDeprecated
		{name: "MAINTAINER", src: "FROM scratch\nMAINTAINER ops@example.com\n", want: []string{"MaintainerDeprecated:2"}},
		{name: "authors label", src: "FROM scratch\nLABEL org.opencontainers.image.authors=\"ops@example.com\"\n"},
		{name: "MAINTAINER, skipped", src: "FROM scratch\n# check=skip=MaintainerDeprecated\nMAINTAINER ops@example.com\n"},

		// testWarningsBeforeError: the unknown instruction is a parse
		// error (DF001), so no check runs on the file.
		{name: "warnings before an unknown instruction", src: "FROM scratch AS Builder\nMAINTAINER ops@example.com\nNOSUCH\n",
			differs: "dflint reports a parse error (DF001) alone where BuildKit reports the warnings before it fails; the file does not build"},

		// testUndeclaredArg
		{name: "ARG used in FROM", src: "ARG BASE=scratch\nFROM $BASE\n"},
		{name: "BUILDPLATFORM declared", src: "ARG BUILDPLATFORM=linux/arm64\nFROM --platform=$BUILDPLATFORM scratch\n"},
		{name: "BUILDPLATFORM predefined", src: "FROM --platform=$BUILDPLATFORM scratch\n"},
		{name: "declared without a value", src: "ARG SUFFIX\nFROM scratch${SUFFIX}\n"},
		{name: "default in the expansion", src: "ARG SUFFIX\nFROM scr${SUFFIX:-atch}\n"},
		{name: "misspelled BUILDPLATFORM", src: "FROM --platform=$BUILTPLATFORM scratch\n", want: []string{"UndefinedArgInFrom:1"}},
		{name: "undeclared in the tag", src: "ARG tag=3.20\nFROM alpine:${tag}${variant} AS b\n", want: []string{"UndefinedArgInFrom:2"}},

		// testWorkdirRelativePath
		{name: "relative WORKDIR", src: "FROM alpine:3.20\nWORKDIR srv/\n", want: []string{"WorkdirRelativePath:2"}},
		{name: "relative WORKDIR on scratch", src: "FROM scratch\nWORKDIR srv/\n",
			differs: "on scratch the directory before any WORKDIR is always /, so a relative WORKDIR cannot move with the base image (DF502)"},
		{name: "relative after an absolute in the base stage", src: "FROM alpine:3.20 AS base\nWORKDIR /srv\n\nFROM base AS next\nWORKDIR data/\n"},
		{name: "relative WORKDIR, skipped", src: "FROM alpine:3.20\n# check=skip=WorkdirRelativePath\nWORKDIR srv/\n"},

		// testUnmatchedVars (offline: the base image's environment is unknown)
		{name: "declared ARG in a COPY", src: "FROM scratch\nARG conf\nCOPY app${conf} /etc/\n"},
		{name: "ARG of the base stage", src: "FROM scratch AS base\nARG conf=app.conf\n\nFROM base\nCOPY $conf /etc/\n"},
		{name: "read before its ARG", src: "FROM scratch\nCOPY $conf /etc/\nARG conf=app.conf\nCOPY $conf /srv/\n", want: []string{"UndefinedVar:2"}},
		{name: "misspelled ARG", src: "FROM scratch\nARG DIR_STATIC=static/\nCOPY $DIR_STATIK /srv/\n", want: []string{"UndefinedVar:3"}},
		{name: "misspelled variable on an image base, offline", src: "FROM alpine:3.20\nENV PATH=$PAHT:/opt/bin\n",
			differs: "offline the base image's environment is unknown, so dflint cannot tell that it does not set the variable; with --online it reports what BuildKit reports"},

		// testMultipleInstructionsDisallowed: BuildKit marks the check
		// experimental; DF505 reports it by default (hadolint's DL4003,
		// DL4004, DL3012).
		{name: "repeated CMD, ENTRYPOINT, HEALTHCHECK",
			src:     "FROM scratch\nENTRYPOINT [\"/a\"]\nENTRYPOINT [\"/b\"]\nCMD [\"/a\"]\nCMD [\"/b\"]\nHEALTHCHECK CMD [\"/a\"]\nHEALTHCHECK CMD [\"/b\"]\n",
			want:    []string{"MultipleInstructionsDisallowed:2", "MultipleInstructionsDisallowed:4", "MultipleInstructionsDisallowed:6"},
			differs: "BuildKit's MultipleInstructionsDisallowed is experimental (off by default); DF505 reports the instruction a later one replaces by default, as hadolint's DL4003/DL4004/DL3012 do"},
		{name: "one of each per stage", src: "FROM scratch AS a\nENTRYPOINT [\"/a\"]\nCMD [\"/a\"]\n\nFROM a AS b\nENTRYPOINT [\"/b\"]\nCMD [\"/b\"]\n"},

		// testLegacyKeyValueFormat
		{name: "legacy ENV and LABEL", src: "FROM scratch\nENV MODE prod\nLABEL team ops\n", want: []string{"LegacyKeyValueFormat:2", "LegacyKeyValueFormat:3"}},
		{name: "key=value ENV and LABEL", src: "FROM scratch\nENV MODE=prod\nLABEL team=ops\n"},
		{name: "legacy, skipped", src: "FROM scratch\n# check=skip=LegacyKeyValueFormat\nENV MODE prod\n# check=skip=LegacyKeyValueFormat\nLABEL team ops\n"},

		// testRedundantTargetPlatform, testFromPlatformFlagConstDisallowed
		{name: "redundant TARGETPLATFORM", src: "FROM --platform=$TARGETPLATFORM scratch\n", want: []string{"RedundantTargetPlatform:1"}},
		{name: "redundant TARGETPLATFORM in braces", src: "FROM --platform=${TARGETPLATFORM} scratch\n", want: []string{"RedundantTargetPlatform:1"}},
		{name: "redundant TARGETPLATFORM, skipped", src: "# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM scratch\n"},
		{name: "constant platform", src: "FROM --platform=linux/arm64 scratch\n", want: []string{"FromPlatformFlagConstDisallowed:1"}},
		{name: "constant platform named in the stage", src: "FROM --platform=linux/arm64 scratch AS build_arm64\n"},
		{name: "constant platform, OS in the stage name", src: "FROM --platform=linux/arm64 scratch AS linux\n"},

		// testInvalidDefaultArgInFrom, without build arguments
		{name: "ARG without a default as the image", src: "ARG IMAGE\nFROM $IMAGE\n", want: []string{"InvalidDefaultArgInFrom:2"}},
		{name: "ARG default makes a full name", src: "ARG TAG=\"3.20\"\nFROM alpine:${TAG}\n"},

		// testExposeProtoCasing, testExposeInvalidFormat
		{name: "protocol casing", src: "FROM scratch\nEXPOSE 53/UdP 443/TCP 80/tcp\n", want: []string{"ExposeProtoCasing:2", "ExposeProtoCasing:2"}},
		{name: "IP and host ports", src: "FROM scratch\nEXPOSE 0.0.0.0:53:53 [::1]:9090:9090 3000:3000 4000\n",
			want: []string{"ExposeInvalidFormat:2", "ExposeInvalidFormat:2", "ExposeInvalidFormat:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "Dockerfile")
			if tt.dockerignore != "" {
				if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(tt.dockerignore), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			e, err := NewEngine(Options{Today: testToday})
			if err != nil {
				t.Fatal(err)
			}
			fs, errs := e.Lint(t.Context(), parser.Parse(path, []byte(tt.src)))
			for _, err := range errs {
				t.Errorf("lint error: %v", err)
			}
			var got []string
			for _, f := range fs {
				if name := buildkitCheckOf(f); name != "" {
					got = append(got, name+":"+strconv.Itoa(f.Line))
				}
			}
			want := append([]string(nil), tt.want...)
			sort.Strings(got)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("got %q, want %q\n%s", got, want, tt.src)
			}
		})
	}
}

// buildkitCheckOf names the BuildKit check that a finding stands for, or ""
// for a finding of a rule that stands for none: a BuildKit check of
// dflint, the part of a DF rule (Finding.Check), or a DF rule's alias.
func buildkitCheckOf(f Finding) string {
	isCheck := func(name string) bool {
		for _, c := range buildkitChecks {
			if c.Name == name {
				return true
			}
		}
		return false
	}
	if name, ok := strings.CutPrefix(f.RuleID, BuildKitPrefix); ok {
		return name
	}
	if f.Check != "" {
		if isCheck(f.Check) {
			return f.Check
		}
	}
	for _, a := range f.Rule.Aliases {
		if isCheck(a) && f.Rule.Part(a) == "" {
			return a
		}
	}
	return ""
}

package rules

import (
	"strings"
	"testing"
)

// Issue 19: a DF rule that stands for several checks of BuildKit or
// hadolint (Rule.Parts) is selected, silenced and given a level per check
// when the user names one, as the other tool would.

// casingSrc has one finding of each of DF511's parts: `as` is not cased
// like FROM (FromAsCasing) and `copy` is not in the file's casing
// (ConsistentInstructionCasing; a tie of one upper and one lower is upper).
const casingSrc = "FROM scratch as base\ncopy Dockerfile .\n"

// checksOf lists the Check of each finding of the rule, in file order.
func checksOf(fs []Finding, id string) string {
	var out []string
	for _, f := range fs {
		if f.RuleID == id {
			out = append(out, f.Check)
		}
	}
	return strings.Join(out, ",")
}

func TestPartsOfDF511(t *testing.T) {
	const both = "FromAsCasing,ConsistentInstructionCasing"
	tests := []struct {
		name string
		src  string
		opts Options
		want string // the Checks of DF511's findings
	}{
		{"default: both", casingSrc, Options{}, both},
		{"select the rule: both", casingSrc, Options{Select: []string{"DF511"}}, both},
		{"select one check", casingSrc, Options{Select: []string{"FromAsCasing"}}, "FromAsCasing"},
		{"select the other by its buildkit/ name", casingSrc, Options{Select: []string{"buildkit/ConsistentInstructionCasing"}}, "ConsistentInstructionCasing"},
		{"select a check and the rule: all", casingSrc, Options{Select: []string{"FromAsCasing", "instruction-casing"}}, both},
		{"ignore one check", casingSrc, Options{Ignore: []string{"ConsistentInstructionCasing"}}, "FromAsCasing"},
		{"ignore the rule", casingSrc, Options{Ignore: []string{"DF511"}}, ""},
		{"severity off for one check", casingSrc, Options{Severity: map[string]Severity{"FromAsCasing": Off}}, "ConsistentInstructionCasing"},
		{"check=skip one (the issue's case)", "# check=skip=ConsistentInstructionCasing\n" + casingSrc, Options{}, "FromAsCasing"},
		{"check=skip the other", "# check=skip=FromAsCasing\n" + casingSrc, Options{}, "ConsistentInstructionCasing"},
		{"check=skip both", "# check=skip=FromAsCasing,ConsistentInstructionCasing\n" + casingSrc, Options{}, ""},
		{"dflint ignore above the FROM", "# dflint ignore=FromAsCasing\n" + casingSrc, Options{}, "ConsistentInstructionCasing"},
		{"hadolint global ignore", casingSrc + "# hadolint global ignore=ConsistentInstructionCasing\n", Options{}, "FromAsCasing"},
		{"ignore the rule by ID", "# dflint global ignore=DF511\n" + casingSrc, Options{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Today = testToday
			if got := checksOf(lintOpts(t, tt.src, tt.opts), "DF511"); got != tt.want {
				t.Errorf("got checks %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPartSeverity(t *testing.T) {
	fs := lintOpts(t, casingSrc, Options{Today: testToday, Severity: map[string]Severity{"FromAsCasing": Error}})
	levels := map[string]Severity{}
	for _, f := range fs {
		if f.RuleID == "DF511" {
			levels[f.Check] = f.Severity
		}
	}
	if levels["FromAsCasing"] != Error || levels["ConsistentInstructionCasing"] != Style {
		t.Errorf("levels %v: want FromAsCasing at error and ConsistentInstructionCasing at DF511's style", levels)
	}
	// A rule-wide level and a part's: the part's wins for its findings.
	fs = lintOpts(t, casingSrc, Options{Today: testToday, Severity: map[string]Severity{"DF511": Warning, "ConsistentInstructionCasing": Info}})
	for _, f := range fs {
		want := map[string]Severity{"FromAsCasing": Warning, "ConsistentInstructionCasing": Info}[f.Check]
		if f.RuleID == "DF511" && f.Severity != want {
			t.Errorf("%s at %v, want %v", f.Check, f.Severity, want)
		}
	}
}

// TestPartsOfHadolintCodes: one code per instruction (DF505), per package
// manager (DF441), per problem (DF206, DF512, DF108).
func TestPartsOfHadolintCodes(t *testing.T) {
	tests := []struct {
		name, id, src string
		opts          Options
		want          string
	}{
		{"DF505 both", "DF505", "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", Options{}, "DL4003,DL4004"},
		{"DF505 ignore DL4004", "DF505", "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\n# hadolint ignore=DL4004\nENTRYPOINT [\"a\"]\nENTRYPOINT [\"b\"]\n", Options{}, "DL4003"},
		{"DF505 ignore DL4004 above the CMD leaves it", "DF505", "FROM alpine:3.20\n# hadolint ignore=DL4004\nCMD [\"a\"]\nCMD [\"b\"]\n", Options{}, "DL4003"},
		{"DF505 BuildKit's name covers all", "DF505", "# check=skip=MultipleInstructionsDisallowed\nFROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n", Options{}, ""},
		{"DF505 select DL3012", "DF505", "FROM alpine:3.20\nCMD [\"a\"]\nCMD [\"b\"]\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n", Options{Select: []string{"DL3012"}}, "DL3012"},
		{"DF441 yum and dnf", "DF441", "FROM fedora:40\nRUN yum install a-1 && dnf install b-1 && microdnf install c-1\n", Options{}, "DL3030,DL3038,DL3038"},
		{"DF441 ignore dnf", "DF441", "FROM fedora:40\nRUN yum install a-1 && dnf install b-1\n", Options{Ignore: []string{"DL3038"}}, "DL3030"},
		{"DF443 zypper", "DF443", "FROM opensuse/leap:15.6\nRUN zypper -n in curl\n", Options{Select: []string{"DF443"}}, "DL3037"},
		{"DF206 itself and undefined", "DF206", "FROM alpine:3.20 AS a\nCOPY --from=a /x /x\nCOPY --from=nosuchstage /y /y\n", Options{}, "DL3023,DL3022"},
		{"DF206 ignore DL3022", "DF206", "FROM alpine:3.20 AS a\nCOPY --from=a /x /x\nCOPY --from=nosuchstage /y /y\n", Options{Ignore: []string{"DL3022"}}, "DL3023"},
		{"DF512 each problem its own", "DF512", "FROM alpine:3.20\nEXPOSE 8080:80/TCP 70000\n", Options{}, "ExposeProtoCasing,ExposeInvalidFormat,DL3011"},
		{"DF512 skip casing", "DF512", "# check=skip=ExposeProtoCasing\nFROM alpine:3.20\nEXPOSE 80/TCP 8080:80\n", Options{}, "ExposeInvalidFormat"},
		{"DF512 select DL3011", "DF512", "FROM alpine:3.20\nEXPOSE 80/TCP 70000\n", Options{Select: []string{"DL3011"}}, "DL3011"},
		{"DF108 both", "DF108", "FROM --platform=$TARGETPLATFORM alpine:3.20 AS a\nFROM --platform=linux/amd64 alpine:3.20 AS b\n", Options{}, "RedundantTargetPlatform,FromPlatformFlagConstDisallowed"},
		{"DF108 ignore DL3029", "DF108", "FROM --platform=$TARGETPLATFORM alpine:3.20 AS a\nFROM --platform=linux/amd64 alpine:3.20 AS b\n", Options{Ignore: []string{"DL3029"}}, "RedundantTargetPlatform"},
		{"DF108 skip RedundantTargetPlatform", "DF108", "# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM alpine:3.20 AS a\nFROM --platform=linux/amd64 alpine:3.20 AS b\n", Options{}, "FromPlatformFlagConstDisallowed"},
		{"DF521 opt-in: select one code", "DF521", "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"yesterday\" org.opencontainers.image.url=\"nourl\"\n", Options{Select: []string{"DL3053"}}, "DL3053"},
		{"DF521 opt-in: a level for one code", "DF521", "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"yesterday\" org.opencontainers.image.url=\"nourl\"\n", Options{Severity: map[string]Severity{"DL3052": Warning}}, "DL3052"},
		{"DF521 a code dflint does not check selects nothing", "DF521", "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"yesterday\"\n", Options{Select: []string{"DL3055"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Today = testToday
			if got := checksOf(lintOpts(t, tt.src, tt.opts), tt.id); got != tt.want {
				t.Errorf("got checks %q, want %q", got, tt.want)
			}
		})
	}
}

// TestUnusedIgnoreOfPart: DF002 judges an ignore of one part by that
// part's findings: the other part's do not make it used.
func TestUnusedIgnoreOfPart(t *testing.T) {
	opts := Options{Today: testToday, Select: []string{"DF002", "DF505"}}
	// Only CMD repeats: an ignore of ENTRYPOINT's code silences nothing.
	src := "FROM alpine:3.20\n# hadolint ignore=DL4004\nCMD [\"a\"]\nCMD [\"b\"]\n"
	fs := lintOpts(t, src, opts)
	if countRule(fs, "DF002") != 1 || countRule(fs, "DF505") != 1 {
		t.Errorf("DL4004 above a repeated CMD: want one DF002 and the DF505 kept, got %+v", fs)
	}
	src = "FROM alpine:3.20\n# hadolint ignore=DL4003\nCMD [\"a\"]\nCMD [\"b\"]\n"
	if fs := lintOpts(t, src, opts); len(fs) != 0 {
		t.Errorf("DL4003 above a repeated CMD silences it: got %+v", fs)
	}
	// A part turned off on the command line still judges the comment.
	opts.Ignore = []string{"DL4003"}
	if fs := lintOpts(t, src, opts); len(fs) != 0 {
		t.Errorf("--ignore DL4003: the comment still names a finding, got %+v", fs)
	}
}

package rules

import (
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestDF521LabelSchema(t *testing.T) {
	const l = "FROM alpine:3.20\nLABEL "
	runCases(t, "DF521", []ruleCase{
		{name: "good", src: l + "org.opencontainers.image.created=2024-05-01T12:00:00Z org.opencontainers.image.url=https://acme.dev org.opencontainers.image.licenses=\"Apache-2.0 OR MIT\"\n", want: 0},
		{name: "bad date", src: l + "org.opencontainers.image.created=2024-05-01\n", want: 1},
		{name: "bad url", src: l + "org.opencontainers.image.url=acme.dev\n", want: 1},
		{name: "git source", src: l + "org.opencontainers.image.source=git@github.com:acme/app.git\n", want: 0},
		{name: "empty", src: l + "org.opencontainers.image.title=\"\"\n", want: 1},
		{name: "bad license", src: l + "org.opencontainers.image.licenses=\"MIT OR\"\n", want: 1},
		{name: "license with parens", src: l + "org.opencontainers.image.licenses=\"(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0\"\n", want: 0},
		{name: "license words", src: l + "org.opencontainers.image.licenses=\"Apache License 2.0\"\n", want: 1},
		{name: "two bad", src: l + "org.opencontainers.image.created=now org.opencontainers.image.documentation=docs\n", want: 2},
		{name: "build arg", src: "FROM alpine:3.20\nARG BUILD_DATE\nLABEL org.opencontainers.image.created=$BUILD_DATE\n", want: 0},
		{name: "ARG default", src: "FROM alpine:3.20\nARG BUILD_DATE=today\nLABEL org.opencontainers.image.created=$BUILD_DATE\n", want: 1},
		{name: "other keys", src: l + "maintainer=me version=latest\n", want: 0},
		{name: "revision anything", src: l + "org.opencontainers.image.revision=main\n", want: 0},
		// The SPDX list is data (spdx.json): identifiers not on it are
		// reported, whatever their form.
		{name: "license not on the list", src: l + "org.opencontainers.image.licenses=\"MIT OR Acme-1.0\"\n", want: 1},
		{name: "deprecated license id", src: l + "org.opencontainers.image.licenses=GPL-2.0+\n", want: 0},
		{name: "license ref", src: l + "org.opencontainers.image.licenses=LicenseRef-Acme-Proprietary\n", want: 0},
		{name: "license id case", src: l + "org.opencontainers.image.licenses=apache-2.0\n", want: 0},
		{name: "unknown exception", src: l + "org.opencontainers.image.licenses=\"GPL-2.0-only WITH Acme-exception\"\n", want: 1},
		{name: "upper-case key", src: l + "Description=\"a tool\"\n", want: 1},
	})
}

// labelCase is a case of one of the hadolint codes DF521 covers: the
// findings of that code alone are counted, under the case's schema.
type labelCase struct {
	name   string
	schema map[string]LabelType
	strict bool
	src    string
	code   string
	want   int
	// onbuild also runs the case with its LABELs inside ONBUILD: the
	// checks of keys and values look there too.
	onbuild bool
}

func runLabelCases(t *testing.T, cases []labelCase) {
	t.Helper()
	for _, c := range cases {
		variants := map[string]string{
			"as written":   c.src,
			"lower-case":   lowerCaseInstructions(c.src),
			"continuation": withContinuations(c.src),
		}
		if c.onbuild {
			variants["onbuild"] = inOnbuild(c.src)
		}
		for vname, src := range variants {
			t.Run(c.name+"/"+vname, func(t *testing.T) {
				if f := parser.Parse("Dockerfile", []byte(src)); f.Err != nil {
					t.Fatalf("test case does not parse: %v\n%s", f.Err, src)
				}
				// A schema (or strict-labels) alone turns DF521 on; without
				// one, DL3048 runs when selected, as DF521's other checks do.
				opts := Options{LabelSchema: c.schema, StrictLabels: c.strict, Today: testToday, NoBuildKit: true}
				if c.schema == nil && !c.strict {
					opts.Select = []string{c.code}
				}
				fs := lintOpts(t, src, opts)
				got := 0
				for _, fd := range fs {
					if fd.RuleID == "DF521" && fd.Check == c.code {
						got++
					}
				}
				if got != c.want {
					t.Errorf("%s: got %d findings, want %d\n--- Dockerfile:\n%s\n--- findings: %+v", c.code, got, c.want, src, fs)
				}
			})
		}
	}
}

// TestDF521Hadolint holds DF521 to each case of hadolint's DL3048 to
// DL3058 (their Spec files' scenarios, written anew), and to the
// deliberate differences noted beside them.
func TestDF521Hadolint(t *testing.T) {
	const from = "FROM alpine:3.20\n"
	// DL3048 needs no schema: it runs whenever DF521 does.
	keys := map[string]LabelType{"team": LabelText}
	cases := []labelCase{
		{name: "DL3048 com.docker namespace", src: from + "LABEL com.docker.tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 io.docker namespace", src: from + "LABEL io.docker.tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 org.dockerproject namespace", src: from + "LABEL org.dockerproject.tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 dollar in key", src: from + "LABEL price$tag=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 starts with a dot", src: from + "LABEL .tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 starts with a dash", src: from + "LABEL -tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 starts with a digit", src: from + "LABEL 2tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 two dots", src: from + "LABEL org..tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 two dashes", src: from + "LABEL app--tier=\"web\"\n", want: 1, onbuild: true},
		{name: "DL3048 namespaced key", src: from + "LABEL org.acme-corp.tier2=\"web\"\n", want: 0, onbuild: true},
		{name: "DL3048 plain key", src: from + "LABEL tier=\"web\"\n", want: 0, onbuild: true},
		// dflint: a key made from a variable the file sets is judged as
		// the build sees it.
		{name: "DL3048 key from an ARG", src: from + "ARG NS=org.acme\nLABEL $NS.tier=\"web\"\n", want: 0},
		{name: "DL3048 upper-case key", src: from + "LABEL Tier=\"web\"\n", want: 1, onbuild: true},

		// DL3049, with "team" required: one finding per stage that makes
		// an image without it.
		{name: "DL3049 no label", schema: keys, src: "FROM alpine:3.20\n", want: 1},
		{name: "DL3049 other label", schema: keys, src: from + "LABEL owner=\"ann\"\n", want: 1},
		{name: "DL3049 label set", schema: keys, src: from + "LABEL team=\"web\"\n", want: 0},
		{name: "DL3049 two stages without", schema: keys, src: "FROM alpine:3.20\nFROM debian:12\n", want: 2},
		{name: "DL3049 two stages other labels", schema: keys, src: from + "LABEL owner=\"ann\"\nFROM debian:12\nLABEL tier=\"web\"\n", want: 2},
		{name: "DL3049 first stage only", schema: keys, src: from + "LABEL team=\"web\"\nFROM debian:12\n", want: 1},
		{name: "DL3049 second stage only", schema: keys, src: from + "FROM debian:12\nLABEL team=\"web\"\n", want: 1},
		{name: "DL3049 other label then the label", schema: keys, src: from + "LABEL owner=\"ann\"\nFROM debian:12\nLABEL team=\"web\"\n", want: 1},
		{name: "DL3049 stage on a stage, none", schema: keys, src: "FROM alpine:3.20 AS base\nFROM base\n", want: 2},
		{name: "DL3049 set in the stage on top", schema: keys, src: "FROM alpine:3.20 AS base\nFROM base\nLABEL team=\"web\"\n", want: 0},
		{name: "DL3049 copied-from stage", schema: keys, src: "FROM alpine:3.20 AS build\nFROM debian:12\nLABEL team=\"web\"\nCOPY --from=build /out /app\n", want: 0},
		{name: "DL3049 unrelated stage", schema: keys, src: "FROM alpine:3.20 AS build\nFROM debian:12\nLABEL team=\"web\"\n", want: 1},
		{name: "DL3049 inherited", schema: keys, src: "FROM alpine:3.20 AS base\nLABEL team=\"web\"\nFROM base\n", want: 0},
		{name: "DL3049 two outputs, one labelled", schema: keys, src: "FROM alpine:3.20 AS build\nFROM debian:12\nLABEL team=\"web\"\nCOPY --from=build /out /app\n\nFROM debian:12\nCOPY --from=build /out /app\n", want: 1},
		{name: "DL3049 two on a base, first labelled", schema: keys, src: "FROM alpine:3.20 AS base\nFROM base\nLABEL team=\"web\"\n\nFROM base\n", want: 1},
		{name: "DL3049 two on a base, second labelled", schema: keys, src: "FROM alpine:3.20 AS base\nFROM base\n\nFROM base\nLABEL team=\"web\"\n", want: 1},
		// dflint: a stage named on top that sets the label covers its base
		// too (hadolint: only an unnamed one), and so does one further up.
		{name: "DL3049 named stage on top", schema: keys, src: "FROM alpine:3.20 AS base\nFROM base AS app\nLABEL team=\"web\"\n", want: 0},
		{name: "DL3049 two levels up", schema: keys, src: "FROM alpine:3.20 AS base\nFROM base AS mid\nFROM mid\nLABEL team=\"web\"\n", want: 0},
		{name: "DL3049 copied by index", schema: keys, src: "FROM alpine:3.20\nFROM debian:12\nLABEL team=\"web\"\nCOPY --from=0 /out /app\n", want: 0},
		{name: "DL3049 only in ONBUILD", schema: keys, src: from + "ONBUILD LABEL team=\"web\"\n", want: 1},

		// DL3050, strict-labels with "team" in the schema.
		{name: "DL3050 no label", schema: keys, strict: true, src: from + "RUN true\n", want: 0, onbuild: true},
		{name: "DL3050 schema label", schema: keys, strict: true, src: from + "LABEL team=\"web\"\n", want: 0, onbuild: true},
		{name: "DL3050 other label", schema: keys, strict: true, src: from + "LABEL owner=\"ann\"\n", want: 1, onbuild: true},
		{name: "DL3050 schema and other label", schema: keys, strict: true, src: from + "LABEL team=\"web\" owner=\"ann\"\n", want: 1, onbuild: true},
		{name: "DL3050 two others, one finding", schema: keys, strict: true, src: from + "LABEL owner=\"ann\" tier=\"web\"\n", want: 1},
		{name: "DL3050 not strict", schema: keys, src: from + "LABEL owner=\"ann\"\n", want: 0},

		// DL3051
		{name: "DL3051 empty", schema: keys, src: from + "LABEL team=\"\"\n", want: 1, onbuild: true},
		{name: "DL3051 not empty", schema: keys, src: from + "LABEL team=\"web\"\n", want: 0, onbuild: true},
		{name: "DL3051 other label empty", schema: keys, src: from + "LABEL team=web owner=\"\"\n", want: 0, onbuild: true},
		{name: "DL3051 blank", schema: keys, src: from + "LABEL team=\"  \"\n", want: 1},

		// DL3052
		{name: "DL3052 not a URL", schema: map[string]LabelType{"homepage": LabelURL}, src: from + "LABEL homepage=\"acme\"\n", want: 1, onbuild: true},
		{name: "DL3052 URL", schema: map[string]LabelType{"homepage": LabelURL}, src: from + "LABEL homepage=\"https://acme.example\"\n", want: 0, onbuild: true},
		{name: "DL3052 other label", schema: map[string]LabelType{"homepage": LabelURL}, src: from + "LABEL homepage=https://acme.example owner=\"ann\"\n", want: 0, onbuild: true},

		// DL3053
		{name: "DL3053 not a date", schema: map[string]LabelType{"built": LabelRFC3339}, src: from + "LABEL built=\"yesterday\"\n", want: 1, onbuild: true},
		{name: "DL3053 date with nanoseconds and offset", schema: map[string]LabelType{"built": LabelRFC3339}, src: from + "LABEL built=\"2024-11-02T08:15:42.123456789-05:00\"\n", want: 0, onbuild: true},
		{name: "DL3053 other label", schema: map[string]LabelType{"built": LabelRFC3339}, src: from + "LABEL built=2024-11-02T08:15:42Z owner=\"ann\"\n", want: 0, onbuild: true},
		{name: "DL3053 date alone", schema: map[string]LabelType{"built": LabelRFC3339}, src: from + "LABEL built=2024-11-02\n", want: 1},

		// DL3054
		{name: "DL3054 not SPDX", schema: map[string]LabelType{"license": LabelSPDX}, src: from + "LABEL license=\"proprietary-ish\"\n", want: 1, onbuild: true},
		{name: "DL3054 SPDX id", schema: map[string]LabelType{"license": LabelSPDX}, src: from + "LABEL license=\"BSD-2-Clause\"\n", want: 0, onbuild: true},
		{name: "DL3054 short SPDX id", schema: map[string]LabelType{"license": LabelSPDX}, src: from + "LABEL license=\"ISC\"\n", want: 0, onbuild: true},
		{name: "DL3054 other label", schema: map[string]LabelType{"license": LabelSPDX}, src: from + "LABEL license=MIT owner=\"ann\"\n", want: 0, onbuild: true},
		// dflint: an expression of listed identifiers is a valid SPDX
		// license (hadolint takes one identifier only).
		{name: "DL3054 expression", schema: map[string]LabelType{"license": LabelSPDX}, src: from + "LABEL license=\"MIT OR Apache-2.0\"\n", want: 0},

		// DL3055
		{name: "DL3055 not a hash", schema: map[string]LabelType{"commit": LabelHash}, src: from + "LABEL commit=\"main\"\n", want: 1, onbuild: true},
		{name: "DL3055 short hash", schema: map[string]LabelType{"commit": LabelHash}, src: from + "LABEL commit=\"9fceb02\"\n", want: 0, onbuild: true},
		{name: "DL3055 full hash", schema: map[string]LabelType{"commit": LabelHash}, src: from + "LABEL commit=\"9fceb02d0ae598e95dc970b74767f19372d61af8\"\n", want: 0, onbuild: true},
		{name: "DL3055 other label", schema: map[string]LabelType{"commit": LabelHash}, src: from + "LABEL commit=9fceb02 owner=\"ann\"\n", want: 0, onbuild: true},
		// dflint: git's longer short hashes and SHA-256 hashes are hashes.
		{name: "DL3055 twelve digits", schema: map[string]LabelType{"commit": LabelHash}, src: from + "LABEL commit=9fceb02d0ae5\n", want: 0},
		{name: "DL3055 upper case", schema: map[string]LabelType{"commit": LabelHash}, src: from + "LABEL commit=9FCEB02\n", want: 1},

		// DL3056
		{name: "DL3056 not semver", schema: map[string]LabelType{"release": LabelSemver}, src: from + "LABEL release=\"stable\"\n", want: 1, onbuild: true},
		{name: "DL3056 semver", schema: map[string]LabelType{"release": LabelSemver}, src: from + "LABEL release=\"3.1.4\"\n", want: 0, onbuild: true},
		{name: "DL3056 pre-release", schema: map[string]LabelType{"release": LabelSemver}, src: from + "LABEL release=\"3.1.4-beta2\"\n", want: 0, onbuild: true},
		{name: "DL3056 other label", schema: map[string]LabelType{"release": LabelSemver}, src: from + "LABEL release=3.1.4 owner=\"ann\"\n", want: 0, onbuild: true},
		{name: "DL3056 leading v", schema: map[string]LabelType{"release": LabelSemver}, src: from + "LABEL release=v3.1.4\n", want: 1},

		// DL3058
		{name: "DL3058 not an address", schema: map[string]LabelType{"contact": LabelEmail}, src: from + "LABEL contact=\"ann\"\n", want: 1, onbuild: true},
		{name: "DL3058 address", schema: map[string]LabelType{"contact": LabelEmail}, src: from + "LABEL contact=\"ann@acme.example\"\n", want: 0, onbuild: true},
		{name: "DL3058 other label", schema: map[string]LabelType{"contact": LabelEmail}, src: from + "LABEL contact=ann@acme.example owner=\"ann\"\n", want: 0, onbuild: true},
		{name: "DL3058 display name", schema: map[string]LabelType{"contact": LabelEmail}, src: from + "LABEL contact=\"Ann <ann@acme.example>\"\n", want: 1},
	}
	for i := range cases {
		if cases[i].code == "" {
			cases[i].code = cases[i].name[:6]
		}
	}
	runLabelCases(t, cases)
}

// An empty label of a typed key is one finding (DL3051), not also one of
// its type.
func TestDF521EmptyTypedLabel(t *testing.T) {
	fs := lintOpts(t, "FROM alpine:3.20\nLABEL homepage=\"\"\n", Options{LabelSchema: map[string]LabelType{"homepage": LabelURL}, Today: testToday, NoBuildKit: true})
	var aliases []string
	for _, fd := range fs {
		if fd.RuleID == "DF521" {
			aliases = append(aliases, fd.Check)
		}
	}
	if len(aliases) != 1 || aliases[0] != "DL3051" {
		t.Errorf("findings' codes = %q, want [DL3051]", aliases)
	}
}

func TestParseLabelType(t *testing.T) {
	for in, want := range map[string]LabelType{"": LabelText, "URL": LabelURL, "hash": LabelHash, "rfc3339": LabelRFC3339} {
		if got, err := ParseLabelType(in); err != nil || got != want {
			t.Errorf("ParseLabelType(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseLabelType("date"); err == nil || err.Error() != `unknown label type "date": use one of text, url, spdx, rfc3339, semver, hash, email` {
		t.Errorf("ParseLabelType(date): %v", err)
	}
}

package main

import (
	"strings"
	"testing"
)

// TestEnvValue: how a variable's value becomes a flag's, for dflint's
// variables (strict) and hadolint's (as hadolint reads them).
func TestEnvValue(t *testing.T) {
	for _, tc := range []struct {
		kind         envKind
		val          string
		fromHadolint bool
		want         string
		wantErr      string
		wantWarn     string
	}{
		{kind: envBool, val: "1", want: "true"},
		{kind: envBool, val: "Yes", want: "true"},
		{kind: envBool, val: "off", want: "false"},
		{kind: envBool, val: "maybe", wantErr: "use true or false"},
		// hadolint: anything but a truthy value is false.
		{kind: envBool, val: "maybe", fromHadolint: true, want: "false"},
		{kind: envRules, val: "DF503, DL3008", want: "DF503, DL3008"},
		{kind: envRules, val: "DF503,DF999", wantErr: `unknown rule "DF999"`},
		// hadolint's list: codes dflint lacks are skipped with a warning,
		// the ones no rule covers on purpose (DL3017) are kept.
		{kind: envRules, val: "DL3003,DL9999,DL3017", fromHadolint: true, want: "DL3003,DL3017", wantWarn: "no rule for DL9999"},
		{kind: envFormat, val: "tty", fromHadolint: true, want: "text"},
		{kind: envFormat, val: "sarif", fromHadolint: true, want: "sarif"},
		{kind: envFormat, val: "codacy", fromHadolint: true, wantErr: `no format for hadolint's "codacy"`},
		{kind: envFormat, val: "tty,sarif", fromHadolint: true, wantErr: "one format"},
		{kind: envString, val: "error", want: "error"},
	} {
		var warned []string
		got, err := envValue(tc.kind, tc.val, tc.fromHadolint, func(m string) { warned = append(warned, m) })
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%q: error %v, want %q", tc.val, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q (hadolint %v) = %q, %v; want %q", tc.val, tc.fromHadolint, got, err, tc.want)
		}
		if w := strings.Join(warned, "; "); (tc.wantWarn == "") != (w == "") || !strings.Contains(w, tc.wantWarn) {
			t.Errorf("%q: warnings %q, want %q", tc.val, w, tc.wantWarn)
		}
	}
}

// TestEnvNames: every variable follows DFLINT_<FLAG>, and every flag the
// environment sets exists on lint.
func TestEnvNames(t *testing.T) {
	if got := envName("disable-ignore-comments"); got != "DFLINT_DISABLE_IGNORE_COMMENTS" {
		t.Errorf("envName = %s", got)
	}
	ios := &IOStreams{In: strings.NewReader(""), Out: &strings.Builder{}, ErrOut: &strings.Builder{}, Getenv: func(string) string { return "" }}
	lint := newLintCmd(ios)
	for _, s := range envSettings {
		if lint.Flags().Lookup(s.flag) == nil {
			t.Errorf("envSettings has %s, which lint does not have", s.flag)
		}
	}
}

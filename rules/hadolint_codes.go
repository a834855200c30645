package rules

import "strings"

// UncoveredCode is a hadolint code that no dflint rule covers: one hadolint
// itself retired (or never assigned), or one dflint deliberately does not
// adopt. Such codes still resolve: `dflint explain` says what became of
// them, and --select, --ignore and ignore comments accept them, so a
// Dockerfile or CI job written for hadolint keeps working. They silence
// nothing and select nothing.
type UncoveredCode struct {
	Code string
	// Hadolint is what hadolint's rule said.
	Hadolint string
	// Retired is true when hadolint removed the rule (or never had one
	// under this number); false when hadolint still reports it and dflint
	// does not.
	Retired bool
	// Instead says what dflint does about the concern, in Markdown.
	Instead string
}

var uncoveredCodes = []UncoveredCode{
	{
		Code:     "DL3017",
		Hadolint: "Do not use `apk upgrade`.",
		Retired:  true,
		Instead: "hadolint removed this rule: upgrading the base's packages is how many images pick up " +
			"security fixes between base releases. dflint does not report `apk upgrade` either; DF404 " +
			"(apt-upgrade, info) reports `apt-get upgrade` and says why a newer base image is the better " +
			"way to get those fixes.",
	},
	{
		Code:     "DL3031",
		Hadolint: "Do not use `yum update`.",
		Retired:  true,
		Instead: "hadolint removed this rule for the same reason as DL3017 (updates carry security fixes). " +
			"dflint does not report `yum update` itself; DF442 asks for `yum clean all` after it in the same RUN, " +
			"since an update fills the package cache like an install.",
	},
	{
		Code:     "DL3039",
		Hadolint: "Do not use `dnf update`.",
		Retired:  true,
		Instead: "hadolint removed this rule for the same reason as DL3017 (updates carry security fixes). " +
			"dflint does not report `dnf update` itself; DF442 asks for `dnf clean all` after it in the same RUN, " +
			"since an update fills the package cache like an install (hadolint's DL3040 does the same for `dnf upgrade`).",
	},
	{
		Code:     "DL4002",
		Hadolint: "No rule: hadolint's source tree and README have no DL4002 (the DL4xxx series goes DL4000, DL4001, DL4003–DL4006).",
		Retired:  true,
		Instead:  "Nothing to report: the code is accepted only so that configurations naming it keep working.",
	},
}

// LookupUncovered returns the entry of a hadolint code that no dflint rule
// covers (case-insensitive).
func LookupUncovered(key string) (UncoveredCode, bool) {
	key = strings.TrimSpace(key)
	for _, c := range uncoveredCodes {
		if strings.EqualFold(c.Code, key) {
			return c, true
		}
	}
	return UncoveredCode{}, false
}

// UncoveredCodes are the hadolint codes that no dflint rule covers, in
// code order (the JSON Schema of .dflint.yaml lists them with the rules).
func UncoveredCodes() []UncoveredCode {
	return append([]UncoveredCode(nil), uncoveredCodes...)
}

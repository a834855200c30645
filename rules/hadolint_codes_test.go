package rules

import (
	"fmt"
	"testing"
)

// foreignCodes lists every hadolint DL code (DL1001, DL3000–DL3067,
// DL4000–DL4006) and every BuildKit check name.
func foreignCodes() []string {
	codes := []string{"DL1001"}
	for n := 3000; n <= 3067; n++ {
		codes = append(codes, fmt.Sprintf("DL%d", n))
	}
	for n := 4000; n <= 4006; n++ {
		codes = append(codes, fmt.Sprintf("DL%d", n))
	}
	for _, c := range buildkitChecks {
		codes = append(codes, c.Name, BuildKitPrefix+c.Name)
	}
	return codes
}

// TestEveryForeignCodeResolves holds the catalogue to its promise: every
// hadolint code and BuildKit check name names a rule, or is a hadolint code
// that explain describes; and --select, --ignore and ignore comments accept
// it.
func TestEveryForeignCodeResolves(t *testing.T) {
	for _, code := range foreignCodes() {
		rs, err := Resolve(code)
		if err != nil {
			t.Errorf("%s: %v", code, err)
			continue
		}
		if _, uncovered := LookupUncovered(code); len(rs) == 0 && !uncovered {
			t.Errorf("%s resolves to nothing", code)
		}
		if len(rs) > 0 {
			if _, uncovered := LookupUncovered(code); uncovered {
				t.Errorf("%s is both covered (by %s) and listed as uncovered", code, rs[0].ID)
			}
		}
		if _, err := NewEngine(Options{Select: []string{code}}); err != nil {
			t.Errorf("--select %s: %v", code, err)
		}
		if _, err := NewEngine(Options{Ignore: []string{code}}); err != nil {
			t.Errorf("--ignore %s: %v", code, err)
		}
	}
}

// TestUncoveredCodes checks the entries of the table explain reads.
func TestUncoveredCodes(t *testing.T) {
	for _, c := range uncoveredCodes {
		if c.Hadolint == "" || c.Instead == "" {
			t.Errorf("%s: Hadolint and Instead are required", c.Code)
		}
	}
	// Selecting only an uncovered code runs no rule (not every rule).
	e, err := NewEngine(Options{Select: []string{"DL3017"}})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(e.Rules()); n != 0 {
		t.Errorf("--select DL3017 enables %d rules, want 0", n)
	}
	// An ignore comment naming one is accepted and silences nothing else.
	src := "FROM alpine:3.20\n# hadolint ignore=DL3017\nRUN cd /src && apk upgrade\n"
	if n := countRule(lintWith(t, src, "DF503"), "DF503"); n != 1 {
		t.Errorf("DF503 findings under `ignore=DL3017`: %d, want 1", n)
	}
}

// TestDL3024IsDuplicateStageName: hadolint's duplicate stage name code
// names BuildKit's check.
func TestDL3024IsDuplicateStageName(t *testing.T) {
	rs := Lookup("DL3024")
	if len(rs) != 1 || rs[0].ID != BuildKitPrefix+"DuplicateStageName" {
		t.Fatalf("DL3024 resolves to %v", rs)
	}
	src := "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n"
	if n := countRule(lintWith(t, src, "DL3024"), rs[0].ID); n != 1 {
		t.Errorf("--select DL3024: %d DuplicateStageName findings, want 1", n)
	}
	src = "FROM alpine:3.20 AS a\n# hadolint ignore=DL3024\nFROM alpine:3.20 AS a\n"
	if n := countRule(lintWith(t, src, "DL3024"), rs[0].ID); n != 0 {
		t.Errorf("`hadolint ignore=DL3024`: %d DuplicateStageName findings, want 0", n)
	}
}

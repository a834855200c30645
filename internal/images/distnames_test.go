package images

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestForeignPackage(t *testing.T) {
	tests := []struct {
		name   string
		target OS
		from   string
		want   []string // nil: not foreign
	}{
		{"libcurl4", Alpine, "debian", []string{"libcurl"}},
		{"libcurl4", Wolfi, "debian", []string{"libcurl-openssl4"}},
		{"libcurl", Wolfi, "alpine", []string{"libcurl-openssl4"}},
		{"libcurl", Alpine, "", nil},
		{"build-base", Debian, "alpine", []string{"build-essential"}},
		{"build-base", Ubuntu, "alpine", []string{"build-essential"}},
		{"openssl-devel", Debian, "rhel", []string{"libssl-dev"}},
		{"libssl-dev", Alpine, "debian", []string{"openssl-dev"}},
		{"g++", Wolfi, "debian", []string{"gcc"}},
		// Names that are also this distribution's.
		{"gcc", Debian, "", nil},
		{"gcc", Alpine, "", nil},
		{"musl-dev", Debian, "", nil},
		{"g++", Alpine, "", nil},
		{"python3-dev", Alpine, "", nil},
		// Not judged: the entry has no Wolfi name, RHEL is only recognised,
		// and names the table does not know.
		{"python3-devel", Wolfi, "", nil},
		{"libssl-dev", RHEL, "", nil},
		{"left-pad", Alpine, "", nil},
	}
	for _, tt := range tests {
		from, want, ok := ForeignPackage(tt.name, tt.target)
		if ok != (tt.want != nil) || from != tt.from || !slices.Equal(want, tt.want) {
			t.Errorf("ForeignPackage(%q, %s) = %q, %q, %v; want %q, %q", tt.name, tt.target, from, want, ok, tt.from, tt.want)
		}
	}
}

func TestDistNamesData(t *testing.T) {
	if _, err := parseDistNames([]byte(`{"checked":"x","sources":{"debian":"a","alpine":"b","wolfi":"c","rhel":"d"},"packages":[{"debian":"a"}]}`)); err == nil {
		t.Error("an entry with one distribution parsed")
	}
	if _, err := parseDistNames([]byte(`{"checked":"x","sources":{"debian":"a","alpine":"b","wolfi":"c"},"packages":[{"debian":"a","alpine":"b"}]}`)); err == nil {
		t.Error("a table without a source for rhel parsed")
	}
	db := distNamesDB()
	// An entry's names must not collide with another distribution's names
	// of the same software in a way that makes a target's own name foreign.
	for k, names := range db.names {
		for n := range names {
			if key, _ := distKey(osOfKey(k)); key == k {
				if _, _, ok := ForeignPackage(n, osOfKey(k)); ok {
					t.Errorf("%s name %q is reported foreign on %s", k, n, k)
				}
			}
		}
	}
}

func osOfKey(k string) OS {
	switch k {
	case "debian":
		return Debian
	case "alpine":
		return Alpine
	case "wolfi":
		return Wolfi
	}
	return RHEL
}

// TestDistNamesAgreeWithPackages checks that the two tables of names give
// the same apk names for the Debian packages both know.
func TestDistNamesAgreeWithPackages(t *testing.T) {
	for _, e := range distNamesDB().Packages {
		deb, ok := e["debian"]
		if !ok {
			continue
		}
		for _, target := range []OS{Alpine, Wolfi} {
			here, ok := e[string(target)]
			if !ok {
				continue
			}
			p := ApkPackage("apt", deb, target)
			if p.Known && !slices.Contains(p.Names, here) {
				t.Errorf("apt %s on %s: packages.json says %q, distnames.json %q", deb, target, p.Names, here)
			}
		}
	}
}

// TestDistNamesWolfiIndex checks every Wolfi claim of the table against
// Wolfi's package index: each wolfi name installs, and each other name the
// table would report on Wolfi does not.
func TestDistNamesWolfiIndex(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "wolfi-packages.json"))
	if err != nil {
		t.Skipf("Wolfi index not present: %v", err)
	}
	var idx struct {
		Names    []string            `json:"names"`
		Provides map[string][]string `json:"provides"`
	}
	if err := json.Unmarshal(b, &idx); err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, n := range idx.Names {
		has[n] = true
	}
	for n := range idx.Provides {
		has[n] = true
	}
	db := distNamesDB()
	for n := range db.names["wolfi"] {
		if !has[n] {
			t.Errorf("wolfi name %q is not in Wolfi's index", n)
		}
	}
	for k, names := range db.names {
		for n := range names {
			if k == "wolfi" {
				continue
			}
			if _, _, foreign := ForeignPackage(n, Wolfi); foreign && has[n] {
				t.Errorf("%s name %q would be reported on Wolfi, but Wolfi has it", k, n)
			}
		}
	}
}

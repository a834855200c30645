package images

// Package names that differ between distributions (distnames.json), for
// DF607: a name that is another distribution's and not this one's will not
// install here. The table is small and dated: it knows the names in it,
// not the distributions' indexes.

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"sync"
)

//go:embed distnames.json
var distNamesData []byte

// distNamesDatabase is distnames.json: see its comment key.
type distNamesDatabase struct {
	Checked  string              `json:"checked"`
	Sources  map[string]string   `json:"sources"`
	Comment  string              `json:"comment"`
	Exists   map[string][]string `json:"exists"`
	Packages []map[string]string `json:"packages"`

	// names[dist] is every name the table gives dist; exists[dist] the
	// names listed as installable there too.
	names, exists map[string]map[string]bool
	// foreign[dist][name] is ForeignPackage's answer for a name of another
	// distribution, built once: rules ask it for every package installed.
	foreign map[string]map[string]foreignName
}

type foreignName struct {
	from string
	want []string
}

// distKeys are the distributions of the table; only the first three are
// judged (rhel names are only recognised).
var distKeys = []string{"debian", "alpine", "wolfi", "rhel"}

// distKey is the table's key for an OS whose names DF607 judges.
func distKey(os OS) (string, bool) {
	switch os {
	case Debian, Ubuntu:
		return "debian", true
	case Alpine:
		return "alpine", true
	case Wolfi:
		return "wolfi", true
	}
	return "", false
}

// DistributionName names a distribution key of the table as messages do.
func DistributionName(key string) string {
	switch key {
	case "debian":
		return "Debian/Ubuntu"
	case "alpine":
		return "Alpine"
	case "wolfi":
		return "Wolfi"
	case "rhel":
		return "RHEL"
	}
	return key
}

// ForeignPackage tells whether a package name installed on an image of OS
// target is, as far as the table knows, another distribution's name that
// target does not have. from is that distribution's key ("debian",
// "alpine", "wolfi", "rhel") and want target's names for the same software
// (sorted). ok is false when the table cannot tell: target is not a
// distribution it judges, the name is not in it, or the name is also
// target's.
func ForeignPackage(name string, target OS) (from string, want []string, ok bool) {
	key, judged := distKey(target)
	if !judged {
		return "", nil, false
	}
	db := distNamesDB()
	if db.names[key][name] || db.exists[key][name] {
		return "", nil, false
	}
	f, ok := db.foreign[key][name]
	return f.from, f.want, ok
}

// indexForeign builds foreign: for each distribution, the names other
// distributions give to software the table names there too.
func (db *distNamesDatabase) indexForeign() {
	db.foreign = map[string]map[string]foreignName{}
	for _, key := range distKeys {
		m := map[string]foreignName{}
		for _, e := range db.Packages {
			here, has := e[key]
			if !has {
				continue
			}
			for _, k := range distKeys {
				name, ok := e[k]
				if k == key || !ok {
					continue
				}
				f := m[name]
				if f.from == "" {
					f.from = k
				}
				if !slices.Contains(f.want, here) {
					f.want = append(f.want, here)
					sort.Strings(f.want)
				}
				m[name] = f
			}
		}
		db.foreign[key] = m
	}
}

var (
	distNamesOnce sync.Once
	distNamesDb   *distNamesDatabase
)

func distNamesDB() *distNamesDatabase {
	distNamesOnce.Do(func() {
		db, err := parseDistNames(distNamesData)
		if err != nil {
			panic(err) // embedded and tested: a build defect
		}
		distNamesDb = db
	})
	return distNamesDb
}

func parseDistNames(b []byte) (*distNamesDatabase, error) {
	var db distNamesDatabase
	if err := decodeStrict(b, &db); err != nil {
		return nil, fmt.Errorf("distribution names data: %w", err)
	}
	if db.Checked == "" || len(db.Packages) == 0 {
		return nil, fmt.Errorf("distribution names data: needs checked and packages")
	}
	known := map[string]bool{}
	for _, k := range distKeys {
		known[k] = true
		if db.Sources[k] == "" {
			return nil, fmt.Errorf("distribution names data: no source for %s", k)
		}
	}
	db.names, db.exists = map[string]map[string]bool{}, map[string]map[string]bool{}
	for k, names := range db.Exists {
		if !known[k] {
			return nil, fmt.Errorf("distribution names data: exists: unknown distribution %q", k)
		}
		db.exists[k] = map[string]bool{}
		for _, n := range names {
			db.exists[k][n] = true
		}
	}
	for i, e := range db.Packages {
		if len(e) < 2 {
			return nil, fmt.Errorf("distribution names data: entry %d names fewer than two distributions", i)
		}
		for k, n := range e {
			if !known[k] || n == "" {
				return nil, fmt.Errorf("distribution names data: entry %d: unknown distribution %q or empty name", i, k)
			}
			if db.names[k] == nil {
				db.names[k] = map[string]bool{}
			}
			db.names[k][n] = true
		}
	}
	db.indexForeign()
	return &db, nil
}

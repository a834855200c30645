package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// The registry is the single list of rules. Rule files add themselves with
// register in an init function; everything else (dflint rules, explain,
// docs, config validation, ignore comments) reads it through All and Lookup.
var registry struct {
	sync.Mutex
	registered []*Rule            // what rule files registered
	rules      []*Rule            // registered plus uncovered BuildKit checks, sorted
	index      map[string][]*Rule // lower-cased ID, name and aliases
}

func register(r *Rule) *Rule {
	registry.Lock()
	defer registry.Unlock()
	registry.registered = append(registry.registered, r)
	registry.index = nil
	return r
}

func ensureIndex() {
	registry.Lock()
	defer registry.Unlock()
	if registry.index != nil {
		return
	}
	registry.rules = append(append([]*Rule(nil), registry.registered...), buildkitRules(registry.registered)...)
	sort.SliceStable(registry.rules, func(i, j int) bool { return ruleLess(registry.rules[i], registry.rules[j]) })
	idx := map[string][]*Rule{}
	add := func(key string, r *Rule) {
		key = strings.ToLower(key)
		for _, x := range idx[key] {
			if x == r {
				return
			}
		}
		idx[key] = append(idx[key], r)
	}
	for _, r := range registry.rules {
		add(r.ID, r)
		add(r.Name, r)
		for _, a := range r.Aliases {
			add(a, r)
		}
	}
	registry.index = idx
}

// ruleLess puts DF rules first in ID order, then BuildKit's by name.
func ruleLess(a, b *Rule) bool {
	ab, bb := strings.HasPrefix(a.ID, "buildkit/"), strings.HasPrefix(b.ID, "buildkit/")
	if ab != bb {
		return !ab
	}
	return a.ID < b.ID
}

// All returns every rule, DF rules in ID order then BuildKit's checks.
func All() []*Rule {
	ensureIndex()
	return append([]*Rule(nil), registry.rules...)
}

// ByID returns the rule with exactly this ID, or nil.
func ByID(id string) *Rule {
	ensureIndex()
	for _, r := range registry.index[strings.ToLower(id)] {
		if strings.EqualFold(r.ID, id) {
			return r
		}
	}
	return nil
}

// Lookup resolves an ID, a name or an alias (DL3006, JSONArgsRecommended,
// buildkit/JSONArgsRecommended, CKV_DOCKER_3, …) to the rules it names.
// It is case-insensitive.
func Lookup(key string) []*Rule {
	ensureIndex()
	key = strings.TrimSpace(key)
	if rs := registry.index[strings.ToLower(key)]; len(rs) > 0 {
		return append([]*Rule(nil), rs...)
	}
	// ShellCheck's codes (SC2086) name its findings; see shellcheck.go.
	if code, ok := shellcheckCode(key); ok {
		return []*Rule{shellcheckRule(code)}
	}
	// "buildkit/Name" for a check that a DF rule covers.
	if name, ok := strings.CutPrefix(strings.ToLower(key), "buildkit/"); ok {
		return append([]*Rule(nil), registry.index[name]...)
	}
	return nil
}

// Resolve is Lookup that fails with a message naming the unknown key. A
// hadolint code that no rule covers (see LookupUncovered) is not an error:
// it resolves to no rule, so configurations written for hadolint keep
// working.
func Resolve(key string) ([]*Rule, error) {
	rs := Lookup(key)
	if len(rs) == 0 {
		if _, ok := LookupUncovered(key); ok {
			return nil, nil
		}
		return nil, fmt.Errorf("unknown rule %q: run `dflint rules` for the list", key)
	}
	return rs, nil
}

package buildkitcheck

import "sort"

// envList is a set of variables that remembers the order in which each was
// last set. It follows llb.EnvList (client/llb/meta.go, BuildKit v0.34.2):
// Keys lists every variable once, ordered by its latest AddOrReplace, which
// is the order BuildKit's suggestions ("did you mean $X?") search. Unlike
// llb.EnvList it is mutable: a stage copies its base's list (clone) where
// BuildKit shares an immutable chain.
type envList struct {
	vals map[string]envVal
	seq  int
}

type envVal struct {
	v   string
	seq int
}

func newEnvList() *envList { return &envList{vals: map[string]envVal{}} }

// AddOrReplace sets k, moving it to the end of Keys, as llb.EnvList does.
func (e *envList) AddOrReplace(k, v string) {
	e.seq++
	e.vals[k] = envVal{v: v, seq: e.seq}
}

// Delete removes k (llb.EnvList.Delete).
func (e *envList) Delete(k string) { delete(e.vals, k) }

func (e *envList) Get(k string) (string, bool) {
	v, ok := e.vals[k]
	return v.v, ok
}

// Keys lists the variables, least recently set first.
func (e *envList) Keys() []string {
	keys := make([]string, 0, len(e.vals))
	for k := range e.vals {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return e.vals[keys[i]].seq < e.vals[keys[j]].seq })
	return keys
}

func (e *envList) clone() *envList {
	c := &envList{vals: make(map[string]envVal, len(e.vals)), seq: e.seq}
	for k, v := range e.vals {
		c.vals[k] = v
	}
	return c
}

// emptyEnv has no variables (dockerfile2llb's shell.EnvsFromSlice(nil)).
type emptyEnv struct{}

func (emptyEnv) Get(string) (string, bool) { return "", false }
func (emptyEnv) Keys() []string            { return nil }

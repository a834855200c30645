package parser

// Rules ask questions about an instruction's context ("is there a SHELL
// before it in its stage chain?") once per instruction. Answered by a walk
// of the chain each time, a file of many RUNs or many chained stages costs
// time quadratic (or cubic) in its length, and the 1 MiB cap on a file
// bounds nothing (issue 17). The helpers here answer such questions from
// facts kept once per stage, and CountWork lets a test see the difference
// without timing anything.

// CountWork adds n to the file's work count: the instructions and stages
// visited by the walks that reach beyond one instruction (ChainInstructions,
// Chain, Memo, and the walkers of other packages that call it). It is
// deterministic, unlike time, so a test can check that the work of linting
// a file grows linearly with its length.
func (f *File) CountWork(n int) { f.work.Add(int64(n)) }

// Work returns the file's work count so far (see CountWork).
func (f *File) Work() int64 { return f.work.Load() }

// FileMemo returns what compute gives for the file, computed once per file
// and key, with the rules of Memo. It is for indexes that answer a
// per-instruction question without a walk of the file each time.
func FileMemo[T any](f *File, key any, compute func(*File) T) T {
	f.CountWork(1)
	f.memoMu.Lock()
	v, ok := f.memo[key]
	f.memoMu.Unlock()
	if ok {
		return v.(T)
	}
	t := compute(f)
	f.memoMu.Lock()
	defer f.memoMu.Unlock()
	if v, ok := f.memo[key]; ok {
		return v.(T)
	}
	if f.memo == nil {
		f.memo = map[any]any{}
	}
	f.memo[key] = t
	return t
}

// stageMemoKey keeps StageMemo's keys apart from Memo's on the FROM.
type stageMemoKey struct{ key any }

// StageMemo returns what compute gives for the stage, computed once per
// stage and key, with the rules of Memo: a fact of the file alone, a key of
// an unexported type of the calling package, a value nobody modifies.
func StageMemo[T any](s *Stage, key any, compute func(*Stage) T) T {
	return Memo(s.From, stageMemoKey{key}, func(*Instruction) T { return compute(s) })
}

// chainFoldKey keeps ChainFold's facts apart per caller key.
type chainFoldKey struct{ key any }

// ChainFold returns step applied along s's chain, root first: step(zero,
// root), then step of that and the next stage, up to s. Each stage's value
// is kept (per key, as with Memo) and built from its base stage's, so
// asking it for every stage or instruction of a file costs one step per
// stage. step must depend on the file alone, look at the instructions of
// the stage it is given (not at other stages), and key must stand for step
// and zero as with Memo.
func ChainFold[T any](s *Stage, key any, zero T, step func(acc T, s *Stage) T) T {
	k := chainFoldKey{key}
	// Walk down to the nearest stage that already has its value, then
	// build the values back up: no recursion as deep as a chain.
	var pending []*Stage
	acc := zero
	for x := s; x != nil; x = x.BaseStage {
		if v, ok := memoLookup(x.From, k); ok {
			acc = v.(T)
			break
		}
		pending = append(pending, x)
		if x.BaseStage != nil && x.BaseStage.Index >= x.Index {
			break // not made by the parser: keep the walk finite
		}
	}
	for i := len(pending) - 1; i >= 0; i-- {
		x := pending[i]
		x.From.File.CountWork(len(x.Instructions))
		next := step(acc, x)
		acc = Memo(x.From, k, func(*Instruction) T { return next })
	}
	return acc
}

// firstInChainKey keeps FirstInChain's facts apart from ChainFold's.
type firstInChainKey struct{ key any }

// FirstInChain returns the first instruction, in build order, of s's chain
// (the stages s is built on, then s) for which match is true; nil when
// none is. It is a ChainFold: asking it for every instruction of a file
// costs one look at each instruction. The instructions are given as they
// are in the stages: ONBUILDs with their Trigger, not the triggers alone.
// match must depend on the instruction alone, and key must stand for match
// as with Memo.
func FirstInChain(s *Stage, key any, match func(*Instruction) bool) *Instruction {
	return ChainFold(s, firstInChainKey{key}, nil, func(found *Instruction, s *Stage) *Instruction {
		if found != nil {
			return found
		}
		for _, in := range s.Instructions {
			if match(in) {
				return in
			}
		}
		return nil
	})
}

// FirstBefore returns the first instruction of in's stage chain that comes
// before in and for which match is true (see FirstInChain), nil when none
// does.
func FirstBefore(in *Instruction, key any, match func(*Instruction) bool) *Instruction {
	if in.Stage == nil {
		return nil
	}
	x := FirstInChain(in.Stage, key, match)
	if x == nil || x.Stage == in.Stage && x.Index >= in.Index {
		return nil
	}
	return x
}

// memoLookup returns a fact Memo stored, without computing it.
func memoLookup(in *Instruction, key any) (any, bool) {
	in.memoMu.Lock()
	defer in.memoMu.Unlock()
	v, ok := in.memo[key]
	return v, ok
}

// foldBeforeKey keeps FoldBefore's facts apart per caller key.
type foldBeforeKey struct{ key any }

// FoldBefore returns step applied, from zero, to every instruction of in's
// stage chain that comes before in, in build order: the instructions of
// the stages its stage is built on, then those of its own stage before it
// (before its ONBUILD, for a trigger). The values are kept per stage and
// position (per key, as with Memo), so asking it for every instruction of
// a file costs one step per instruction. step must depend on the
// instruction alone, and key must stand for step and zero.
func FoldBefore[T any](in *Instruction, key any, zero T, step func(acc T, x *Instruction) T) T {
	s := in.Stage
	if s == nil {
		return zero
	}
	k := foldBeforeKey{key}
	prefix := StageMemo(s, k, func(s *Stage) []T {
		acc := zero
		if s.BaseStage != nil {
			acc = ChainFold(s.BaseStage, k, zero, func(acc T, b *Stage) T {
				for _, x := range b.Instructions {
					acc = step(acc, x)
				}
				return acc
			})
		}
		s.From.File.CountWork(len(s.Instructions))
		// prefix[i] is the value before the stage's i-th instruction.
		prefix := make([]T, len(s.Instructions)+1)
		for i, x := range s.Instructions {
			prefix[i] = acc
			acc = step(acc, x)
		}
		prefix[len(s.Instructions)] = acc
		return prefix
	})
	i := in.Index - s.From.Index
	if in.Parent != nil {
		i = in.Parent.Index - s.From.Index
	}
	return prefix[max(0, min(i, len(prefix)-1))]
}

package parser

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

type testEnv map[string]string

func (e testEnv) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }
func (e testEnv) Keys() []string              { return nil }

func TestExpanderLimits(t *testing.T) {
	big := strings.Repeat("a", 40<<10)
	env := testEnv{"A": "abc", "BIG": big, "K1": strings.Repeat("k", 1000)}
	tests := []struct {
		word string
		want string
		err  error
	}{
		{"x${A}y", "xabcy", nil},
		{"${A%c}", "ab", nil},
		{"${A//b/-}", "a-c", nil},
		{"${BIG}", big, nil},
		// 80 KiB: past the 64 KiB of one value.
		{"${BIG}${BIG}", "", ErrExpansionLimit},
		// Quadratic: a thousand copies of a thousand bytes, refused before
		// it is built.
		{"${K1//?/$K1}", "", ErrExpansionLimit},
		// Trimming a long value by a long pattern costs their product.
		{"${K1##${K1}}", "", ErrExpansionLimit},
	}
	for _, tt := range tests {
		x := NewExpander('\\')
		res, err := x.Expand(tt.word, env, nil)
		if !errors.Is(err, tt.err) && err != tt.err || res.Result != tt.want {
			t.Errorf("%.40q: %.40q %v, want %.40q %v", tt.word, res.Result, err, tt.want, tt.err)
		}
	}
	unknown := func(k string) bool { return k == "A" }
	if _, err := NewExpander('\\').Expand("x$A", env, unknown); !errors.Is(err, ErrUnknownValue) {
		t.Errorf("a word that reads an unknown value: %v, want ErrUnknownValue", err)
	}
}

// TestExpanderBudget: 20,000 ARGs that each add a byte to the one before
// ask for 200 MB of expansion in all; the file's budget stops it at
// MaxExpansionWork, with one error for the word that spent it and the
// others unknown.
func TestExpanderBudget(t *testing.T) {
	x := NewExpander('\\')
	env := testEnv{"A0": "x"}
	limited, unknownAfter := 0, 0
	pastLimit := map[string]bool{}
	for i := 1; i <= 20000; i++ {
		k, prev := fmt.Sprint("A", i), fmt.Sprint("A", i-1)
		res, err := x.Expand("${"+prev+"}x", env, func(k string) bool { return pastLimit[k] })
		switch {
		case errors.Is(err, ErrExpansionLimit):
			limited++
			pastLimit[k] = true
		case errors.Is(err, ErrUnknownValue):
			unknownAfter++
			pastLimit[k] = true
		case err != nil:
			t.Fatal(err)
		default:
			env[k] = res.Result
		}
	}
	if limited != 1 || unknownAfter == 0 || x.budget.left < 0 {
		t.Errorf("%d words past the limit, %d unknown after it, %d left: want 1, many, >= 0", limited, unknownAfter, x.budget.left)
	}
	if n := len(env); n < 1000 || n > 2000 {
		t.Errorf("%d values expanded within 1 MiB, want about 1,450", n)
	}
}

// A word without a variable costs nothing: it is as long as the file
// allows already.
func TestExpanderLiteralIsFree(t *testing.T) {
	x := NewExpander('\\')
	x.budget.left = 0
	if res, err := x.Expand(`"plain words"`, testEnv{}, nil); err != nil || res.Result != "plain words" {
		t.Errorf("%q %v", res.Result, err)
	}
}

// TestLiteralWordsAreTheirOwnExpansion checks isLiteral's promise, that Lex
// gives such a word back unchanged, on words from an alphabet of every
// other character Lex treats specially, for both escape characters.
func TestLiteralWordsAreTheirOwnExpansion(t *testing.T) {
	alphabet := []rune("a Z0_-./:=,@+~*?[]{}()#%!&|;<>^\t\n\u00a0é€${}")
	rng := rand.New(rand.NewPCG(1, 17))
	for range 20000 {
		w := make([]rune, rng.IntN(12))
		for i := range w {
			w[i] = alphabet[rng.IntN(len(alphabet))]
		}
		word := string(w)
		if strings.ContainsRune(word, '$') || !isLiteral(word) {
			continue
		}
		for _, escape := range []rune{'\\', '`'} {
			for _, skipQuotes := range []bool{false, true} {
				lex := shell.NewLex(escape)
				lex.SkipProcessQuotes = skipQuotes
				res, err := lex.ProcessWordWithMatches(word, shell.EnvsFromSlice(nil))
				if err != nil || res.Result != word {
					t.Fatalf("Lex(escape %q, skip quotes %v) of %q = %q, %v; want the word itself", escape, skipQuotes, word, res.Result, err)
				}
				x := NewExpander(escape).WithLex(lex)
				if got, err := x.ExpandWords(word, shell.EnvsFromSlice(nil), nil); err != nil || !slices.Equal(got.Words, res.Words) {
					t.Fatalf("ExpandWords(%q) words %q, %v; Lex's %q", word, got.Words, err, res.Words)
				}
			}
		}
	}
	for _, word := range []string{`"a"`, `'a'`, `a\ b`, "a` b"} {
		if isLiteral(word) {
			t.Errorf("isLiteral(%q) = true; Lex changes it", word)
		}
	}
}

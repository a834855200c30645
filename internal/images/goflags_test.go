package images

import (
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestGoFlagSupported(t *testing.T) {
	cases := []struct {
		image, flag string
		want        bool
	}{
		{"golang:1.12-alpine", "-trimpath", false},
		{"golang:1.12.17", "-trimpath", false},
		{"golang:1.13", "-trimpath", true},
		{"golang:1.22-bookworm", "-trimpath", true},
		{"golang:2.0", "-trimpath", true},
		{"golang", "-trimpath", true},
		{"golang:alpine", "-trimpath", true},
		{"golang:1-alpine", "-trimpath", true},
		{"cgr.dev/chainguard/go:latest", "-trimpath", true},
		// A Go whose version is not known: only the flags of Go 1.
		{"tinygo/tinygo:0.30.0", "-trimpath", false},
		{"tinygo/tinygo:0.30.0", "-ldflags", true},
		{"golang:1.8", "-o", true},
		{"golang:1.22", "-nosuchflag", false},
	}
	for _, c := range cases {
		ref, err := parser.ParseImageRef(c.image)
		if err != nil {
			t.Fatal(err)
		}
		if got := GoFlagSupported(ref, c.flag); got != c.want {
			t.Errorf("GoFlagSupported(%s, %s) = %v, want %v", c.image, c.flag, got, c.want)
		}
	}
}

package parser

import "testing"

func TestImageRefWithTag(t *testing.T) {
	tests := []struct{ ref, tag, want string }{
		{"python:3.12", "3.12-slim", "python:3.12-slim"},
		{"python", "alpine", "python:alpine"},
		// Docker Hub's official images are written short, however the
		// reference spelled them.
		{"docker.io/library/python:3", "3-slim", "python:3-slim"},
		{"library/node:20", "20-slim", "node:20-slim"},
		{"bitnami/redis:7.2", "7.2-debian-12", "bitnami/redis:7.2-debian-12"},
		// A digest does not carry over: it names the old tag's image.
		{"python:3.12@sha256:0000000000000000000000000000000000000000000000000000000000000000", "3.12-slim", "python:3.12-slim"},
		{"gcr.io/distroless/static-debian12:nonroot", "latest", "gcr.io/distroless/static-debian12:latest"},
		{"localhost:5000/team/app", "1.0", "localhost:5000/team/app:1.0"},
	}
	for _, tt := range tests {
		ref, err := ParseImageRef(tt.ref)
		if err != nil {
			t.Fatalf("%s: %v", tt.ref, err)
		}
		if got := ref.WithTag(tt.tag); got != tt.want {
			t.Errorf("%s.WithTag(%q) = %q, want %q", tt.ref, tt.tag, got, tt.want)
		}
	}
}

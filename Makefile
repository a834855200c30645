# Developer entry points. `make test` is what CI runs (.ci/run).

GO      ?= go
BIN     := bin/dflint
# The developers' programs (internal/hitrate, internal/bench/report,
# internal/release) build only with this tag, so that `go install ./...`,
# which is how pre-commit installs a golang hook, installs dflint alone.
# Tests, vet and gofmt take the tag so that they still see those packages.
TAGS    := -tags devtools
# The packages' directories: gofmt checks exactly what `go build` sees, not
# scratch directories or testdata.
GODIRS   = $(shell $(GO) list $(TAGS) -f '{{.Dir}}' ./...)

.PHONY: build run test vet fmt fmt-check bench hitrate verify-builds fuzz release

build:
	$(GO) build -o $(BIN) ./cmd/dflint

# Lint the example offline. Its findings are the point of the example, so
# --fail-level none keeps them from failing make; exit code 2 (a file that
# is missing or does not parse) still does.
run: build
	./$(BIN) lint --fail-level none examples/flask

test: vet fmt-check
	$(GO) test $(TAGS) ./...

vet:
	$(GO) vet $(TAGS) ./...

fmt:
	gofmt -w $(GODIRS)

fmt-check:
	@out="$$(gofmt -l $(GODIRS))"; if [ -n "$$out" ]; then echo "gofmt needed (run make fmt):"; echo "$$out"; exit 1; fi

# Fuzz each target for FUZZTIME, a duration (10s) or a count of inputs
# (3000x: what CI runs, see .ci/run) (Go runs one target per invocation). A
# failing input is written to <package>/testdata/fuzz/<Target>/; commit it
# with the fix and plain `go test` replays it as a regression test.
FUZZTIME ?= 10s
FUZZ_TARGETS = ./internal/bkparse:FuzzSameAsBuildKit ./parser:FuzzParse ./parser:FuzzShellMapping ./rules:FuzzLint ./rewrite:FuzzFix ./internal/buildkitcheck:FuzzParity ./internal/lsp:FuzzStream ./internal/visible:FuzzString
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "fuzz $$pkg $$name for $(FUZZTIME)"; \
	  $(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

# Benchmarks (parse, lint and fix of ../shared/corpus, the corpus lint next
# to BuildKit's DockerfileLint in one process, a 5,000-line file, 10,000
# files, adversarial shapes at 1 MiB) and whole-process timings of
# `dflint lint`, written to docs/benchmarks.md with the machine's core
# count. BENCHTIME and RUNS trade time for precision.
BENCHTIME ?= 3x
RUNS      ?= 5
bench:
	$(GO) run $(TAGS) ./internal/bench/report -out docs/benchmarks.md -benchtime $(BENCHTIME) -runs $(RUNS)

# How often each rule fires on the real files of the corpus: docs/hitrate.md.
# The files are linted laid out at their repositories' own paths (in a
# temporary folder), so that rules reading the build context see each
# repository's folders. BEFORE=old.md adds each rule's counts from an
# earlier table beside the new ones (e.g. BEFORE=/tmp/hitrate-main.md
# after `git show main:docs/hitrate.md > /tmp/hitrate-main.md`).
BEFORE ?=
hitrate:
	$(GO) run $(TAGS) ./internal/hitrate -corpus ../shared/corpus -out docs/hitrate.md $(if $(BEFORE),-before $(BEFORE))

# Build every case of internal/buildverify before and after `dflint fix`
# with buildah, run both with podman, and compare (needs root and the
# Debian packages .ci/run installs; takes minutes). UPDATE=1 also rewrites
# the sizes and build times in docs/rewrites.md. The corpus cases are 2
# real Dockerfiles per base family; FULL=1 takes 30 per family (an hour or
# more) and also builds the DF201 evaluation cases marked `full: true`.
verify-builds:
	DFLINT_VERIFY_BUILDS=1 $(if $(FULL),DFLINT_VERIFY_FULL=1) $(GO) test -count=1 -timeout $(if $(FULL),180m,40m) -v -run 'TestVerifyBuilds' ./internal/buildverify $(if $(UPDATE),-args -update)

# The release assets in dist/ (internal/release): an archive for linux,
# darwin and windows on amd64 and arm64 with its CycloneDX SBOM, the
# checksums file, and the bare Linux binaries the Dockerfile copies. HEAD
# must be at a v* tag and the checkout clean; SNAPSHOT=1 builds any commit
# as <last tag>-SNAPSHOT-<commit> (what CI runs). Reproducible: two runs on
# one commit write the same checksums.
SNAPSHOT ?=
release:
	$(GO) run $(TAGS) ./internal/release -clean -out dist $(if $(SNAPSHOT),-snapshot)

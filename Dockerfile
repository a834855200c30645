# syntax=docker/dockerfile:1
# check=error=true

# The dflint image: the release binary on distroless static, run as the
# nonroot user (65532). It copies what `make release` built (the bare
# binaries in dist/linux_<arch>/), so the image holds the same binary as
# the release archives. Build from the release folder:
#
#   make release SNAPSHOT=1
#   buildah build --platform linux/amd64 -f Dockerfile -t dflint dist
#
# and lint a Dockerfile on standard input, as with hadolint's image:
#
#   docker run --rm -i dflint < Dockerfile
#
# The base is pinned by digest: gcr.io/distroless/static-debian12:nonroot
# as of 2026-08-26 (a public Dockerfile pinned with that date, found by
# code search on 2026-12-07; Renovate's updates of the tag before it:
# d093aa3 2026-05-18, aef9602 2026-07-16, f5b485e 2026-08-03, in
# bug-ops/zeph). To update: crane digest gcr.io/distroless/static-debian12:nonroot
FROM gcr.io/distroless/static-debian12:nonroot@sha256:afa5c872c891853ca7fcf1f12c3edb23f7eeef36189728842dd51042ff57f7ab

# Set by buildah and docker buildx for each platform built.
ARG TARGETARCH
# Set by the release workflow: the tag, the commit and its date.
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z

LABEL org.opencontainers.image.title="dflint" \
      org.opencontainers.image.description="Lint and fix Dockerfiles: dflint's rules and BuildKit's build checks, offline" \
      org.opencontainers.image.source="https://github.com/dflint/dflint" \
      org.opencontainers.image.url="https://github.com/dflint/dflint" \
      org.opencontainers.image.documentation="https://github.com/dflint/dflint/blob/main/docs/integrations.md" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="gcr.io/distroless/static-debian12:nonroot"

COPY --chmod=0555 linux_${TARGETARCH}/dflint /usr/local/bin/dflint

USER 65532:65532
WORKDIR /home/nonroot

# `docker run --rm -i IMAGE < Dockerfile` lints standard input; any other
# arguments replace the command: `docker run --rm -v "$PWD:/src" -w /src
# IMAGE lint .`, `docker run --rm IMAGE version`.
ENTRYPOINT ["/usr/local/bin/dflint"]
CMD ["lint", "-"]

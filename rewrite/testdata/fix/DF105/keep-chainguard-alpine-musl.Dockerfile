# Alpine's musl has no Chainguard equivalent: Wolfi is glibc, static has no libc.
FROM alpine:3.20
RUN apk add --no-cache musl-dev make ca-certificates
COPY server /server
ENTRYPOINT ["/server"]

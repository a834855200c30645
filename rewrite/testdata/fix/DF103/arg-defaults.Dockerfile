ARG GO_VERSION=1.23
ARG RUNTIME="alpine:3.20"
FROM golang:${GO_VERSION} AS build
RUN go version
FROM $RUNTIME
COPY --from=build /go/bin /usr/local/bin

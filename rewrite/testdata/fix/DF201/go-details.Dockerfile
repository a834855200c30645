# syntax=docker/dockerfile:1
FROM golang:1.22-alpine
ARG VERSION=dev
LABEL org.opencontainers.image.source="https://example.com/api"
ENV GOPROXY=https://proxy.golang.org GOFLAGS=-mod=readonly
ENV APP_ENV=production
RUN apk add --no-cache git ca-certificates tzdata
RUN adduser -D -u 10001 app
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build \
      -ldflags "-X main.version=${VERSION}" \
      -o /out/api ./cmd/api
USER app

# The API listens here.
EXPOSE 8080
HEALTHCHECK CMD ["/out/api", "healthcheck"]
ENTRYPOINT ["/out/api"]
CMD ["serve", "--port", "8080"]

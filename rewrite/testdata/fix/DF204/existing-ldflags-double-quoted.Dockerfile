FROM golang:1.23 AS build
WORKDIR /src
COPY . .
ARG VERSION=dev
RUN go mod download && \
    GOOS=linux go build -ldflags="-X main.version=${VERSION}" \
      -o /app ./cmd/app

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]

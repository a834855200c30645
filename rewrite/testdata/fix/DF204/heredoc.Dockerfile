FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN <<EOF
set -e
go build -o /app .
EOF

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]

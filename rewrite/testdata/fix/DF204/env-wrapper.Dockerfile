FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN env GOARCH=amd64 go build -ldflags "-s -w" -o /app .

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]

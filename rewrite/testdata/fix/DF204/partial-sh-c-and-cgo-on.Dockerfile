FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN sh -c 'go build -o /app .'
RUN CGO_ENABLED=1 go build -o /app2 ./cmd/two
RUN go build -o /app3 ./cmd/three

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]

FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -ldflags=$LDFLAGS -o /app .

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]

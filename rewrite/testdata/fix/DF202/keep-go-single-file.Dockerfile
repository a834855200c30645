FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /hello main.go

FROM scratch
COPY --from=build /hello /hello
ENTRYPOINT ["/hello"]

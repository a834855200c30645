FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -trimpath -ldflags '-w -X main.commit=abc' -o /app .

FROM alpine:3.20
COPY --from=build /app /usr/local/bin/app
CMD ["app"]

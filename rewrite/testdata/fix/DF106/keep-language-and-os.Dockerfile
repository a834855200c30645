FROM golang:1.21.5-alpine3.17 AS build
RUN go build -o /app .

FROM debian:buster-slim
COPY --from=build /app /app

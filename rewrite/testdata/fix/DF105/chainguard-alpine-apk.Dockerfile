FROM alpine:3.20
RUN apk add --no-cache musl-dev make ca-certificates
COPY server /server
ENTRYPOINT ["/server"]

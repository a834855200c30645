FROM debian:bookworm
COPY server /server
ENTRYPOINT ["/server"]

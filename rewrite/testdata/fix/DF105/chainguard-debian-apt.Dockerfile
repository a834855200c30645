FROM debian:bookworm-slim
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && \
    apt-get install -y --no-install-recommends ca-certificates curl tzdata && \
    apt-get clean && \
    rm -rf /var/lib/apt/lists/*
COPY bin/server /usr/local/bin/server
USER 65532
ENTRYPOINT ["/usr/local/bin/server"]

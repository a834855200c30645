FROM ubuntu:24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/app
COPY --from=ghcr.io/example/tool:1 /tool /usr/local/bin/tool
COPY app/ ./
ENTRYPOINT ["/opt/app/run"]

FROM debian:12
RUN apt-get update && \
    # tools for the build
    apt-get install --no-install-recommends \
      ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*

FROM debian:12
RUN apt update && \
    # tools
    apt install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

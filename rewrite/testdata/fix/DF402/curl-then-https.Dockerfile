FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y curl \
    && curl -fsSL https://example.com/install.sh -o /tmp/install.sh \
    && rm -rf /var/lib/apt/lists/*

FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*

FROM debian:12
RUN apt-get update \
 # the tools
 && apt-get install -y \
      ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*

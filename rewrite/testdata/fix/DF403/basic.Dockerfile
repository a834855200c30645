FROM debian:12
RUN apt-get update \
 # the tools
 && apt-get install -y --no-install-recommends \
      ca-certificates curl

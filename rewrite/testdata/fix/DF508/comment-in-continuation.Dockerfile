FROM debian:12
RUN apt-get update \
# list the packages
    && curl -fsSL https://example.com/install.sh | sh

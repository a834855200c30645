FROM debian:12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN a | b
RUN set -o pipefail && c | d

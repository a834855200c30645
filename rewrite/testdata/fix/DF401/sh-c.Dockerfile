FROM debian:12
RUN sh -c "apt-get -q install curl" && apt install -y git

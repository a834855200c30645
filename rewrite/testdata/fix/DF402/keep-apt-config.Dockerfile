FROM debian:12
RUN apt-get -o APT::Install-Recommends=0 install -y curl

FROM debian:12
RUN apt-get -qy install curl

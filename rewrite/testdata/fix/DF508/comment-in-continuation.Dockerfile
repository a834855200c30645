FROM debian:12
RUN apt-get update \
# list the packages
    && dpkg -l | grep ssl

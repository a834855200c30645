FROM alpine:3.20
ADD files/* /srv/

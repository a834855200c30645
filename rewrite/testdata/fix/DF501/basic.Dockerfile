FROM alpine:3.20
CMD nginx \
    -g 'daemon off;'

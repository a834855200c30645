FROM alpine:3.20
RUN apk update \
 && apk add --virtual .deps gcc make \
 && make && apk del .deps \
 && rm -rf /var/cache/apk/* \
 && apk add curl

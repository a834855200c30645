FROM alpine:3.20
RUN apk add --no-cache musl-locales musl-locales-lang
CMD ["sh"]

FROM alpine:3.20
RUN apk add --no-cache zsh-vcs
CMD ["sh"]

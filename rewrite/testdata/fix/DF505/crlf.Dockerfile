FROM alpine:3.20
ENTRYPOINT ["a"]
ENTRYPOINT ["b"]
CMD x

FROM alpine:3.20
CMD echo one \
# a comment inside
    two
# the real one
CMD ["ash"]

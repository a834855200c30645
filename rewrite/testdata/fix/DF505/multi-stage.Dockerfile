FROM alpine:3.20 AS build
CMD ["a"]
CMD ["b"]
FROM alpine:3.20
CMD ["c"]
CMD ["d"]
ENTRYPOINT ["e"]

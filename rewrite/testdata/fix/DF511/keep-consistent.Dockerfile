FROM alpine:3.20 AS build
RUN a
FROM build
CMD ["b"]

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
WORKDIR /app
COPY server ./
EXPOSE 8080
CMD ["./server"]
